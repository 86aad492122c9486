import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { AuditTrail } from '../../src/audit/AuditTrail.js';
import { Mailer } from '../../workers/shared/Mailer.js';
import { DEFAULT_ADDRESSES } from '../../workers/shared/WorkerContext.js';
import { documentsOf } from './support/documentText.js';
import { mailText } from './support/mailText.js';
import { completedElements } from './support/recordLog.js';
import { waitFor } from '../support/engineHarness.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const MONZA = '108033';

describe('procedimento disciplinare end to end (embedded engine, real workers over gRPC, SMTP on loopback)', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  async function startCase(id: string, notizia: Record<string, unknown> = {}): Promise<string> {
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE, variables: { idProcedimento: id, codiceIstat: MONZA } });
    const pik = String(created.processInstanceKey);
    await w.completeTask('Task_RegistraNotizia', {
      codiceIstat: MONZA, matricolaDipendente: 'M-4411', codiceFiscaleDipendente: 'RSSMRA80A01F704F',
      dataConoscenza: '2026-03-02T09:00:00+01:00', descrizioneFatto: 'Assenza ingiustificata', gravita: 'upd', flagranza: false, ...notizia,
    }, pik);
    return pik;
  }

  async function reachContestazione(id: string): Promise<string> {
    const pik = await startCase(id);
    await w.publish(MessageName.UPD_SEGNALAZIONE_COMUNE, id, { dataRicezioneSegnalazione: '2026-03-04' });
    await w.waitForElement(pik, 'Service_CalcolaScadenzaContestazione');
    return pik;
  }

  async function notifyContestazione(pec = 'mario.rossi@pec.example.it'): Promise<void> {
    await w.completeTask('Task_RedigiContestazione', {
      testoAddebito: 'Assenza ingiustificata dal servizio il 27 febbraio 2026', sanzioneMassimaPrevista: 'multa',
      dataAudizione: '2026-03-30T10:00:00+02:00', luogoAudizione: 'Sede UPD, Monza', pecDipendente: pec,
    });
  }

  it('main path: deadlines with their legal source, charge by PEC with the PDF, hearing, decision, enforcement, end', async () => {
    // given
    w.pin('2026-03-02T09:00:00+01:00');
    const pik = await reachContestazione('UPD-2026-001');

    // then: the 30-day perentorio term runs from receipt of the referral, stored for the timer and the UI
    expect(await w.variable(pik, 'scadenzaContestazione')).toBe('2026-04-04T00:00:00+02:00');
    const scadenze = await w.variable<{ variabile: string; natura: string; fonte: string; dataTermine: string }[]>(pik, 'scadenze');
    expect(scadenze).toEqual(expect.arrayContaining([
      expect.objectContaining({ variabile: 'scadenzaContestazione', natura: 'perentorio', dataTermine: '2026-04-03', fonte: 'art. 55-bis, c. 4 e c. 9-ter, D.Lgs. 165/2001' }),
      expect.objectContaining({ variabile: 'scadenzaSegnalazione', natura: 'ordinatorio' }),
    ]));
    expect(await w.variable<{ numero: string }>(pik, 'protocolloSegnalazione')).toMatchObject({ numero: '2026/000001' });

    // when: the UPD drafts the charge
    w.pin('2026-03-05T09:00:00+01:00');
    await notifyContestazione();
    await w.waitForElement(pik, 'Service_CalcolaTerminiConclusione');

    // then: the PEC arrived with the PDF attached; the 120 days run from the notification
    const pec = w.mailsWith("Contestazione d'addebito");
    expect(pec).toHaveLength(1);
    expect(pec[0].to).toEqual(['mario.rossi@pec.example.it']);
    expect(pec[0].raw).toContain('application/pdf');
    expect(await w.variable(pik, 'scadenzaConclusione')).toBe('2026-07-04T00:00:00+02:00');

    // when: suspension not ordered, hearing day comes, istruttoria and decision
    await w.completeTask('Task_SospensioneCautelare', { sospensioneCautelare: false, motivazioneSospensione: 'Non necessaria' });
    w.pin('2026-03-30T11:00:00+02:00');
    await w.completeTask('Task_Audizione', { dataAudizioneSvolta: '2026-03-30T10:00:00+02:00', dipendentePresente: true, verbaleAudizione: 'Verbale' });
    await w.completeTask('Task_Istruttoria', { attiIstruttori: 'Registro presenze', sospensionePenale: false });
    await w.completeTask('Task_Decisione', { esito: 'sanzione', sanzione: 'multa', oreMulta: 3, motivazioneDecisione: 'Fatto accertato.', dataDecisione: '2026-04-10T10:00:00+02:00' });
    await w.completeTask('Task_EseguiSanzione', { dataEsecuzione: '2026-04-20T10:00:00+02:00', trattenutaStipendiale: true, annotazioneFascicolo: true });

    // then
    await w.waitForCompletion(pik).catch(async (e) => {
      console.log(JSON.stringify(await w.db.knex('audit_entries').whereIn('action', ['job.fail', 'job.error']).select('data'), null, 1), await w.incidents());
      throw e;
    });
    expect(w.mailsWith('Provvedimento conclusivo')[0].to).toEqual(['mario.rossi@pec.example.it', 'protocollo@pec.comune.monza.mb.it']);
    // the decision PEC in plain Italian: no internal codes, one full stop after a reason that has its own
    const decisione = mailText(w.mailsWith('Provvedimento conclusivo')[0]);
    expect(decisione).toContain('Esito: irrogata la sanzione della multa fino a 4 ore di retribuzione, nella misura di 3 ore di retribuzione. Motivazione: Fatto accertato. Il provvedimento è in allegato.');
    expect(decisione).not.toContain('sanzione: multa');
    expect(decisione).not.toContain('..');
    // the PDFs: the Comune by name, dates the Italian way in Rome time
    const [contestazione, provvedimento] = await documentsOf(w, 'UPD-2026-001');
    expect(contestazione.text).toContain('per il Comune di Monza (ISTAT 108033)');
    expect(contestazione.text).toContain('Audizione il 30/03/2026 alle ore 10:00 presso Sede UPD, Monza');
    expect(contestazione.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(provvedimento.text).toContain('decisione del 10/04/2026');
    // the measure imposed, within the scale of the multa (1-4 hours), so the Comune can enforce it
    expect(provvedimento.text).toContain('Misura irrogata: 3 ore di retribuzione');
    // the act of contestazione never declares the notice respected: receipt may come later (art. 55-bis c.4)
    expect(contestazione.text).not.toContain('rispettato');
    expect(contestazione.text).toContain('Il preavviso di almeno 20 giorni decorre dalla ricezione del presente atto');
    expect(provvedimento.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const documents = await w.db.knex('documents').where({ business_key: 'UPD-2026-001' }).orderBy('kind');
    expect(documents.map((d: { kind: string }) => d.kind)).toEqual(['atto-di-contestazione', 'provvedimento-disciplinare']);
    const audited = await w.db.knex('audit_entries').where({ action: 'document.produce' });
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(await w.variable(pik, 'comunicazioneIspettoratoConclusione')).toMatchObject({ codiceDipendente: expect.stringMatching(/^DIP-[0-9A-F]{12}$/) });
  });

  it('a contestazione not sent within 30 days extinguishes the procedure (perentorio timer) and tells the parties', async () => {
    // given
    w.pin('2026-03-02T09:00:00+01:00');
    const pik = await reachContestazione('UPD-2026-002');
    await w.openTasks('Task_RedigiContestazione').then((t) => expect(t.length).toBeGreaterThan(0));

    // when: the clock passes the last useful day (3 April 2026)
    w.pin('2026-04-04T00:00:01+02:00');

    // then
    await w.waitForElement(pik, 'End_ProcedimentoEstinto');
    const notice = w.mailsWith('Estinzione del procedimento').filter((m) => m.raw.includes('UPD-2026-002'));
    expect(notice).toHaveLength(1);
    expect(notice[0].to).toContain('protocollo@pec.comune.monza.mb.it');
    expect(await w.openTasks('Task_RedigiContestazione')).toHaveLength(0);
  });

  it('a rinvio granted for 8 days moves the 120-day limit by 8 days (any rinvio, art. 55-bis c.4 as amended in 2017) and postpones the hearing', async () => {
    // given
    w.pin('2026-03-02T09:00:00+01:00');
    const pik = await reachContestazione('UPD-2026-003');
    w.pin('2026-03-05T09:00:00+01:00');
    await notifyContestazione();
    await w.completeTask('Task_SospensioneCautelare', { sospensioneCautelare: false, motivazioneSospensione: 'No' }, pik);
    expect(await w.variable(pik, 'scadenzaConclusione')).toBe('2026-07-04T00:00:00+02:00');

    // when: the employee asks for a postponement and the UPD grants 8 days (under the repealed 2009 text it would not have moved the term)
    await w.publish(MessageName.UPD_RICHIESTA_RINVIO, 'UPD-2026-003', { motivoRinvio: 'Ricovero ospedaliero' });
    await w.completeTask('Task_DecidiRinvio', { rinvioAccolto: true, nuovaDataAudizione: '2026-04-07T10:00:00+02:00', motivazioneRinvio: 'Impedimento documentato' });
    await w.waitForElement(pik, 'Service_ProrogaTermini');

    // then: 120 + 8 days from 5 March 2026 = Saturday 11 July 2026; the hearing waits for the new date
    expect(await w.variable(pik, 'scadenzaConclusione')).toBe('2026-07-12T00:00:00+02:00');
    expect(await w.variable(pik, 'giorniRinvio')).toBe(8);
    w.pin('2026-03-31T09:00:00+02:00');
    await new Promise((r) => setTimeout(r, 300));
    expect(await w.openTasks('Task_Audizione')).toHaveLength(0);
    w.pin('2026-04-07T11:00:00+02:00');
    await w.completeTask('Task_Audizione', { dataAudizioneSvolta: '2026-04-07T10:00:00+02:00', verbaleAudizione: 'Verbale' });
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('rimprovero verbale stays with the Comune: no segnalazione to the UPD, so no 10-day segnalazione term is computed or listed', async () => {
    // given
    w.pin('2026-03-02T09:00:00+01:00');
    const pik = await startCase('UPD-2026-V01', { gravita: 'rimprovero-verbale' });

    // when: the responsabile gives the verbal reprimand
    await w.completeTask('Task_RimproveroVerbale', { dataRimprovero: '2026-03-03T10:00:00+01:00', verbaleRimprovero: 'Breve contraddittorio, rimprovero verbale' }, pik);
    await w.waitForCompletion(pik);

    // then: the art. 55-bis c.4 referral term does not apply (D2): not a variable, not in `scadenze`, not audited
    expect(await w.variable(pik, 'scadenzaSegnalazione')).toBeUndefined();
    expect((await w.variable<{ variabile: string }[]>(pik, 'scadenze')) ?? []).toEqual([]);
    const set = await w.db.knex('audit_entries').where({ action: 'deadline.set', entity_key: 'UPD-2026-V01' });
    expect(set).toHaveLength(0);
  });

  it('business error: a PEC the provider does not deliver raises PEC_NON_CONSEGNATA and goes to delivery by hand', async () => {
    // given
    w.pin('2026-03-02T09:00:00+01:00');
    const pik = await reachContestazione('UPD-2026-004');
    w.pin('2026-03-05T09:00:00+01:00');

    // when: the SMTP peer rejects the recipient (550)
    await notifyContestazione('rifiuta.dipendente@pec.example.it');

    // then: the boundary event leads to the alternative delivery; the 120 days run from the act of
    // 5 March (the cautious reading of art. 55-bis c.4), the hearing notice from the delivery of 6 March
    await w.completeTask('Task_ConsegnaAlternativa', { modalitaConsegna: 'mano', dataConsegna: '2026-03-06T12:00:00+01:00', estremiConsegna: 'Ricevuta firmata' });
    await w.waitForElement(pik, 'Service_CalcolaTerminiConclusione');
    expect(await w.variable(pik, 'dataContestazione')).toBe('2026-03-05');
    expect(await w.variable(pik, 'dataRicezioneContestazione')).toBe('2026-03-06');
    expect(await w.variable(pik, 'scadenzaConclusione')).toBe('2026-07-04T00:00:00+02:00');
    // the Ispettorato notice runs from the adoption of the act (art. 55-bis c.4): 5 March + 20 = 25 March
    expect(await w.variable(pik, 'scadenzaComunicazioneAvvio')).toBe('2026-03-26T00:00:00+01:00');
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('a charge delivered by hand later than planned leaves short notice: the UPD sets a new hearing date, checked from the delivery, and a new convocation goes out', async () => {
    // given: act of 5 March 2026 convoking the hearing for 30 March; the PEC bounces
    w.pin('2026-03-02T09:00:00+01:00');
    const pik = await reachContestazione('UPD-2026-006');
    w.pin('2026-03-05T09:00:00+01:00');
    await notifyContestazione('rifiuta.dipendente@pec.example.it');
    await waitFor(async () => ((await w.openTasks('Task_ConsegnaAlternativa')).length === 1) || undefined, 10_000, 'delivery by hand');

    // when: the charge is delivered by hand only on 12 March
    w.pin('2026-03-12T12:00:00+01:00');
    await w.completeTask('Task_ConsegnaAlternativa', { modalitaConsegna: 'mano', dataConsegna: '2026-03-12', estremiConsegna: 'Firma per ricevuta' });
    await w.completeTask('Task_SospensioneCautelare', { sospensioneCautelare: false, motivazioneSospensione: 'No' }, pik);

    // then: 20 free days from 12 March reach 2 April (art. 55-bis c.4): the UPD must set a new date
    const [task] = await waitFor(async () => { const t = await w.openTasks('Task_FissaNuovaAudizione'); return t.length === 1 ? t : undefined; }, 10_000, 'new date task');
    const istruttoria = String(task.process_instance_key);
    expect(await w.variable(istruttoria, 'preavvisoRispettato')).toBe(false);
    const scadenze = await w.variable<{ variabile: string; dataTermine: string; decorrenza: string; fonte: string }[]>(istruttoria, 'scadenze');
    expect(scadenze).toEqual(expect.arrayContaining([
      expect.objectContaining({ variabile: 'audizioneNonPrimaDel', decorrenza: '2026-03-12', dataTermine: '2026-04-02', fonte: 'art. 55-bis, c. 4, D.Lgs. 165/2001' }),
    ]));
    // the domain's note for the legal reviewer (free days or not) is not case data
    expect(JSON.stringify(scadenze)).not.toMatch(/daVerificare|termine libero|Source:/);

    // when: a date still too early (1 April) is refused by the check and the task comes back
    await w.completeTask('Task_FissaNuovaAudizione', { dataAudizione: '2026-04-01T10:00:00+02:00', luogoAudizione: 'Sede UPD, Monza' });
    await waitFor(async () => ((await w.openTasks('Task_FissaNuovaAudizione')).length === 1) || undefined, 10_000, 'new date task again');
    expect(w.mailsWith("Nuova convocazione per l'audizione")).toHaveLength(0);
    await w.completeTask('Task_FissaNuovaAudizione', { dataAudizione: '2026-04-02T10:00:00+02:00', luogoAudizione: 'Sede UPD, Monza' });

    // then: the new convocation goes to the UPD for hand delivery (no PEC), with the real receipt date
    await waitFor(async () => w.mailsWith("Nuova convocazione per l'audizione").length === 1 || undefined, 10_000, 'new convocation');
    const convocazione = w.mailsWith("Nuova convocazione per l'audizione")[0];
    expect(convocazione.to).toEqual(['upd@provincia.mb.it']);
    expect(mailText(convocazione)).toContain('ricevuta il 12/03/2026');
    expect(mailText(convocazione)).toContain("L'audizione è quindi fissata al 02/04/2026 alle ore 10:00 presso Sede UPD, Monza.");

    // then: no hearing on the old date; it opens on the new one
    w.pin('2026-03-30T11:00:00+02:00');
    await new Promise((r) => setTimeout(r, 300));
    const audizioni = async () => (await w.openTasks('Task_Audizione')).filter((t) => String(t.process_instance_key) === istruttoria);
    expect(await audizioni()).toHaveLength(0);
    w.pin('2026-04-02T10:30:00+02:00');
    await waitFor(async () => ((await audizioni()).length === 1) || undefined, 10_000, 'hearing on the new date');
    const path = await completedElements(w.h.embedded.engine.knex, istruttoria);
    expect(path.filter((p) => p.endsWith('/Task_FissaNuovaAudizione'))).toHaveLength(2);
    expect(path).toContain('procedimento-disciplinare-istruttoria/Send_NuovaConvocazione');
    await w.h.zeebe.cancelProcessInstance(pik);
  });
});

describe('bad input to the disciplinary workers', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('a missing required variable becomes an incident with a clear message; fixed and resolved, the job completes', async () => {
    // given
    w.pin('2026-03-02T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE, variables: { idProcedimento: 'UPD-2026-010', codiceIstat: MONZA } });
    const pik = String(created.processInstanceKey);

    // when: the notizia is completed without the date of knowledge
    await w.completeTask('Task_RegistraNotizia', { matricolaDipendente: 'M-1', gravita: 'upd', flagranza: false, descrizioneFatto: 'x' }, pik);

    // then: no crash, an incident that says what to fix
    const [incident] = await waitForIncident(w, pik);
    expect(incident.error_message).toContain("Variabile 'dataConoscenza': mancante");
    expect(incident.element_id).toBe('Service_CalcolaScadenzaSegnalazione');

    // when: an operator sets the variable, gives the job a retry and resolves the incident
    await w.h.zeebe.setVariables({ elementInstanceKey: pik, variables: { dataConoscenza: '2026-03-02' }, local: false });
    await w.h.zeebe.updateJobRetries({ jobKey: String(incident.job_key), retries: 1 });
    await w.h.zeebe.resolveIncident({ incidentKey: String(incident.key) });

    // then
    await w.waitForElement(pik, 'Service_CalcolaScadenzaSegnalazione');
    expect(await w.variable(pik, 'scadenzaSegnalazione')).toBe('2026-03-13T00:00:00+01:00');
    expect(await w.incidents(pik)).toHaveLength(0);
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('a notice redelivered after a lost completion is not sent twice (keyed on the job key)', async () => {
    // given: the segnalazione is late, so the ordinatorio timer triggers a reminder
    w.pin('2026-03-02T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE, variables: { idProcedimento: 'UPD-2026-011', codiceIstat: MONZA } });
    const pik = String(created.processInstanceKey);
    await w.completeTask('Task_RegistraNotizia', { codiceIstat: MONZA, matricolaDipendente: 'M-2', dataConoscenza: '2026-03-02', descrizioneFatto: 'x', gravita: 'upd', flagranza: false }, pik);
    await w.waitForElement(pik, 'Receive_Segnalazione', 'ELEMENT_ACTIVATED');
    await w.workers.close();

    // when: the reminder job is handled, then handed over again as if its completion was lost
    w.pin('2026-03-13T00:00:01+01:00');
    const { ALL_HANDLERS } = await import('../../workers/index.js');
    const { runHandler } = await import('../../workers/shared/TaskHandler.js');
    const [job] = await waitForJobs(w, 'notifica-invia');
    const ctx = contextFor(w);
    const outcomes: string[] = [];
    const fake = { ...job, complete: async () => { outcomes.push('complete'); return 'JOB_ACTION_ACKNOWLEDGEMENT' as const; }, fail: async () => 'JOB_ACTION_ACKNOWLEDGEMENT' as const, error: async () => 'JOB_ACTION_ACKNOWLEDGEMENT' as const };
    await runHandler(ALL_HANDLERS['notifica-invia']!, fake as never, ctx);
    await runHandler(ALL_HANDLERS['notifica-invia']!, fake as never, ctx);

    // then: two completions, one mail
    expect(outcomes).toEqual(['complete', 'complete']);
    expect(w.mailsWith('Sollecito della segnalazione').filter((m) => m.raw.includes('UPD-2026-011'))).toHaveLength(1);
  });
});

async function waitForIncident(w: WorkerHarness, pik: string) {
  const { waitFor } = await import('../support/engineHarness.js');
  return waitFor(async () => { const list = await w.incidents(pik); return list.length > 0 ? list : undefined; }, 15_000, 'incident');
}

async function waitForJobs(w: WorkerHarness, type: string) {
  const { waitFor } = await import('../support/engineHarness.js');
  return waitFor(async () => {
    const jobs = await w.h.zeebe.activateJobs({ type, worker: 'test', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 1_000 } as never);
    return jobs.length > 0 ? jobs : undefined;
  }, 15_000, `jobs of type ${type}`);
}

function contextFor(w: WorkerHarness) {
  // The same context startWorkers builds, for calling a handler directly.
  return {
    knex: w.db.knex,
    audit: new AuditTrail(w.db),
    mailer: new Mailer({ host: '127.0.0.1', port: w.smtp.port }),
    dataDir: w.h.dataDir,
    addresses: DEFAULT_ADDRESSES,
    now: () => new Date(w.now()),
  };
}
