import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { launchChromium, screenshot, signIn, trackedPage } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { WebClient, signedInClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { deployFiles, formFile, processFile, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * A Provincia adopting the system enters the cases already under way on paper at the step they have
 * reached (CreateProcessInstance start instructions on the real embedded engine).
 */
let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

const newPage = (): Promise<Page> => trackedPage(browser, contexts, pageErrors);

const signedIn = (username: string) => signedInClient(stack.url, username);

const instanceCount = async () => (await stack.engine.searchProcessInstances({ processDefinitionId: 'procedimento-disciplinare' }, { from: 0, limit: 100 })).total;
const startPageOf = async () => `${stack.url}/#/processes/${(await stack.engine.searchProcessDefinitions({ processDefinitionId: 'procedimento-disciplinare' }))[0].processDefinitionKey}/start`;
const resumeUpd = (c: WebClient, idProcedimento: string, elementId: string, note = 'Pratica cartacea: verbale in preparazione.') =>
  c.post('/api/instances', { processDefinitionId: 'procedimento-disciplinare', variables: { idProcedimento, codiceIstat: '108033' }, resume: { elementId, note } });

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  await seedComuni(stack.db.knex);
  browser = await launchChromium();
  await deployFiles(stack, [formFile('disciplinare-notizia-fatto.form'), formFile('disciplinare-rimprovero-verbale.form'), processFile('procedimento-disciplinare.bpmn'), processFile('disciplinare-competenza.dmn')]);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('a Provincia officer resumes a case begun on paper', () => {
  it('picks the step it has reached; the case starts there and the trail names who, where and why', async () => {
    // given
    const page = await newPage();
    await signIn(page, stack.url, 'provincia');
    await page.goto(await startPageOf());
    const note = 'Notizia registrata su carta il 3 marzo (prot. 1234); il responsabile deve ancora irrogare il rimprovero.';

    // when
    await page.getByLabel('Riprendi una pratica avviata su carta').check();
    await page.getByLabel('Passo da cui riprendere').selectOption({ label: 'Irroga il rimprovero verbale e redigi il verbale' });
    await page.getByLabel('Nota: a che punto è la pratica cartacea').fill(note);
    await page.getByLabel('Numero del procedimento').fill('UPD-2025-900');
    await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Monza (108033)' });
    await page.getByRole('button', { name: 'Riprendi la pratica' }).click();

    // then: the instance stands at that step, not at the first one
    await expect.poll(() => page.locator('#start-message').textContent()).toContain('Pratica ripresa al passo «Irroga il rimprovero verbale e redigi il verbale»');
    const pik = (await page.locator('#start-message').getAttribute('data-process-instance-key'))!;
    await screenshot(page, '23-provincia-resumed-paper-case');
    const elements = await waitFor(async () => {
      const found = await stack.engine.searchElementInstances(pik);
      return found.some((e) => e.elementId === 'Task_RimproveroVerbale' && e.state === 'ACTIVE') ? found : undefined;
    }, 10_000, 'Task_RimproveroVerbale active');
    expect(elements.map((e) => e.elementId)).not.toContain('Start_ConoscenzaFatto');
    expect(elements.map((e) => e.elementId)).not.toContain('Task_RegistraNotizia');
    const statistics = await stack.engine.getProcessInstanceStatistics(pik);
    expect(statistics.filter((s) => s.active > 0).map((s) => s.elementId)).toEqual(['Task_RimproveroVerbale']);

    // then: the audit trail
    const { items } = await searchAuditTrail(stack.db, { action: 'instance.start', processInstanceKey: pik });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actor: { type: 'user', id: 'provincia' },
      entity: { type: 'process-instance', key: pik, comune: '108033' },
      data: {
        processDefinitionId: 'procedimento-disciplinare',
        variables: { idProcedimento: 'UPD-2025-900', codiceIstat: '108033' },
        resumedAt: { elementId: 'Task_RimproveroVerbale', name: 'Irroga il rimprovero verbale e redigi il verbale' },
        resumeNote: note,
      },
    });
  });

  it('is offered the steps of the deployed diagram a case can start at, and no start or boundary event', async () => {
    // given
    const provincia = await signedIn('provincia');

    // when
    const res = await provincia.get('/api/instances/start-forms/procedimento-disciplinare/resume-steps');

    // then
    expect(res.status).toBe(200);
    const ids = (res.body.items as Array<{ elementId: string }>).map((s) => s.elementId);
    expect(res.body.items).toContainEqual({ elementId: 'Task_RimproveroVerbale', name: 'Irroga il rimprovero verbale e redigi il verbale' });
    expect(ids).toEqual(expect.arrayContaining(['Task_RegistraNotizia', 'Gateway_Competenza', 'Call_Istruttoria', 'Receive_Segnalazione']));
    for (const refused of ['Start_ConoscenzaFatto', 'Timer_ContestazionePerentorio', 'Error_FlagranzaEstinta', 'End_RimproveroVerbale']) expect(ids).not.toContain(refused);
  });

  it('an invalid step is refused with 400 and nothing is created', async () => {
    // given
    const provincia = await signedIn('provincia');
    const before = await instanceCount();
    const trailBefore = (await searchAuditTrail(stack.db, { action: 'instance.start' })).items.length;

    // when: a start event, a boundary event, an element that is not in the diagram
    const refusals = [
      await resumeUpd(provincia, 'UPD-2025-901', 'Start_ConoscenzaFatto'),
      await resumeUpd(provincia, 'UPD-2025-902', 'Timer_ContestazionePerentorio'),
      await resumeUpd(provincia, 'UPD-2025-903', 'Task_NonEsiste'),
    ];

    // then
    for (const res of refusals) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_RESUME_STEP', field: 'resumeElementId' });
      expect(res.body.detail).toContain('Non si può riprendere la pratica dal passo');
      expect(res.body.detail).toContain('is not a step this procedure can be resumed at');
    }
    expect(await instanceCount()).toBe(before);
    expect((await searchAuditTrail(stack.db, { action: 'instance.start' })).items).toHaveLength(trailBefore);
  });

  it('a missing note is refused with 400 and nothing is created', async () => {
    // given
    const provincia = await signedIn('provincia');
    const before = await instanceCount();

    // when
    const res = await resumeUpd(provincia, 'UPD-2025-904', 'Task_RimproveroVerbale', '   ');

    // then
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MISSING_RESUME_NOTE', field: 'resumeNote' });
    expect(await instanceCount()).toBe(before);
  });
});

describe('only the Provincia and administrators resume paper cases', () => {
  it('a Comune user is not offered the option, and the server refuses them with 403', async () => {
    // given
    const page = await newPage();
    await signIn(page, stack.url, 'comune');
    const comune = await signedIn('comune');
    const before = await instanceCount();

    // when
    await page.goto(await startPageOf());
    await page.locator('h1').waitFor();
    const steps = await comune.get('/api/instances/start-forms/procedimento-disciplinare/resume-steps');
    const res = await resumeUpd(comune, 'UPD-2025-910', 'Task_RimproveroVerbale');

    // then
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('non consente');
    expect(await page.getByLabel('Riprendi una pratica avviata su carta').count()).toBe(0);
    expect(steps.status).toBe(403);
    expect(res.status).toBe(403);
    expect(await instanceCount()).toBe(before);
  });

  it('a designer, who may start cases, may not resume one at a later step', async () => {
    // given
    const designer = await signedIn('designer');
    const before = await instanceCount();

    // when
    const forms = await designer.get('/api/instances/start-forms');
    const res = await resumeUpd(designer, 'UPD-2025-911', 'Task_RimproveroVerbale');

    // then
    expect(forms.body.items.find((f: { processDefinitionId: string }) => f.processDefinitionId === 'procedimento-disciplinare')).toMatchObject({ mayResume: false });
    expect(res.status).toBe(403);
    expect(await instanceCount()).toBe(before);
  });

  it('an administrator resumes a case at a step inside the flow', async () => {
    // given
    const admin = await signedIn('admin');

    // when
    const res = await resumeUpd(admin, 'UPD-2025-912', 'Gateway_Competenza', 'Competenza da decidere: segnalazione protocollata su carta.');

    // then
    expect(res.status).toBe(201);
    const { items } = await searchAuditTrail(stack.db, { action: 'instance.start', processInstanceKey: res.body.processInstanceKey });
    expect(items[0]).toMatchObject({ actor: { type: 'user', id: 'admin' }, data: { resumedAt: { elementId: 'Gateway_Competenza' } } });
  });

  it('raised no script errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
