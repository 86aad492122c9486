import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { documentsOf } from './support/documentText.js';
import { mailText } from './support/mailText.js';
import { completedElements } from './support/recordLog.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const MONZA = '108033';
const PEC_MONZA = 'protocollo@pec.comune.monza.mb.it';
const PEC_DIPENDENTE = 'carlo.bruni@pec.example.it';
const PEC_NUOVA = 'protocollo@pec.regione.lombardia.it';
const MAIN = 'procedimento-disciplinare';

/**
 * Edge cases of the domain notes: end of employment (art. 55-bis c.9: extinguishes the procedure unless
 * dismissal is foreseen or a precautionary suspension was ordered) and transfer to another administration
 * (art. 55-bis c.8, text of D.Lgs. 75/2017: the procedure is interrupted here and goes on there, new terms run from
 * the new UPD's receipt of the acts, and the outcome comes back to the old administration).
 */
describe('procedimento disciplinare: cessazione e trasferimento del dipendente, end to end', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  async function startCase(id: string, notizia: Record<string, unknown> = {}): Promise<string> {
    w.pin('2026-03-02T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE, variables: { idProcedimento: id, codiceIstat: MONZA } });
    const pik = String(created.processInstanceKey);
    await w.completeTask('Task_RegistraNotizia', {
      codiceIstat: MONZA, matricolaDipendente: 'M-3300', codiceFiscaleDipendente: 'BRNCRL70A01F704Z',
      dataConoscenza: '2026-03-02', descrizioneFatto: 'Reiterate assenze ingiustificate', gravita: 'upd', flagranza: false, ...notizia,
    }, pik);
    await w.waitForElement(pik, 'Receive_Segnalazione', 'ELEMENT_ACTIVATED');
    await w.publish(MessageName.UPD_SEGNALAZIONE_COMUNE, id, { dataRicezioneSegnalazione: '2026-03-04' });
    await w.waitForElement(pik, 'Service_CalcolaScadenzaContestazione');
    return pik;
  }

  /** Charge notified by PEC on 5 March (hearing 30 March), precautionary suspension as given; waits in the hearing phase. */
  async function reachIstruttoria(id: string, sanzioneMassimaPrevista: string, sospensioneCautelare = false): Promise<string> {
    const pik = await startCase(id);
    w.pin('2026-03-05T09:00:00+01:00');
    await w.completeTask('Task_RedigiContestazione', {
      testoAddebito: 'Assenze ingiustificate per 5 giorni consecutivi', sanzioneMassimaPrevista,
      dataAudizione: '2026-03-30T10:00:00+02:00', luogoAudizione: 'Sede UPD, Monza', pecDipendente: PEC_DIPENDENTE,
    });
    await w.completeTask('Task_SospensioneCautelare', { sospensioneCautelare, giorniSospensione: sospensioneCautelare ? 30 : undefined, motivazioneSospensione: 'Valutata' }, pik);
    await w.waitForElement(pik, 'Call_Istruttoria', 'ELEMENT_ACTIVATED');
    return pik;
  }

  it('cessazione with no dismissal foreseen and no precautionary suspension extinguishes the procedure and tells the parties', async () => {
    // given
    const pik = await reachIstruttoria('UPD-2026-C01', 'sospensione-11-giorni-6-mesi');

    // when: the employee resigns on 15 March
    w.pin('2026-03-16T09:00:00+01:00');
    await w.publish(MessageName.UPD_CESSAZIONE_RAPPORTO, 'UPD-2026-C01', { dataCessazione: '2026-03-15', causaCessazione: 'dimissioni' });

    // then
    await w.waitForElement(pik, 'End_EstintoCessazione');
    const notice = w.mailsWith('Estinzione del procedimento per cessazione del rapporto di lavoro – procedimento disciplinare UPD-2026-C01');
    expect(notice).toHaveLength(1);
    expect(notice[0].to).toEqual([PEC_DIPENDENTE, PEC_MONZA, 'upd@provincia.mb.it']);
    expect(mailText(notice[0])).toContain('15/03/2026');
    expect(mailText(notice[0])).toContain('55-bis, c. 9');
    expect(await w.variable(pik, 'prosecuzioneObbligatoria')).toBe(false);
    expect(await w.openTasks('Task_Audizione')).toHaveLength(0);
    w.pin('2026-03-30T11:00:00+02:00');
    await new Promise((r) => setTimeout(r, 300));
    expect(await w.openTasks('Task_Audizione')).toHaveLength(0);
    expect((await documentsOf(w, 'UPD-2026-C01')).map((d) => d.kind)).toEqual(['atto-di-contestazione']);
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).toEqual(expect.arrayContaining([`${MAIN}/Message_Cessazione`, `${MAIN}/Service_ValutaCessazione`, `${MAIN}/Send_EstinzioneCessazione`, `${MAIN}/End_EstintoCessazione`]));
    expect(path).not.toContain(`${MAIN}/End_ProcedimentoConcluso`);
  });

  it('cessazione when dismissal is foreseen: the procedure goes on and the decision states its limited effects', async () => {
    // given
    const pik = await reachIstruttoria('UPD-2026-C02', 'licenziamento-con-preavviso');

    // when
    w.pin('2026-03-16T09:00:00+01:00');
    await w.publish(MessageName.UPD_CESSAZIONE_RAPPORTO, 'UPD-2026-C02', { dataCessazione: '2026-03-15', causaCessazione: 'dimissioni' });
    await w.waitForElement(pik, 'End_ProsecuzioneAnnotata');

    // then: the parties are told it goes on; the hearing phase is still there
    const notice = w.mailsWith('Prosecuzione del procedimento dopo la cessazione del rapporto – procedimento disciplinare UPD-2026-C02');
    expect(notice).toHaveLength(1);
    expect(notice[0].to).toEqual([PEC_DIPENDENTE, PEC_MONZA, 'upd@provincia.mb.it']);
    expect(await w.variable(pik, 'prosecuzioneObbligatoria')).toBe(true);

    // when: hearing (the former employee does not appear), istruttoria, decision
    w.pin('2026-03-30T11:00:00+02:00');
    await w.completeTask('Task_Audizione', { dataAudizioneSvolta: '2026-03-30T10:00:00+02:00', dipendentePresente: false, verbaleAudizione: 'Assente' });
    await w.completeTask('Task_Istruttoria', { attiIstruttori: 'Registro presenze', sospensionePenale: false });
    await w.completeTask('Task_Decisione', { esito: 'sanzione', sanzione: 'licenziamento-con-preavviso', motivazioneDecisione: 'Assenze accertate', dataDecisione: '2026-04-10' });
    await w.completeTask('Task_EseguiSanzione', { dataEsecuzione: '2026-04-15', trattenutaStipendiale: false, annotazioneFascicolo: true });
    await w.waitForCompletion(pik);

    // then
    const provvedimento = (await documentsOf(w, 'UPD-2026-C02')).find((d) => d.kind === 'provvedimento-disciplinare')!;
    expect(provvedimento.text).toContain('Il rapporto di lavoro è cessato il 15/03/2026');
    expect(provvedimento.text).toContain('effetti giuridici ed economici non preclusivi');
  });

  it('cessazione after a precautionary suspension: the procedure goes on whatever the sanction', async () => {
    // given
    const pik = await reachIstruttoria('UPD-2026-C03', 'sospensione-11-giorni-6-mesi', true);
    await w.waitForElement(pik, 'Service_ComunicaSospensione');

    // when
    await w.publish(MessageName.UPD_CESSAZIONE_RAPPORTO, 'UPD-2026-C03', { dataCessazione: '2026-03-20', causaCessazione: 'pensionamento' });

    // then
    await w.waitForElement(pik, 'End_ProsecuzioneAnnotata');
    expect(mailText(w.mailsWith('Prosecuzione del procedimento dopo la cessazione del rapporto – procedimento disciplinare UPD-2026-C03')[0])).toContain('sospensione cautelare');
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('cessazione before the charge, when the notizia foresees dismissal for the facts: the procedure goes on (art. 55-bis c.9)', async () => {
    // given: the Comune judged the facts as deserving licenziamento senza preavviso; the UPD is drafting the charge
    const pik = await startCase('UPD-2026-C04', { sanzioneIpotizzata: 'licenziamento-senza-preavviso' });
    await w.openTasks('Task_RedigiContestazione').then((t) => expect(t.length).toBeGreaterThan(0));

    // when: the employee resigns on 6 March, before any charge
    w.pin('2026-03-06T09:00:00+01:00');
    await w.publish(MessageName.UPD_CESSAZIONE_RAPPORTO, 'UPD-2026-C04', { dataCessazione: '2026-03-06' });

    // then: the procedure goes on for its legal and economic effects; the charge is still to be drafted
    await w.waitForElement(pik, 'End_ProsecuzioneAnnotata');
    expect(await w.variable(pik, 'prosecuzioneObbligatoria')).toBe(true);
    expect(mailText(w.mailsWith('Prosecuzione del procedimento dopo la cessazione del rapporto – procedimento disciplinare UPD-2026-C04')[0]))
      .toContain('per l\'infrazione è previsto il licenziamento senza preavviso');
    expect(await w.openTasks('Task_RedigiContestazione')).toEqual(expect.arrayContaining([expect.anything()]));
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).toContain(`${MAIN}/Message_CessazioneContestazione`);
    expect(path).not.toContain(`${MAIN}/End_EstintoCessazione`);
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('cessazione before the charge, when the notizia foresees only a multa: the procedure is extinguished', async () => {
    // given
    const pik = await startCase('UPD-2026-C05', { sanzioneIpotizzata: 'multa' });

    // when
    w.pin('2026-03-06T09:00:00+01:00');
    await w.publish(MessageName.UPD_CESSAZIONE_RAPPORTO, 'UPD-2026-C05', { dataCessazione: '2026-03-06' });

    // then
    await w.waitForElement(pik, 'End_EstintoCessazione');
    expect(await w.variable(pik, 'prosecuzioneObbligatoria')).toBe(false);
  });

  it('trasferimento in the hearing phase: the procedure is interrupted, the acts go to the new UPD by PEC, its outcome comes back to the Comune', async () => {
    // given
    const pik = await reachIstruttoria('UPD-2026-T01', 'sospensione-fino-10-giorni');

    // when: the employee moves to the Region on 20 March
    w.pin('2026-03-20T09:00:00+01:00');
    await w.publish(MessageName.UPD_TRASFERIMENTO_DIPENDENTE, 'UPD-2026-T01', {
      dataTrasferimento: '2026-03-20', nuovaAmministrazione: 'Regione Lombardia', pecNuovaAmministrazione: PEC_NUOVA,
    });

    // then: the hearing phase is interrupted (no hearing here), the acts go out with the 2017 wording
    await w.waitForElement(pik, 'Receive_EsitoTrasferimento', 'ELEMENT_ACTIVATED');
    const pec = w.mailsWith('Trasmissione degli atti del procedimento disciplinare – procedimento disciplinare UPD-2026-T01');
    expect(pec).toHaveLength(1);
    expect(pec[0].to).toEqual([PEC_NUOVA, PEC_MONZA, 'upd@provincia.mb.it']);
    expect(pec[0].raw).toContain('atto-di-contestazione-');
    expect(pec[0].raw).toContain('application/pdf');
    const text = mailText(pec[0]);
    expect(text).toContain('20/03/2026');
    expect(text).toContain('è interrotto');
    expect(text).toContain('dalla data di ricezione degli atti da parte del suo Ufficio per i procedimenti disciplinari decorrono nuovi termini');
    expect(text).toContain('contestato con atto del 05/03/2026');
    expect(text).toContain("Gli esiti del procedimento vanno comunicati anche all'amministrazione di provenienza, il Comune di Monza");
    expect(text).not.toContain('riprendono a decorrere dalla data del trasferimento');
    await waitFor(async () => (await w.openTasks('Task_Audizione')).every((t) => String(t.process_instance_key) !== pik), 5_000, 'hearing gone');
    w.pin('2026-03-30T11:00:00+02:00');
    await new Promise((r) => setTimeout(r, 300));
    expect((await w.openTasks('Task_Audizione')).filter((t) => String(t.process_instance_key) === pik)).toHaveLength(0);

    // when: the Region's UPD communicates the outcome
    w.pin('2026-06-10T09:00:00+02:00');
    await w.publish(MessageName.UPD_ESITO_TRASFERIMENTO, 'UPD-2026-T01', { dataComunicazioneEsito: '2026-06-10', esitoTrasferimento: 'Irrogata la sospensione dal servizio per 5 giorni' });

    // then: the Comune (the old administration) receives it for the personnel file; the case ends
    await w.waitForElement(pik, 'End_Trasferito');
    const esito = w.mailsWith('Esito del procedimento disciplinare concluso presso altra amministrazione – procedimento disciplinare UPD-2026-T01');
    expect(esito).toHaveLength(1);
    expect(esito[0].to).toEqual([PEC_MONZA, 'upd@provincia.mb.it']);
    expect(mailText(esito[0])).toContain('Regione Lombardia ha comunicato il 10/06/2026');
    expect(mailText(esito[0])).toContain('Irrogata la sospensione dal servizio per 5 giorni.');
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).toEqual(expect.arrayContaining([`${MAIN}/Message_Trasferimento`, `${MAIN}/Send_TrasmettiAtti`, `${MAIN}/Receive_EsitoTrasferimento`, `${MAIN}/Send_EsitoTrasferimento`, `${MAIN}/End_Trasferito`]));
    expect(path).not.toContain(`${MAIN}/End_ProcedimentoConcluso`);
  });

  it('trasferimento before the charge: the new administration receives the case, the contestazione term is interrupted here', async () => {
    // given: the UPD is drafting the charge
    const pik = await startCase('UPD-2026-T02');
    await w.openTasks('Task_RedigiContestazione').then((t) => expect(t.length).toBeGreaterThan(0));

    // when
    w.pin('2026-03-10T09:00:00+01:00');
    await w.publish(MessageName.UPD_TRASFERIMENTO_DIPENDENTE, 'UPD-2026-T02', {
      dataTrasferimento: '2026-03-09', nuovaAmministrazione: 'Regione Lombardia', pecNuovaAmministrazione: PEC_NUOVA,
    });

    // then: no charge drafted here any more; the perentorio timer of the contestazione is gone with the interrupted phase
    await w.waitForElement(pik, 'Receive_EsitoTrasferimento', 'ELEMENT_ACTIVATED');
    const pec = w.mailsWith('Trasmissione degli atti del procedimento disciplinare – procedimento disciplinare UPD-2026-T02');
    expect(pec).toHaveLength(1);
    expect(mailText(pec[0])).toContain("l'addebito non era ancora stato contestato (fatti conosciuti il 02/03/2026)");
    expect(mailText(pec[0])).toContain('nuovi termini per la contestazione');
    await waitFor(async () => (await w.openTasks('Task_RedigiContestazione')).every((t) => String(t.process_instance_key) !== pik), 5_000, 'charge task gone');
    w.pin('2026-04-04T00:00:01+02:00');
    await new Promise((r) => setTimeout(r, 300));
    expect(w.mailsWith('Estinzione del procedimento disciplinare – procedimento disciplinare UPD-2026-T02')).toHaveLength(0);
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).toContain(`${MAIN}/Message_TrasferimentoContestazione`);
    await w.h.zeebe.cancelProcessInstance(pik);
  });
});
