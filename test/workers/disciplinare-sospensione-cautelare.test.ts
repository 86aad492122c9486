import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { mailText } from './support/mailText.js';
import { completedElements } from './support/recordLog.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const MONZA = '108033';
const PEC_MONZA = 'protocollo@pec.comune.monza.mb.it';
const PEC_DIPENDENTE = 'anna.neri@pec.example.it';
const MAIN = 'procedimento-disciplinare';

/**
 * D7: precautionary suspension during the ordinary procedure, only for infractions punishable at least
 * with suspension, at most 30 days (CCNL Funzioni Locali), notified to the Ispettorato within 20 days of
 * its adoption (art. 55-bis c.4) and ended by a timer on its last day.
 */
describe('sospensione cautelare in corso di procedimento, end to end (embedded engine, real workers, SMTP on loopback)', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  /** Referral 4 March 2026, charge by PEC on 5 March with the given heaviest sanction, hearing 30 March. */
  async function reachSospensione(id: string, sanzioneMassimaPrevista: string): Promise<string> {
    w.pin('2026-03-02T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE, variables: { idProcedimento: id, codiceIstat: MONZA } });
    const pik = String(created.processInstanceKey);
    await w.completeTask('Task_RegistraNotizia', {
      codiceIstat: MONZA, matricolaDipendente: 'M-2210', codiceFiscaleDipendente: 'NRENNA80A41F704X',
      dataConoscenza: '2026-03-02', descrizioneFatto: 'Minacce a un collega', gravita: 'upd', flagranza: false,
    }, pik);
    await w.waitForElement(pik, 'Receive_Segnalazione', 'ELEMENT_ACTIVATED');
    await w.publish(MessageName.UPD_SEGNALAZIONE_COMUNE, id, { dataRicezioneSegnalazione: '2026-03-04' });
    await w.waitForElement(pik, 'Service_CalcolaScadenzaContestazione');
    w.pin('2026-03-05T09:00:00+01:00');
    await w.completeTask('Task_RedigiContestazione', {
      testoAddebito: 'Minacce a un collega il 27 febbraio 2026', sanzioneMassimaPrevista,
      dataAudizione: '2026-03-30T10:00:00+02:00', luogoAudizione: 'Sede UPD, Monza', pecDipendente: PEC_DIPENDENTE,
    });
    return pik;
  }

  it('ordered for 10 days from 6 March: notified to the employee and the Comune, Ispettorato within 20 days of the act, ended by its timer on 15 March', async () => {
    // given
    const pik = await reachSospensione('UPD-2026-S01', 'sospensione-11-giorni-6-mesi');

    // when: the UPD orders it on 5 March, first day 6 March, 10 days
    await w.completeTask('Task_SospensioneCautelare', { sospensioneCautelare: true, dataInizioSospensione: '2026-03-06', giorniSospensione: 10, motivazioneSospensione: 'Rischio di reiterazione' }, pik);

    // then: last day 15 March (the first day counts); the notice to the Ispettorato by 25 March (20 days from the act of 5 March)
    await w.waitForElement(pik, 'Service_ComunicaSospensione');
    const scadenze = await w.variable<{ variabile: string; dataTermine: string; decorrenza: string }[]>(pik, 'scadenze');
    expect(scadenze).toEqual(expect.arrayContaining([
      expect.objectContaining({ variabile: 'fineSospensioneCautelare', decorrenza: '2026-03-06', dataTermine: '2026-03-15' }),
      expect.objectContaining({ variabile: 'scadenzaComunicazioneSospensione', decorrenza: '2026-03-05', dataTermine: '2026-03-25' }),
    ]));
    const atto = w.mailsWith('Sospensione cautelare dal servizio – procedimento disciplinare UPD-2026-S01');
    expect(atto).toHaveLength(1);
    expect(atto[0].to).toEqual([PEC_DIPENDENTE, PEC_MONZA]);
    expect(mailText(atto[0])).toContain('dal 06/03/2026 al 15/03/2026 (10 giorni, al massimo 30)');
    expect(w.mailsWith('Fine della sospensione cautelare')).toHaveLength(0);

    // when: the last day of suspension is over
    w.pin('2026-03-16T00:00:01+01:00');

    // then: the timer ends it and the Comune readmits the employee; the procedure goes on to the hearing
    await waitFor(async () => w.mailsWith('Fine della sospensione cautelare – procedimento disciplinare UPD-2026-S01').length === 1 || undefined, 10_000, 'end of suspension');
    const fine = w.mailsWith('Fine della sospensione cautelare – procedimento disciplinare UPD-2026-S01')[0];
    expect(fine.to).toEqual([PEC_DIPENDENTE, PEC_MONZA, 'upd@provincia.mb.it']);
    expect(mailText(fine)).toContain('terminata il 15/03/2026');
    await w.waitForElement(pik, 'End_SospensioneTerminata');
    await w.waitForElement(pik, 'Call_Istruttoria', 'ELEMENT_ACTIVATED');
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).toEqual(expect.arrayContaining([`${MAIN}/Service_VerificaSospensioneCautelare`, `${MAIN}/Send_NotificaSospensioneCautelare`, `${MAIN}/Timer_FineSospensioneCautelare`, `${MAIN}/Send_FineSospensioneCautelare`]));
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('refused when the charge foresees only a multa: not ordered, the UPD is told why, the case goes on without it', async () => {
    // given
    const pik = await reachSospensione('UPD-2026-S02', 'multa');

    // when
    await w.completeTask('Task_SospensioneCautelare', { sospensioneCautelare: true, dataInizioSospensione: '2026-03-06', giorniSospensione: 10, motivazioneSospensione: 'Richiesta' }, pik);

    // then
    await w.waitForElement(pik, 'Call_Istruttoria', 'ELEMENT_ACTIVATED');
    expect(await w.variable(pik, 'sospensioneCautelare')).toBe(false);
    const avviso = w.mailsWith('Sospensione cautelare non disposta – procedimento disciplinare UPD-2026-S02');
    expect(avviso).toHaveLength(1);
    expect(avviso[0].to).toEqual(['upd@provincia.mb.it']);
    expect(mailText(avviso[0])).toContain('ammessa solo per infrazioni punibili almeno con la sospensione dal servizio (sanzione massima contestata: multa fino a 4 ore di retribuzione)');
    expect(w.mailsWith('Sospensione cautelare dal servizio – procedimento disciplinare UPD-2026-S02')).toHaveLength(0);
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).not.toContain(`${MAIN}/Service_ComunicaSospensione`);
    // a cessazione now extinguishes the procedure: no suspension was ordered (art. 55-bis c.9)
    await w.publish(MessageName.UPD_CESSAZIONE_RAPPORTO, 'UPD-2026-S02', { dataCessazione: '2026-03-10' });
    await w.waitForElement(pik, 'End_EstintoCessazione');
  });
});
