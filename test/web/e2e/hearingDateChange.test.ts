import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { waitFor } from '../support/webStack.js';
import { deployFiles, formFile, processFile, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/** The UPD records, from the case page, a hearing held later than planned: the day and the reason (a choice). */
let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() + offset * 86_400_000));

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  await seedComuni(stack.db.knex);
  browser = await launchChromium();
  await deployFiles(stack, [
    ...['disciplinare-decisione-rinvio', 'disciplinare-audizione', 'disciplinare-istruttoria', 'disciplinare-decisione', 'disciplinare-nuova-audizione', 'disciplinare-notizia-fatto', 'disciplinare-rimprovero-verbale', 'disciplinare-contestazione', 'disciplinare-consegna-alternativa'].map((f) => formFile(`${f}.form`)),
    processFile('procedimento-disciplinare-istruttoria.bpmn'),
    processFile('procedimento-disciplinare-contestazione.bpmn'),
    processFile('procedimento-disciplinare.bpmn'), processFile('disciplinare-competenza.dmn'),
  ]);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('Registra l’audizione svolta in un’altra data (case page)', () => {
  it('the planned day has passed: the UPD records the later day and the employee’s rinvio; the phase moves on', async () => {
    // given: a case in the istruttoria whose planned hearing (10 days ago) opened the verbale
    const { processInstanceKey: pik } = await stack.engine.createProcessInstance(
      'procedimento-disciplinare',
      { idProcedimento: 'UPD-2026-B01', codiceIstat: '108033', dataConoscenza: day(-60), dataContestazione: day(-40), dataAudizione: `${day(-10)}T10:00:00+01:00`, scadenzaConclusione: `${day(80)}T00:00:00+01:00` },
      { startElementIds: ['Call_Istruttoria'] },
    );
    const job = await waitFor(async () => {
      const found = (await stack.zeebe.activateJobs({ type: 'upd-calcola-scadenze', worker: 'test', timeout: 1_000, maxJobsToActivate: 32, requestTimeout: 500 } as never)) as { key: string }[];
      return found[0];
    }, 15_000, 'preavviso job');
    await stack.zeebe.completeJob({ jobKey: job.key, variables: { preavvisoRispettato: true, riconvocazione: false } } as never);
    const child = await waitFor(async () => {
      const called = await stack.engine.searchProcessInstances({ processDefinitionId: 'procedimento-disciplinare-istruttoria', state: 'ACTIVE' }, { from: 0, limit: 10 });
      const key = called.items.find((i) => i.parentProcessInstanceKey === pik)?.processInstanceKey;
      return key && (await stack.engine.searchElementInstances(key)).some((e) => e.elementId === 'Task_Audizione' && e.state === 'ACTIVE') ? key : undefined;
    }, 15_000, 'Task_Audizione active');
    const page = await newPage(1440);
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/instances/${pik}`);

    // when
    const form = page.getByRole('form', { name: "Registra l'audizione svolta in un'altra data" });
    await form.getByLabel("Data in cui si è svolta l'audizione").fill(day(-3));
    await form.getByLabel('Motivo del cambio di data').selectOption({ label: 'Rinvio chiesto dal dipendente per grave e oggettivo impedimento (proroga il termine di conclusione)' });
    await form.getByLabel('Note (impedimento addotto, accordi presi)').fill('Certificato medico');
    await screenshot(page, 'hearing-01-altra-data-1440');
    await form.getByRole('button', { name: "Registra l'audizione svolta in un'altra data" }).click();

    // then
    await expect.poll(() => page.locator('#case-action-message').textContent()).toContain('Registrato: il caso prosegue.');
    await waitFor(async () => (await stack.engine.searchElementInstances(child)).some((e) => e.elementId === 'Service_RegistraAltraData' && e.state === 'ACTIVE') || undefined, 10_000, 'the change registered');
    expect(await stack.engine.searchVariables({ processInstanceKey: child, name: 'motivoCambioData' })).toEqual([expect.objectContaining({ value: JSON.stringify('rinvio-dipendente') })]);
    expect(pageErrors).toEqual([]);
  });
});
