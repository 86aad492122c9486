import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { documentsOf } from './support/documentText.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const CF = 'NRENNA92S60F704W';

describe('formazione end to end (embedded engine, real workers over gRPC, SMTP on loopback)', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('main path: needs analysis (unmapped profile first), plan PDF, classes, attendance, mandatory-course alert, 40-hour report', async () => {
    // given
    w.pin('2025-11-03T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.FORMAZIONE, variables: {
      idPiano: 'PF-2026', anno: 2026, comuniAderenti: [{ codiceIstat: '108033', nome: 'Monza' }],
      registroObbligatoria: [{ codiceIstat: '108033', codiceFiscale: CF, nominativo: 'Neri Anna', corso: 'sicurezza-aggiornamento', completatoIl: '2021-06-15' }],
    } });
    const pik = String(created.processInstanceKey);

    // when: the Comune maps its staff with a profile the dictionary does not know
    await w.completeTask('Task_Profili', { codiceIstat: '108033', organigramma: 'Settore servizi', dipendenti: [{ codiceFiscale: CF, nominativo: 'Neri Anna', profilo: 'Archivista', email: 'anna.neri@example.it' }] });
    await w.publish(MessageName.FORMAZIONE_AUTOVALUTAZIONE_DIPENDENTE, `PF-2026-${CF}`, { autovalutazione: { 'competenze-digitali': 1, anticorruzione: 2 } });
    await w.completeTask('Task_Eterovalutazione', { codiceFiscaleValutato: CF, competenzeValutate: [{ competenza: 'competenze-digitali', livello: '2' }] });

    // then: PROFILI_INCOMPLETI sends the Comune back to the mapping
    await w.completeTask('Task_CompletaProfili', { codiceIstat: '108033', organigramma: 'Settore servizi', dipendenti: [{ codiceFiscale: CF, nominativo: 'Neri Anna', profilo: 'Istruttore', email: 'anna.neri@example.it', ruoliSicurezza: ['preposto'] }] });
    await w.completeTask('Task_ValidaFabbisogni', { fabbisogniValidati: true });
    await w.completeTask('Task_OffertaFormativa', { catalogo: [{ titoloCorso: 'Competenze digitali', fonte: 'syllabus', oreCorso: 24, obbligatorio: false }] });
    await w.completeTask('Task_RedigiPiano', { obiettiviPiano: 'Competenze digitali per tutti', oreMinimePerDipendente: 40 });
    await w.completeTask('Task_AdottaPiano', { pianoAdottato: true, deliberaAdozione: 'DGC 12/2026' });
    await w.completeTask('Task_PianificaEdizioni', { edizioni: [{ titoloCorso: 'Competenze digitali', inizio: '2026-03-10T09:00:00+01:00', sede: 'Monza', posti: 20 }] });
    await w.completeTask('Task_AutorizzaFrequenza', { iscrizioniAutorizzate: [{ codiceFiscale: CF, titoloCorso: 'Competenze digitali' }] });
    await w.completeTask('Task_Erogazione', { registroPresenze: [{ codiceFiscale: CF, oreFrequentate: 24, verificaSuperata: true }] });
    await w.waitForElement(pik, 'Service_GeneraAttestati').catch(async (e) => {
      console.log(JSON.stringify(await w.incidents()), JSON.stringify(await w.db.knex('audit_entries').whereIn('action', ['job.fail']).select('data')));
      throw e;
    });

    // when: the year ends
    w.pin('2027-01-01T00:00:01+01:00');
    await w.completeTask('Task_AcquisisciReport', { reportAcquisito: true });
    await w.waitForCompletion(pik);

    // then: the needs, the plan and the report; 24 of 40 hours; the safety refresher alert reached the Comune
    const errors = await w.db.knex('audit_entries').where({ action: 'job.error' });
    expect(errors.map((e: { data: string }) => e.data).join()).toContain('Profili non mappati nel dizionario');
    expect(await w.variable(pik, 'oreFormazione')).toEqual([expect.objectContaining({ codiceFiscale: CF, ore: 24, obiettivo: 40, mancanti: 16, raggiunto: false })]);
    // a preposto also owes the two-yearly refresher (art. 37 c.7-ter D.Lgs. 81/2008), never done; the 2021 workers' course lapsed in June 2026
    expect((await w.variable<{ obbligatori: { corso: string; valido: boolean }[] }[]>(pik, 'oreFormazione'))![0].obbligatori).toEqual(expect.arrayContaining([
      { corso: 'sicurezza-preposti', valido: false }, { corso: 'sicurezza-aggiornamento', valido: false },
    ]));
    expect((await documentsOf(w, 'PF-2026')).find((d) => d.kind === 'relazione-annuale')!.text).toContain('sicurezza (preposti) da rinnovare');
    const docs = await w.db.knex('documents').where({ business_key: 'PF-2026' });
    expect(docs.map((d: { kind: string }) => d.kind).sort()).toEqual(['attestati', 'piano-formativo', 'relazione-annuale']);
    expect((await documentsOf(w, 'PF-2026')).find((d) => d.kind === 'attestati')!.text).toContain('Edizione del 10/03/2026, Monza');
    await waitFor(async () => w.mailsWith('Formazione obbligatoria in scadenza').length === 1, 5_000, 'alert');
    const alert = w.mailsWith('Formazione obbligatoria in scadenza')[0];
    expect(alert.to).toEqual(['personale@comune.monza.mb.it']);
    expect(alert.raw).toContain('15/06/2026');
    expect(w.mailsWith('Calendario dei corsi')[0].to).toEqual(['personale@comune.monza.mb.it']);
  });

  it('PIAO term: with the budget term deferred to 28 February the PIAO is due 30 days later (art. 8 c.2 DM 132/2022)', async () => {
    // given
    w.pin('2025-11-03T09:00:00+01:00');
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.FORMAZIONE, variables: {
      idPiano: 'PF-2026-B', anno: 2026, comuniAderenti: [{ codiceIstat: '108033', nome: 'Monza' }], termineBilancioPrevisione: '2026-02-28',
    } });
    const pik = String(created.processInstanceKey);

    // when
    await w.waitForElement(pik, 'Service_CalcolaScadenzeCiclo');

    // then
    const piao = (await w.variable<{ variabile: string; dataTermine: string; fonte: string }[]>(pik, 'scadenze'))?.find((s) => s.variabile === 'scadenzaPiao');
    expect(piao).toEqual(expect.objectContaining({ dataTermine: '2026-03-30', fonte: expect.stringContaining('art. 8, c. 2, DM 132/2022') }));
  });
});
