import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { followNavLink, launchChromium, screenshot, signIn, trackedPage } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { WebClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { deployFiles, formFile, processFile, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

const newPage = (): Promise<Page> => trackedPage(browser, contexts, pageErrors);

/** The open Task_RegistraNotizia of a case, once the engine has created it. */
const registraNotiziaOf = (pik: string) =>
  waitFor(async () => (await stack.tasks.searchTasks({ processInstanceKey: pik, state: 'CREATED' })).find((t) => t.elementId === 'Task_RegistraNotizia'), 10_000, 'Task_RegistraNotizia');

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  await seedComuni(stack.db.knex);
  browser = await launchChromium();
  await deployFiles(stack, [formFile('disciplinare-notizia-fatto.form'), processFile('procedimento-disciplinare.bpmn'), processFile('disciplinare-competenza.dmn')]);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('a Provincia officer starts a case from the process page', () => {
  it('chooses the Comune from the Provincia’s list, starts it and opens the new instance', async () => {
    // given
    const page = await newPage();
    await signIn(page, stack.url, 'provincia');
    await page.locator('tr[data-process-id="procedimento-disciplinare"]').getByRole('link', { name: 'Avvia un caso' }).click();

    // when
    await page.getByLabel('Numero del procedimento').fill('UPD-2026-200');
    await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Monza (108033)' });
    await page.getByRole('button', { name: 'Avvia' }).click();

    // then
    await expect.poll(() => page.locator('#start-message').textContent()).toContain('Caso avviato');
    const pik = (await page.locator('#start-message').getAttribute('data-process-instance-key'))!;
    await screenshot(page, '20-provincia-started-case');
    await page.locator('#start-open').click();
    await page.locator('#variables').waitFor();
    expect(await page.locator('#variables').textContent()).toContain('UPD-2026-200');
    const task = await registraNotiziaOf(pik);
    // the Comune's officer and the UPD (which may have learnt of the facts itself, art. 55-bis c.4)
    expect(task.candidateGroups).toEqual(['provincia-upd', 'comune-108033']);
    const { items } = await searchAuditTrail(stack.db, { action: 'instance.start', processInstanceKey: pik });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actor: { type: 'user', id: 'provincia' }, entity: { comune: '108033' } });
  });

  it('is told which field is wrong, and nothing starts', async () => {
    // given
    const page = await newPage();
    await signIn(page, stack.url, 'provincia');
    const key = (await stack.engine.searchProcessDefinitions({ processDefinitionId: 'procedimento-disciplinare' }))[0].processDefinitionKey;
    await page.goto(`${stack.url}/#/processes/${key}/start`);
    const before = (await stack.engine.searchProcessInstances({ processDefinitionId: 'procedimento-disciplinare' }, { from: 0, limit: 100 })).total;

    // when: the same number as the running case
    await page.getByLabel('Numero del procedimento').fill('UPD-2026-200');
    await page.getByLabel('Comune', { exact: true }).selectOption('108028');
    await page.getByRole('button', { name: 'Avvia' }).click();

    // then
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('UPD-2026-200');
    expect(await page.getByLabel('Numero del procedimento').getAttribute('aria-invalid')).toBe('true');
    expect((await stack.engine.searchProcessInstances({ processDefinitionId: 'procedimento-disciplinare' }, { from: 0, limit: 100 })).total).toBe(before);
  });
});

describe('an administrator manages users', () => {
  it('creates a Comune user with a scope, deactivates them and resets their password', async () => {
    // given
    const page = await newPage();
    page.on('dialog', (d) => void d.accept('nuova-password-1'));
    await signIn(page, stack.url, 'admin');
    await followNavLink(page, 'Utenti');
    await page.locator('#users-table tr[data-username="comune"]').waitFor();

    // when: create
    await page.getByLabel('Nome utente', { exact: true }).fill('desio');
    await page.getByLabel('Nome completo').fill('Comune di Desio');
    await page.getByLabel('Password iniziale').fill('desio-secret-1');
    await page.getByRole('checkbox', { name: 'comune', exact: true }).check();
    await page.getByLabel('Comuni (codici ISTAT)').selectOption('108023');
    await page.getByRole('button', { name: 'Crea utente' }).click();

    // then
    const row = page.locator('#users-table tr[data-username="desio"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Desio (108023)');
    expect((await new WebClient(stack.url).signIn('desio', 'desio-secret-1')).status).toBe(200);

    // when: deactivate, then reset the password and reactivate
    await row.getByRole('button', { name: 'Disattiva' }).click();
    await expect.poll(() => row.locator('.state').textContent()).toBe('disattivato');
    expect((await new WebClient(stack.url).signIn('desio', 'desio-secret-1')).status).toBe(401);
    await row.getByRole('button', { name: 'Nuova password' }).click();
    await expect.poll(() => page.locator('#users-message').textContent()).toContain('reimpostata');
    await row.getByRole('button', { name: 'Riattiva' }).click();
    await expect.poll(() => row.locator('.state').textContent()).toBe('attivo');

    // then
    expect((await new WebClient(stack.url).signIn('desio', 'nuova-password-1')).status).toBe(200);
    await screenshot(page, '21-admin-users');
  });

  it('a non-admin has no Utenti link and the page refuses them', async () => {
    const page = await newPage();
    await signIn(page, stack.url, 'designer');
    expect(await page.getByRole('link', { name: 'Utenti' }).count()).toBe(0);
    await page.goto(`${stack.url}/#/users`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('permessi');
  });
});

describe('a designer edits a deployed form and deploys it', () => {
  it('changes a label in the form editor, saves a draft, deploys; new tasks get the new form', async () => {
    // given
    const page = await newPage();
    await signIn(page, stack.url, 'designer');
    await followNavLink(page, 'Moduli');
    await page.locator('#forms-list li[data-form-id="disciplinare-notizia-fatto"] a').click();
    const field = page.locator('#form-editor .fjs-editor-container [data-id="Field_matricolaDipendente"]');
    await field.waitFor();

    // when: select the field and rename its label in the properties panel (its groups in Italian: «Generale»)
    await field.click();
    const label = page.locator('#form-editor .fjs-properties-panel [data-entry-id="label"] [contenteditable="true"]');
    if (!(await label.isVisible())) await page.locator('#form-editor .fjs-properties-panel').getByText('Generale', { exact: true }).click();
    await label.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Numero di matricola');
    await expect.poll(() => field.textContent()).toContain('Numero di matricola');
    await page.getByRole('button', { name: 'Salva bozza' }).click();
    await expect.poll(() => page.locator('#form-message').textContent()).toContain('versione 1');
    await page.getByRole('button', { name: 'Rilascia' }).click();

    // then
    await expect.poll(() => page.locator('#form-message').textContent(), { timeout: 10_000 }).toMatch(/Modulo rilasciato: disciplinare-notizia-fatto v2/);
    await screenshot(page, '22-designer-form-deployed');
    const started = await stack.zeebe.createProcessInstance({ bpmnProcessId: 'procedimento-disciplinare', variables: { idProcedimento: 'UPD-2026-201', codiceIstat: '108033' } } as never);
    const task = await registraNotiziaOf(String(started.processInstanceKey));
    const form = await stack.tasks.getTaskForm(task.userTaskKey);
    expect(JSON.stringify(form?.schema)).toContain('Numero di matricola');
    expect(form?.version).toBe(2);
  });

  it('raised no script errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
