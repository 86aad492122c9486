import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { WebClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { contestazioneDeadline } from '../tasks/support/disciplinareE2eProcess.js';
import { deployFiles, formFile, processFile, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * The disciplinary case waits at «Ricevi la segnalazione del Comune» (message upd-segnalazione-comune,
 * correlation key idProcedimento): the Comune sends it from the case page, and the case moves on.
 */
let stack: TaskStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width: 1400, height: 1100 } });
  contexts.push(context);
  const p = await context.newPage();
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  return p;
}

async function signedIn(username: string): Promise<WebClient> {
  const c = new WebClient(stack.url);
  expect((await c.signIn(username, `${username}-demo`)).status).toBe(200);
  return c;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

/** A case standing at the receive task, as after the notizia and the 10-day term. */
async function caseAtSegnalazione(idProcedimento: string): Promise<string> {
  const { processInstanceKey } = await stack.engine.createProcessInstance(
    'procedimento-disciplinare',
    { idProcedimento, codiceIstat: '108033', dataConoscenza: inDays(-2), matricolaDipendente: 'M-7', scadenzaSegnalazione: `${inDays(8)}T00:00:00+01:00` },
    { startElementIds: ['Receive_Segnalazione'] },
  );
  await waitFor(async () => (await stack.engine.searchElementInstances(processInstanceKey)).some((e) => e.elementId === 'Receive_Segnalazione' && e.state === 'ACTIVE') || undefined, 10_000, 'Receive_Segnalazione active');
  return processInstanceKey;
}

const stillWaiting = async (pik: string) => (await stack.engine.searchElementInstances(pik)).some((e) => e.elementId === 'Receive_Segnalazione' && e.state === 'ACTIVE');

async function completeJob(type: string, variables: Record<string, unknown>): Promise<void> {
  const jobs = await waitFor(async () => {
    const found = await stack.zeebe.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 1000 } as never);
    return found.length > 0 ? found : undefined;
  }, 15_000, `job ${type}`);
  await stack.zeebe.completeJob({ jobKey: jobs[0].key, variables } as never);
}

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  stack = await startTaskStack({ staticDir, liveIntervalMs: 200 });
  await seedComuni(stack.db.knex);
  browser = await launchChromium();
  await deployFiles(stack, [
    formFile('disciplinare-notizia-fatto.form'),
    formFile('disciplinare-rimprovero-verbale.form'),
    formFile('disciplinare-contestazione.form'),
    formFile('disciplinare-consegna-alternativa.form'),
    processFile('procedimento-disciplinare-contestazione.bpmn'),
    ...['disciplinare-decisione-rinvio', 'disciplinare-audizione', 'disciplinare-istruttoria', 'disciplinare-decisione'].map((f) => formFile(`${f}.form`)),
    processFile('procedimento-disciplinare-istruttoria.bpmn'),
    processFile('procedimento-disciplinare.bpmn'),
  ]);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('the Comune sends the segnalazione to the UPD from the case page', () => {
  it('the case leaves the receive task and reaches the UPD’s contestazione; the trail records it', async () => {
    // given
    const pik = await caseAtSegnalazione('UPD-2026-301');
    const page = await newPage();
    await signIn(page, stack.url, 'comune');
    await page.goto(`${stack.url}/#/instances/${pik}`);

    // when
    const form = page.getByRole('form', { name: "Trasmetti la segnalazione all'UPD" });
    await form.getByLabel("Data di ricezione della segnalazione da parte dell'UPD").fill(today());
    await form.getByLabel('Testo della segnalazione (fatti e allegati)').fill('Assenze ingiustificate dal 2 al 5; allegati: fogli presenza.');
    await screenshot(page, '24-comune-segnalazione-form');
    await form.getByRole('button', { name: "Trasmetti la segnalazione all'UPD" }).click();

    // then
    await expect.poll(() => page.locator('#case-action-message').textContent()).toContain('Registrato: il caso prosegue.');
    await waitFor(async () => ((await stillWaiting(pik)) ? undefined : true), 10_000, 'segnalazione correlated');
    expect(await stack.engine.searchVariables({ processInstanceKey: pik, name: 'dataRicezioneSegnalazione' })).toEqual([expect.objectContaining({ value: JSON.stringify(today()) })]);
    // the workers' part (protocol, 30-day term), then the UPD's task
    await completeJob('protocollo-registra-segnalazione', { dataProtocolloSegnalazione: today() });
    await completeJob('upd-calcola-scadenze', contestazioneDeadline(new Date()));
    const provincia = await signedIn('provincia');
    const task = await waitFor(async () => {
      const res = await provincia.get('/api/tasks?process=procedimento-disciplinare');
      return (res.body.items as Array<{ elementId: string; businessKey?: string; userTaskKey: string }>).find((i) => i.elementId === 'Task_RedigiContestazione' && i.businessKey === 'UPD-2026-301');
    }, 15_000, 'Task_RedigiContestazione');
    expect(task).toBeDefined();
    const trail = await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik });
    expect(JSON.stringify(trail)).toContain('upd-segnalazione-comune');
    expect(JSON.stringify(trail)).toContain('"correlationKey":"UPD-2026-301"');
    expect(JSON.stringify(trail)).toContain('"id":"comune"');
    expect(pageErrors).toEqual([]);
  });
});

describe('who may send it, and what it must carry', () => {
  it('a user without the right sees no action and gets 403; the UPD gets the action', async () => {
    const pik = await caseAtSegnalazione('UPD-2026-302');
    const values = { dataRicezioneSegnalazione: today(), testoSegnalazione: 'Fatti.' };
    const auditor = await signedIn('auditor');
    const auditorOffer = await auditor.get(`/api/instances/${pik}/messages`);
    expect(auditorOffer.status).toBe(200);
    expect(auditorOffer.body.items).toEqual([]);
    expect((await auditor.post(`/api/instances/${pik}/messages/segnalazione`, { values })).status).toBe(403);
    // a Comune user of another Comune does not even see the case
    expect((await (await signedIn('lissone')).post(`/api/instances/${pik}/messages/segnalazione`, { values })).status).toBe(404);
    const upd = await signedIn('provincia');
    expect((await upd.get(`/api/instances/${pik}/messages`)).body.items.map((i: { id: string }) => i.id)).toEqual(['segnalazione']);
    // the auditor's case page has no action
    const page = await newPage();
    await signIn(page, stack.url, 'auditor');
    await page.goto(`${stack.url}/#/instances/${pik}`);
    await expect.poll(() => page.locator('#tokens li').count()).toBeGreaterThan(0);
    expect(await page.locator('form.case-action').count()).toBe(0);
    expect(await stillWaiting(pik)).toBe(true);
  });

  it('bad input gets 400 naming the field and publishes nothing', async () => {
    const pik = await caseAtSegnalazione('UPD-2026-303');
    const comune = await signedIn('comune');
    const post = (values: unknown) => comune.post(`/api/instances/${pik}/messages/segnalazione`, { values });
    const cases: Array<[unknown, string]> = [
      [{ dataRicezioneSegnalazione: today() }, 'testoSegnalazione'],
      [{ dataRicezioneSegnalazione: '2026-02-30', testoSegnalazione: 'x' }, 'dataRicezioneSegnalazione'],
      [{ dataRicezioneSegnalazione: inDays(3), testoSegnalazione: 'x' }, 'dataRicezioneSegnalazione'],
      [{ dataRicezioneSegnalazione: inDays(-30), testoSegnalazione: 'x' }, 'dataRicezioneSegnalazione'],
      [{ dataRicezioneSegnalazione: today(), testoSegnalazione: 'x'.repeat(4001) }, 'testoSegnalazione'],
      [{ dataRicezioneSegnalazione: today(), testoSegnalazione: 'x', esito: 'archiviazione' }, 'esito'],
    ];
    for (const [values, field] of cases) {
      const res = await post(values);
      expect(res.status, JSON.stringify(values).slice(0, 80)).toBe(400);
      expect(res.body.field).toBe(field);
    }
    expect((await post('nope')).status).toBe(400);
    await new Promise((r) => setTimeout(r, 500));
    expect(await stillWaiting(pik)).toBe(true);
    expect(await stack.engine.searchVariables({ processInstanceKey: pik, name: 'testoSegnalazione' })).toEqual([]);
    // an unknown message is not in the allow-list
    expect((await comune.post(`/api/instances/${pik}/messages/upd-esito-penale`, { values: {} })).status).toBe(404);
  });
});

describe('the employee’s submissions received by PEC, registered by the UPD during the istruttoria (called process)', () => {
  /** A case in the called istruttoria phase, waiting for the hearing, a rinvio or a memoria. */
  async function caseInIstruttoria(idProcedimento: string): Promise<{ pik: string; child: string }> {
    const { processInstanceKey: pik } = await stack.engine.createProcessInstance(
      'procedimento-disciplinare',
      { idProcedimento, codiceIstat: '108033', dataConoscenza: inDays(-40), dataContestazione: inDays(-10), dataAudizione: `${inDays(20)}T10:30:00+01:00`, scadenzaConclusione: `${inDays(110)}T00:00:00+01:00` },
      { startElementIds: ['Call_Istruttoria'] },
    );
    const child = await waitFor(async () => {
      const called = await stack.engine.searchProcessInstances({ processDefinitionId: 'procedimento-disciplinare-istruttoria', state: 'ACTIVE' }, { from: 0, limit: 100 });
      const c = called.items.find((i) => i.parentProcessInstanceKey === pik);
      return c && (await stack.engine.searchElementInstances(c.processInstanceKey)).some((e) => e.elementId === 'Gateway_EventiAttesa' && e.state === 'ACTIVE') ? c.processInstanceKey : undefined;
    }, 10_000, 'istruttoria waiting');
    return { pik, child };
  }

  it('the UPD registers the memoria difensiva; the Comune gets no action and 403; bad input 400', async () => {
    const { pik, child } = await caseInIstruttoria('UPD-2026-304');
    const comune = await signedIn('comune');
    expect((await comune.get(`/api/instances/${pik}/messages`)).body.items).toEqual([]);
    const values = { dataRicezioneMemoria: today(), memoriaDifensiva: 'Il dipendente contesta le date delle assenze.' };
    expect((await comune.post(`/api/instances/${pik}/messages/memoria-difensiva`, { values })).status).toBe(403);
    const upd = await signedIn('provincia');
    expect((await upd.get(`/api/instances/${pik}/messages`)).body.items.map((i: { id: string }) => i.id)).toEqual(['memoria-difensiva', 'richiesta-rinvio']);
    // the segnalazione is not awaited here
    expect((await upd.post(`/api/instances/${pik}/messages/segnalazione`, { values: { dataRicezioneSegnalazione: today(), testoSegnalazione: 'x' } })).status).toBe(409);
    const bad = await upd.post(`/api/instances/${pik}/messages/memoria-difensiva`, { values: { dataRicezioneMemoria: today(), memoriaDifensiva: '  ' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('memoriaDifensiva');

    // when
    const page = await newPage();
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/instances/${pik}`);
    const form = page.getByRole('form', { name: 'Registra la memoria difensiva (controdeduzioni) del dipendente' });
    await form.getByLabel('Data di ricezione della memoria (PEC)').fill(values.dataRicezioneMemoria);
    await form.getByLabel('Sintesi delle controdeduzioni').fill(values.memoriaDifensiva);
    await form.getByRole('button', { name: 'Registra la memoria difensiva (controdeduzioni) del dipendente' }).click();

    // then: the called phase leaves the event-based gateway for the memoria's protocol
    await expect.poll(() => page.locator('#case-action-message').textContent()).toContain('Registrato: il caso prosegue.');
    await waitFor(async () => (await stack.engine.searchElementInstances(child)).some((e) => e.elementId === 'Message_MemoriaDifensiva' && e.state === 'COMPLETED') || undefined, 10_000, 'memoria correlated');
    const trail = await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik });
    expect(JSON.stringify(trail)).toContain('upd-memoria-difensiva');
    expect(pageErrors).toEqual([]);
  });

  it('the UPD registers the richiesta di rinvio; the UPD decides on it', async () => {
    const { pik, child } = await caseInIstruttoria('UPD-2026-305');
    const upd = await signedIn('provincia');
    const res = await upd.post(`/api/instances/${pik}/messages/richiesta-rinvio`, { values: { dataRichiestaRinvio: today(), motivoRichiestaRinvio: 'Ricovero ospedaliero.' } });
    expect(res.status).toBe(201);
    await waitFor(async () => (await stack.engine.searchElementInstances(child)).some((e) => e.elementId === 'Task_DecidiRinvio' && e.state === 'ACTIVE') || undefined, 10_000, 'Task_DecidiRinvio');
    expect(await stack.engine.searchVariables({ processInstanceKey: child, name: 'motivoRichiestaRinvio' })).toEqual([expect.objectContaining({ value: JSON.stringify('Ricovero ospedaliero.') })]);
  });
});
