import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { documentsOf } from './support/documentText.js';
import { mailText } from './support/mailText.js';
import { completedElements } from './support/recordLog.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const MONZA = '108033';
const PEC_MONZA = 'protocollo@pec.comune.monza.mb.it';
const PEC_DIPENDENTE = 'anna.neri@pec.example.it';
const MAIN = 'procedimento-disciplinare';
const ISTRUTTORIA = 'procedimento-disciplinare-istruttoria';

/**
 * D15: link with the criminal case (art. 55-ter D.Lgs. 165/2001). The UPD may suspend only for
 * infractions punished above the 10-day suspension; it resumes by renewing the charge within 60 days
 * of the court's communication, and the terms of art. 55-bis run anew from the renewed charge.
 */
describe('procedimento disciplinare sospeso per il procedimento penale, end to end', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  /** Ordinary path up to the istruttoria: referral 4 March, charge by PEC 5 March, hearing 30 March. */
  async function reachIstruttoria(id: string, sanzioneMassimaPrevista: string): Promise<string> {
    w.pin('2026-03-02T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE, variables: { idProcedimento: id, codiceIstat: MONZA } });
    const pik = String(created.processInstanceKey);
    await w.completeTask('Task_RegistraNotizia', {
      codiceIstat: MONZA, matricolaDipendente: 'M-5120', codiceFiscaleDipendente: 'NRENNA82M41F704E',
      dataConoscenza: '2026-03-02', descrizioneFatto: 'Uso di beni del Comune a fini privati, oggetto di indagine penale', gravita: 'upd', flagranza: false,
    }, pik);
    await w.waitForElement(pik, 'Receive_Segnalazione', 'ELEMENT_ACTIVATED');
    await w.publish(MessageName.UPD_SEGNALAZIONE_COMUNE, id, { dataRicezioneSegnalazione: '2026-03-04' });
    await w.waitForElement(pik, 'Service_CalcolaScadenzaContestazione');
    w.pin('2026-03-05T09:00:00+01:00');
    await w.completeTask('Task_RedigiContestazione', {
      testoAddebito: 'Uso di beni del Comune a fini privati', sanzioneMassimaPrevista,
      dataAudizione: '2026-03-30T10:00:00+02:00', luogoAudizione: 'Sede UPD, Monza', pecDipendente: PEC_DIPENDENTE,
    }, undefined);
    await w.completeTask('Task_SospensioneCautelare', { sospensioneCautelare: false, motivazioneSospensione: 'Non necessaria' }, pik);
    w.pin('2026-03-30T11:00:00+02:00');
    await w.completeTask('Task_Audizione', { dataAudizioneSvolta: '2026-03-30T10:00:00+02:00', dipendentePresente: true, verbaleAudizione: 'Verbale' });
    return pik;
  }

  it('suspended for the criminal case, resumed by a renewed charge within 60 days: the 120 days run anew', async () => {
    // given
    const pik = await reachIstruttoria('UPD-2026-P01', 'licenziamento-con-preavviso');
    expect(await w.variable(pik, 'scadenzaConclusione')).toBe('2026-07-04T00:00:00+02:00');

    // when: facts too complex to establish without the criminal trial; the UPD suspends
    await w.completeTask('Task_Istruttoria', { attiIstruttori: 'Richiesta atti alla Procura', sospensionePenale: true });

    // then: the case waits for the court's communication; no decision task, and the 120 days no longer run
    await w.waitForElement(pik, 'Receive_EsitoPenale', 'ELEMENT_ACTIVATED');
    expect(await w.openTasks('Task_Decisione')).toHaveLength(0);
    const sospensione = w.mailsWith('Sospensione del procedimento disciplinare – procedimento disciplinare UPD-2026-P01');
    expect(sospensione).toHaveLength(1);
    expect(sospensione[0].to).toEqual([PEC_DIPENDENTE, PEC_MONZA, 'upd@provincia.mb.it']);
    expect(mailText(sospensione[0])).toContain('55-ter');
    w.pin('2026-07-05T09:00:00+02:00');
    await new Promise((r) => setTimeout(r, 300));
    expect(w.mailsWith('Estinzione del procedimento disciplinare – procedimento disciplinare UPD-2026-P01')).toHaveLength(0);

    // when: the court's registry communicates the judgment on 10 September 2026
    w.pin('2026-09-10T12:00:00+02:00');
    await w.publish(MessageName.UPD_ESITO_PENALE, 'UPD-2026-P01', { dataComunicazioneSentenza: '2026-09-10', esitoPenale: 'Condanna in primo grado' });
    await w.waitForElement(pik, 'Service_CalcolaTerminiRiattivazione');

    // then: 60 days (perentorio) to renew the charge: 9 November 2026
    expect(await w.variable(pik, 'scadenzaRiattivazione')).toBe('2026-11-10T00:00:00+01:00');
    const scadenze = await w.variable<{ variabile: string; natura: string; fonte: string; dataTermine: string }[]>(pik, 'scadenze');
    expect(scadenze).toEqual(expect.arrayContaining([
      expect.objectContaining({ variabile: 'scadenzaRiattivazione', natura: 'perentorio', dataTermine: '2026-11-09', fonte: 'art. 55-ter, c. 4, D.Lgs. 165/2001' }),
    ]));

    // when: the UPD renews the charge on 15 September, hearing on 12 October
    w.pin('2026-09-15T09:00:00+02:00');
    await w.completeTask('Task_RinnovaContestazione', {
      dataComunicazioneSentenza: '2026-09-10', esitoPenale: 'Condanna in primo grado',
      testoAddebito: 'Uso di beni del Comune a fini privati, accertato con sentenza', dataAudizione: '2026-10-12T10:00:00+02:00',
    });
    await w.waitForElement(pik, 'Service_CalcolaTerminiRinnovati');

    // then: the renewed charge is a document, sent by PEC with the PDF; the terms restart from it
    const rinnovo = w.mailsWith("Rinnovo della contestazione d'addebito – procedimento disciplinare UPD-2026-P01");
    expect(rinnovo).toHaveLength(1);
    expect(rinnovo[0].to).toEqual([PEC_DIPENDENTE, 'upd@provincia.mb.it']);
    expect(rinnovo[0].raw).toContain('application/pdf');
    expect(rinnovo[0].raw).toContain('rinnovo-contestazione-');
    const docs = await documentsOf(w, 'UPD-2026-P01');
    expect(docs.map((d) => d.kind)).toEqual(['atto-di-contestazione', 'rinnovo-contestazione']);
    expect(docs[1].text).toContain('Rinnovo della contestazione');
    expect(docs[1].text).toContain('accertato con sentenza');
    expect(docs[1].text).toContain('10/09/2026');
    expect(docs[1].text).toContain('art. 55-ter, c. 4');
    expect(await w.variable(pik, 'dataContestazione')).toBe('2026-09-15');
    expect(await w.variable(pik, 'scadenzaConclusione')).toBe('2027-01-14T00:00:00+01:00');

    // when: hearing, istruttoria, decision, enforcement
    w.pin('2026-10-12T11:00:00+02:00');
    await w.completeTask('Task_Audizione', { dataAudizioneSvolta: '2026-10-12T10:00:00+02:00', dipendentePresente: true, verbaleAudizione: 'Verbale 2' }, undefined);
    await w.completeTask('Task_Istruttoria', { attiIstruttori: 'Sentenza', sospensionePenale: false });
    await w.completeTask('Task_Decisione', { esito: 'sanzione', sanzione: 'licenziamento-con-preavviso', motivazioneDecisione: 'Fatti accertati dalla sentenza', dataDecisione: '2026-10-20' });
    await w.completeTask('Task_EseguiSanzione', { dataEsecuzione: '2026-10-21', trattenutaStipendiale: false, annotazioneFascicolo: true });
    await w.waitForCompletion(pik);

    // then: the record log shows the suspension and the second istruttoria
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path.filter((p) => p.endsWith('/Service_VerificaSospensionePenale'))).toHaveLength(2);
    expect(path.filter((p) => p.startsWith(`${ISTRUTTORIA}/End_`))).toEqual([`${ISTRUTTORIA}/End_DecisioneAdottata`]);
    expect(path).toEqual(expect.arrayContaining([
      `${MAIN}/Escalation_SospensionePenale`, `${MAIN}/Send_ComunicaSospensionePenale`, `${MAIN}/Receive_EsitoPenale`, `${MAIN}/Service_GeneraRinnovoContestazione`, `${MAIN}/Task_RinnovaContestazione`, `${MAIN}/Send_RinnovoContestazione`, `${MAIN}/End_ProcedimentoConcluso`,
    ]));
  });

  it('a charge renewed too late extinguishes the procedure (perentorio 60 days) and tells the parties which term was missed', async () => {
    // given
    const pik = await reachIstruttoria('UPD-2026-P02', 'sospensione-11-giorni-6-mesi');
    await w.completeTask('Task_Istruttoria', { attiIstruttori: 'Atti', sospensionePenale: true });
    await w.waitForElement(pik, 'Receive_EsitoPenale', 'ELEMENT_ACTIVATED');
    w.pin('2026-09-10T12:00:00+02:00');
    await w.publish(MessageName.UPD_ESITO_PENALE, 'UPD-2026-P02', { dataComunicazioneSentenza: '2026-09-10', esitoPenale: 'Assoluzione' });
    await w.waitForElement(pik, 'Service_CalcolaTerminiRiattivazione');

    // when: 9 November passes without the renewed charge
    w.pin('2026-11-10T00:00:01+01:00');

    // then
    await w.waitForElement(pik, 'End_ProcedimentoEstinto');
    const notice = w.mailsWith('Estinzione del procedimento disciplinare – procedimento disciplinare UPD-2026-P02');
    expect(notice).toHaveLength(1);
    expect(notice[0].to).toEqual([PEC_DIPENDENTE, PEC_MONZA, 'upd@provincia.mb.it']);
    expect(mailText(notice[0])).toContain('09/11/2026');
    expect(mailText(notice[0])).toContain('55-ter');
    expect(await w.openTasks('Task_RinnovaContestazione')).toHaveLength(0);
  });

  it('an infraction punished up to a 10-day suspension cannot be suspended (art. 55-ter c.1): the case goes on to the decision', async () => {
    // given
    const pik = await reachIstruttoria('UPD-2026-P03', 'multa');

    // when
    await w.completeTask('Task_Istruttoria', { attiIstruttori: 'Atti', sospensionePenale: true });

    // then
    await waitFor(async () => (await w.openTasks('Task_Decisione')).length === 1, 10_000, 'decision task').catch(async (e) => {
      console.log(await w.incidents(), await completedElements(w.h.embedded.engine.knex, pik));
      throw e;
    });
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).not.toContain(`${MAIN}/Escalation_SospensionePenale`);
    const verifica = await w.db.knex('audit_entries').where({ action: 'job.complete' }).andWhere('data', 'like', '%sospensionePenaleRichiesta%');
    expect(verifica.map((e: { data: string }) => e.data).join()).toContain('la sospensione non è ammessa');
    await w.h.zeebe.cancelProcessInstance(pik);
  });
});
