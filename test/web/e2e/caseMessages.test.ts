import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { launchChromium, screenshot, signIn, trackedPage } from '../support/browser.js';
import { ensureClientBuild } from '../support/clientBuild.js';
import { WebClient, signedInClient } from '../support/webClient.js';
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

const newPage = (): Promise<Page> => trackedPage(browser, contexts, pageErrors);

const signedIn = (username: string) => signedInClient(stack.url, username);

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

/** Completes the job of this type that belongs to this instance (others stay for their own instances: 1 s lock). */
async function completeJobOf(type: string, processInstanceKey: string, variables: Record<string, unknown>): Promise<void> {
  const job = await waitFor(async () => {
    const found = (await stack.zeebe.activateJobs({ type, worker: 'test', timeout: 1_000, maxJobsToActivate: 32, requestTimeout: 500 } as never)) as { key: string; processInstanceKey: string }[];
    return found.find((j) => String(j.processInstanceKey) === String(processInstanceKey));
  }, 15_000, `job ${type} of ${processInstanceKey}`);
  await stack.zeebe.completeJob({ jobKey: job.key, variables } as never);
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
    processFile('procedimento-disciplinare.bpmn'), processFile('disciplinare-competenza.dmn'),
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
      return called.items.find((i) => i.parentProcessInstanceKey === pik)?.processInstanceKey;
    }, 10_000, 'istruttoria called');
    // the phase first checks the hearing notice from the actual receipt (worker upd-calcola-scadenze, fase preavviso)
    await completeJobOf('upd-calcola-scadenze', child, { preavvisoRispettato: true, riconvocazione: false });
    await waitFor(async () => (await stack.engine.searchElementInstances(child)).some((e) => e.elementId === 'Gateway_EventiAttesa' && e.state === 'ACTIVE') || undefined, 10_000, 'istruttoria waiting');
    return { pik, child };
  }

  it('the UPD registers the memoria difensiva; the Comune gets no action and 403; bad input 400', async () => {
    const { pik, child } = await caseInIstruttoria('UPD-2026-304');
    const comune = await signedIn('comune');
    expect((await comune.get(`/api/instances/${pik}/messages`)).body.items).toEqual([]);
    const values = { dataRicezioneMemoria: today(), memoriaDifensiva: 'Il dipendente contesta le date delle assenze.' };
    expect((await comune.post(`/api/instances/${pik}/messages/memoria-difensiva`, { values })).status).toBe(403);
    const upd = await signedIn('provincia');
    // the istruttoria's own messages (called process), and those of the boundary events on Call_Istruttoria
    expect((await upd.get(`/api/instances/${pik}/messages`)).body.items.map((i: { id: string }) => i.id)).toEqual(['memoria-difensiva', 'richiesta-rinvio', 'audizione-altra-data', 'cessazione-rapporto', 'trasferimento-dipendente']);
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

describe('the UPD registers what it learns of while the case runs: cessazione, trasferimento (boundary events), esito penale (suspension)', () => {
  const elementIs = async (pik: string, elementId: string, state: string) => (await stack.engine.searchElementInstances(pik)).some((e) => e.elementId === elementId && e.state === state);
  const offered = async (c: WebClient, pik: string) => (await c.get(`/api/instances/${pik}/messages`)).body.items.map((i: { id: string }) => i.id);

  /** A case standing at the given root element (a call activity or the receive task of the suspension). */
  async function caseAt(idProcedimento: string, elementId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const { processInstanceKey } = await stack.engine.createProcessInstance(
      'procedimento-disciplinare',
      {
        idProcedimento, codiceIstat: '108033', dataConoscenza: inDays(-40), matricolaDipendente: 'M-9', dataContestazione: inDays(-10),
        dataAudizione: `${inDays(20)}T10:30:00+01:00`, scadenzaContestazione: `${inDays(20)}T00:00:00+01:00`, scadenzaConclusione: `${inDays(110)}T00:00:00+01:00`, ...extra,
      },
      { startElementIds: [elementId] },
    );
    await waitFor(async () => (await elementIs(processInstanceKey, elementId, 'ACTIVE')) || undefined, 10_000, `${elementId} active`);
    return processInstanceKey;
  }

  it('at the suspension: the UPD is offered the sentenza, cessazione and trasferimento; the Comune sees none and gets 403; not offered elsewhere (409)', async () => {
    const pik = await caseAt('UPD-2026-401', 'Receive_EsitoPenale');
    const upd = await signedIn('provincia');
    expect(await offered(upd, pik)).toEqual(['esito-penale', 'cessazione-rapporto', 'trasferimento-dipendente']);
    const comune = await signedIn('comune');
    expect(await offered(comune, pik)).toEqual([]);
    const attempts: Array<[string, Record<string, string>]> = [
      ['esito-penale', { dataComunicazioneSentenza: today(), esitoPenale: 'Assoluzione perché il fatto non sussiste.' }],
      ['cessazione-rapporto', { dataCessazione: today() }],
      ['trasferimento-dipendente', { nuovaAmministrazione: 'Comune di Lecco', pecNuovaAmministrazione: 'protocollo@pec.comune.lecco.it', dataTrasferimento: today() }],
    ];
    for (const [id, values] of attempts) expect((await comune.post(`/api/instances/${pik}/messages/${id}`, { values })).status, id).toBe(403);
    // before the contestazione (at the segnalazione) none of them is awaited
    const early = await caseAtSegnalazione('UPD-2026-402');
    expect(await offered(upd, early)).toEqual(['segnalazione']);
    for (const [id, values] of attempts) expect((await upd.post(`/api/instances/${early}/messages/${id}`, { values })).status, id).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
    expect(await elementIs(pik, 'Receive_EsitoPenale', 'ACTIVE')).toBe(true);
    expect(await stillWaiting(early)).toBe(true);
  });

  it('bad input gets 400 naming the field and publishes nothing', async () => {
    const pik = await caseAt('UPD-2026-403', 'Receive_EsitoPenale');
    const upd = await signedIn('provincia');
    const cases: Array<[string, unknown, string]> = [
      ['esito-penale', { dataComunicazioneSentenza: today() }, 'esitoPenale'],
      ['esito-penale', { dataComunicazioneSentenza: inDays(2), esitoPenale: 'Condanna.' }, 'dataComunicazioneSentenza'],
      ['esito-penale', { dataComunicazioneSentenza: '2026-13-01', esitoPenale: 'Condanna.' }, 'dataComunicazioneSentenza'],
      ['esito-penale', { dataComunicazioneSentenza: today(), esitoPenale: 'Condanna.', esito: 'sanzione' }, 'esito'],
      ['cessazione-rapporto', {}, 'dataCessazione'],
      ['cessazione-rapporto', { dataCessazione: inDays(-60) }, 'dataCessazione'],
      ['cessazione-rapporto', { dataCessazione: today(), prosecuzioneObbligatoria: true }, 'prosecuzioneObbligatoria'],
      ['trasferimento-dipendente', { nuovaAmministrazione: 'Comune di Lecco', pecNuovaAmministrazione: 'non-una-pec', dataTrasferimento: today() }, 'pecNuovaAmministrazione'],
      ['trasferimento-dipendente', { nuovaAmministrazione: ' ', pecNuovaAmministrazione: 'protocollo@pec.comune.lecco.it', dataTrasferimento: today() }, 'nuovaAmministrazione'],
      ['trasferimento-dipendente', { nuovaAmministrazione: 'Comune di Lecco', pecNuovaAmministrazione: 'protocollo@pec.comune.lecco.it', dataTrasferimento: 12 }, 'dataTrasferimento'],
    ];
    for (const [id, values, field] of cases) {
      const res = await upd.post(`/api/instances/${pik}/messages/${id}`, { values });
      expect(res.status, `${id} ${JSON.stringify(values)}`).toBe(400);
      expect(res.body.field).toBe(field);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await elementIs(pik, 'Receive_EsitoPenale', 'ACTIVE')).toBe(true);
    for (const name of ['dataComunicazioneSentenza', 'esitoPenale', 'dataCessazione', 'nuovaAmministrazione', 'pecNuovaAmministrazione', 'dataTrasferimento']) {
      expect(await stack.engine.searchVariables({ processInstanceKey: pik, name }), name).toEqual([]);
    }
    expect(await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik })).toMatchObject({ items: [] });
  });

  it('the sentenza resumes the suspended case: the 60-day term is computed from the date the UPD registered', async () => {
    const pik = await caseAt('UPD-2026-404', 'Receive_EsitoPenale');
    const upd = await signedIn('provincia');
    const res = await upd.post(`/api/instances/${pik}/messages/esito-penale`, { values: { dataComunicazioneSentenza: today(), esitoPenale: 'Condanna definitiva per truffa aggravata.' } });
    expect(res.status).toBe(201);
    await waitFor(async () => (await elementIs(pik, 'Service_CalcolaTerminiRiattivazione', 'ACTIVE')) || undefined, 10_000, 'Service_CalcolaTerminiRiattivazione');
    expect(await elementIs(pik, 'Receive_EsitoPenale', 'COMPLETED')).toBe(true);
    expect(await stack.engine.searchVariables({ processInstanceKey: pik, name: 'dataComunicazioneSentenza' })).toEqual([expect.objectContaining({ value: JSON.stringify(today()) })]);
    expect(await stack.engine.searchVariables({ processInstanceKey: pik, name: 'esitoPenale' })).toEqual([expect.objectContaining({ value: JSON.stringify('Condanna definitiva per truffa aggravata.') })]);
    // no longer awaited: nor are the boundary messages of the receive task that completed
    expect(await offered(upd, pik)).toEqual([]);
    const trail = JSON.stringify(await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik }));
    expect(trail).toContain('upd-esito-penale');
    expect(trail).toContain('"elementId":"Receive_EsitoPenale"');
  });

  it('the cessazione during the istruttoria (boundary on the call activity): the UPD evaluates its effects while the istruttoria goes on; offered once', async () => {
    const pik = await caseAt('UPD-2026-405', 'Call_Istruttoria');
    const upd = await signedIn('provincia');
    expect(await offered(upd, pik)).toContain('cessazione-rapporto');
    const res = await upd.post(`/api/instances/${pik}/messages/cessazione-rapporto`, { values: { dataCessazione: today() } });
    expect(res.status).toBe(201);
    await waitFor(async () => (await elementIs(pik, 'Service_ValutaCessazione', 'ACTIVE')) || undefined, 10_000, 'Service_ValutaCessazione');
    // non-interrupting: the istruttoria is still running
    expect(await elementIs(pik, 'Call_Istruttoria', 'ACTIVE')).toBe(true);
    expect(await stack.engine.searchVariables({ processInstanceKey: pik, name: 'dataCessazione' })).toEqual([expect.objectContaining({ value: JSON.stringify(today()) })]);
    // the employment ends once: the host is still active but the message is no longer offered
    expect(await offered(upd, pik)).not.toContain('cessazione-rapporto');
    expect((await upd.post(`/api/instances/${pik}/messages/cessazione-rapporto`, { values: { dataCessazione: today() } })).status).toBe(409);
    // the worker says the case ends: the notice, then the case terminates
    await completeJob('upd-valuta-cessazione', { prosecuzioneObbligatoria: false, motivoCessazione: 'non è previsto il licenziamento' });
    await completeJob('notifica-invia', {});
    await waitFor(async () => (await elementIs(pik, 'End_EstintoCessazione', 'COMPLETED')) || undefined, 10_000, 'End_EstintoCessazione');
    const trail = JSON.stringify(await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik }));
    expect(trail).toContain('"elementId":"Message_Cessazione"');
  });

  it('the UPD registers the trasferimento from the case page during the contestazione: the phase is interrupted, the acts go to the new administration, its outcome is registered and sent to the Comune', async () => {
    const pik = await caseAt('UPD-2026-406', 'Call_Contestazione');
    const page = await newPage();
    await signIn(page, stack.url, 'provincia');
    await page.goto(`${stack.url}/#/instances/${pik}`);

    // when
    const form = page.getByRole('form', { name: 'Registra il trasferimento del dipendente ad altra amministrazione' });
    await form.getByLabel('Amministrazione di destinazione', { exact: true }).fill('Comune di Lecco');
    await form.getByLabel("PEC dell'amministrazione di destinazione").fill('protocollo@pec.comune.lecco.it');
    await form.getByLabel('Data del trasferimento').fill(today());
    await form.getByRole('button', { name: 'Registra il trasferimento del dipendente ad altra amministrazione' }).click();

    // then
    await expect.poll(() => page.locator('#case-action-message').textContent()).toContain('Registrato: il caso prosegue.');
    await waitFor(async () => (await elementIs(pik, 'Send_TrasmettiAtti', 'ACTIVE')) || undefined, 10_000, 'Send_TrasmettiAtti');
    expect(await elementIs(pik, 'Message_TrasferimentoContestazione', 'COMPLETED')).toBe(true);
    for (const [name, value] of [['nuovaAmministrazione', 'Comune di Lecco'], ['pecNuovaAmministrazione', 'protocollo@pec.comune.lecco.it'], ['dataTrasferimento', today()]]) {
      expect(await stack.engine.searchVariables({ processInstanceKey: pik, name }), name).toEqual([expect.objectContaining({ value: JSON.stringify(value) })]);
    }
    // interrupting (art. 55-bis c.8: the procedure is interrupted here)
    expect(await elementIs(pik, 'Call_Contestazione', 'ACTIVE')).toBe(false);
    await completeJob('notifica-invia', {});
    await waitFor(async () => (await elementIs(pik, 'Receive_EsitoTrasferimento', 'ACTIVE')) || undefined, 10_000, 'Receive_EsitoTrasferimento');
    // the outcome from the new administration goes back to the Comune (art. 55-bis c.8): offered only now
    expect(await offered(await signedIn('provincia'), pik)).toEqual(['esito-trasferimento']);
    const esito = await (await signedIn('provincia')).post(`/api/instances/${pik}/messages/esito-trasferimento`, { values: { dataComunicazioneEsito: today(), esitoTrasferimento: 'Archiviazione' } });
    expect(esito.status).toBe(201);
    await completeJob('notifica-invia', {});
    await waitFor(async () => (await elementIs(pik, 'End_Trasferito', 'COMPLETED')) || undefined, 10_000, 'End_Trasferito');
    const trail = JSON.stringify(await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik }));
    expect(trail).toContain('upd-trasferimento-dipendente');
    expect(trail).toContain('"id":"provincia"');
    expect(pageErrors).toEqual([]);
  });
});
