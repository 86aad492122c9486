import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn, trackedPage } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { waitFor } from '../support/webStack.js';
import { contestazioneDeadline, disciplinareE2eProcess, E2E_JOB_TYPE, E2E_PROCESS_ID } from './support/disciplinareE2eProcess.js';
import { deployFiles, formFile, produceTestDocument, startTaskStack, type TaskStack } from './support/taskStack.js';

let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let instanceKey: string;

const newPage = (): Promise<Page> => trackedPage(browser, contexts, pageErrors);

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  browser = await launchChromium();
  await deployFiles(stack, [formFile('disciplinare-notizia-fatto.form'), formFile('disciplinare-contestazione.form'), { name: `${E2E_PROCESS_ID}.bpmn`, content: disciplinareE2eProcess() }]);
  const created = await stack.zeebe.createProcessInstance({
    bpmnProcessId: E2E_PROCESS_ID,
    variables: { codiceIstat: '108033', idProcedimento: 'UPD-2025-042', dataConoscenza: '2025-03-03' },
  } as never);
  instanceKey = String(created.processInstanceKey);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('a disciplinary case through the task list in Chromium', () => {
  let provincia: Page;
  let secondTab: Page;

  it('the Comune registers the notizia del fatto through its form', async () => {
    // given
    const comune = await newPage();
    await signIn(comune, stack.url, 'comune');
    await comune.goto(`${stack.url}/#/tasks`);
    const row = comune.locator('#tasks-table tr[data-element-id="Task_RegistraNotizia"]');
    await row.waitFor();
    await row.getByRole('link').click();
    await comune.locator('#task-form .fjs-form').waitFor();

    // then: prefilled from the case
    await expect.poll(() => comune.getByLabel('Codice ISTAT del Comune').inputValue()).toBe('108033');

    // when: a wrong codice fiscale is refused in the browser first
    await comune.getByLabel('Matricola del dipendente').fill('M-1042');
    await comune.getByLabel('Codice fiscale del dipendente').fill('rossi');
    await comune.getByLabel('Descrizione dei fatti').fill('Assenza ingiustificata dal servizio il 28 febbraio.');
    await comune.getByLabel('Sanzione superiore (competenza dell’UPD)').check();
    await comune.locator('#task-complete').click();
    await expect.poll(() => comune.locator('#task-message').textContent()).toContain('Correggi i campi');
    await screenshot(comune, 'tasks-01-comune-form-invalid');
    await comune.getByLabel('Codice fiscale del dipendente').fill('RSSMRA80A01F704X');
    await comune.locator('#task-complete').click();

    // then
    await expect.poll(() => comune.locator('#task-message').textContent()).toContain('Attività completata');
    await screenshot(comune, 'tasks-02-comune-completed');
    await waitFor(async () => (await stack.engine.getProcessInstanceStatistics(instanceKey)).some((s) => s.elementId === 'Service_CalcolaScadenze' && s.active === 1), 10_000, 'the instance to move on');
  });

  it('the Provincia sees the new task appear without reloading, with its deadline and legal source', async () => {
    // given: the UPD officer has the list open before the task exists
    provincia = await newPage();
    await signIn(provincia, stack.url, 'provincia');
    await provincia.goto(`${stack.url}/#/tasks`);
    await provincia.locator('#task-results').waitFor();

    // when: the deadlines and documents workers do their part
    const jobs = await waitFor(async () => {
      const found = await stack.zeebe.activateJobs({ type: E2E_JOB_TYPE, worker: 'test', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: 1000 } as never);
      return found.length > 0 && found;
    });
    await produceTestDocument(stack, instanceKey, 'UPD-2025-042', 'notizia-del-fatto');
    await stack.zeebe.completeJob({ jobKey: jobs[0].key, variables: contestazioneDeadline(new Date()) } as never);

    // then
    const row = provincia.locator('#tasks-table tr[data-element-id="Task_RedigiContestazione"]');
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => provincia.locator('#task-notices').textContent()).toContain('Nuova attività');
    expect(await row.locator('.deadline').textContent()).toContain('perentorio');
    await screenshot(provincia, 'tasks-03-provincia-list');
  });

  it('the Provincia opens the task: diagram, deadline, documents; fills the contestazione and completes it', async () => {
    // given: a second tab on the same task and one on the list
    const row = provincia.locator('#tasks-table tr[data-element-id="Task_RedigiContestazione"]');
    const href = await row.getByRole('link').getAttribute('href');
    secondTab = await provincia.context().newPage();
    await secondTab.goto(`${stack.url}/${href}`);
    const listTab = await provincia.context().newPage();
    await listTab.goto(`${stack.url}/#/tasks`);
    await listTab.locator('#tasks-table tr[data-element-id="Task_RedigiContestazione"]').waitFor();
    await row.getByRole('link').click();
    await provincia.locator('#task-form .fjs-form').waitFor();

    // then: the context beside the form
    await provincia.locator('#task-diagram .djs-element.hr-current-task[data-element-id="Task_RedigiContestazione"]').waitFor();
    expect(await provincia.locator('#task-deadlines').textContent()).toContain('art. 55-bis c.4 D.Lgs. 165/2001');
    expect(await provincia.locator('#task-deadlines').textContent()).toContain('perentorio');
    const doc = provincia.locator('#task-documents a');
    expect(await doc.textContent()).toContain('notizia-del-fatto');
    const pdf = await provincia.context().request.get(`${stack.url}${await doc.getAttribute('href')}`);
    expect(pdf.headers()['content-disposition']).toMatch(/attachment; filename="notizia-del-fatto-\d+\.pdf"/);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // when: claim, fill the form, complete
    await provincia.locator('#task-claim').click();
    await expect.poll(() => provincia.locator('#task-message').textContent()).not.toBe('');
    expect(await provincia.locator('#task-message').textContent()).toBe('Attività presa in carico.');
    await expect.poll(() => provincia.locator('#task-assignee').textContent()).toBe('provincia');
    await provincia.getByLabel('Fatti contestati e norme violate').fill('Assenza ingiustificata dal servizio (art. 55-quater).');
    await provincia.locator('.fjs-form-field-select .fjs-input-group').click();
    await provincia.locator('.fjs-dropdownlist-item', { hasText: 'Multa fino a 4 ore di retribuzione' }).click();
    await provincia.getByLabel('Audizione (data)').fill('15/04/2030');
    await provincia.getByLabel('Audizione (data)').press('Enter');
    await provincia.getByLabel('Audizione (ora)').fill('10:00');
    await provincia.getByLabel('Audizione (ora)').press('Enter');
    await provincia.getByLabel('Luogo dell’audizione').fill('Provincia di Monza e della Brianza, sala UPD');
    await screenshot(provincia, 'tasks-04-provincia-form');
    await provincia.locator('#task-complete').click();

    // then
    await expect.poll(() => provincia.locator('#task-message').textContent(), { timeout: 10_000 }).toContain('Attività completata');
    await waitFor(async () => (await stack.engine.getProcessInstance(instanceKey))?.state === 'COMPLETED', 10_000, 'the case to end');
    const vars = await stack.engine.searchVariables({ processInstanceKey: instanceKey, name: 'sanzioneMassimaPrevista' });
    expect(vars[0]?.value).toBe('"multa"');
    // the list in the other tab drops the task
    await listTab.locator('#tasks-table tr[data-element-id="Task_RedigiContestazione"]').waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(provincia, 'tasks-05-provincia-completed');
  });

  it('the second tab learns the task is closed, and a late completion gets a clear 409', async () => {
    await expect.poll(() => secondTab.locator('#task-message').textContent(), { timeout: 10_000 }).toContain('non è più aperta');
    expect(await secondTab.locator('#task-complete').isDisabled()).toBe(true);
    const late = await secondTab.evaluate(async (url) => {
      const session = await (await fetch('/api/session')).json();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: '{"variables":{}}' });
      return { status: res.status, body: await res.json() };
    }, `/api/tasks/${(await secondTab.url()).split('/').pop()}/complete`);
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('già completata da provincia');
    await screenshot(secondTab, 'tasks-06-second-tab-closed');
  });

  it('shows the scadenzario and raises no page errors', async () => {
    const page = await newPage();
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/scadenzario`);
    await page.locator('#register-summary').waitFor();
    await screenshot(page, 'tasks-07-scadenzario');
    expect(pageErrors).toEqual([]);
  });
});
