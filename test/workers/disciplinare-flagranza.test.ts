import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { documentsOf } from './support/documentText.js';
import { mailText } from './support/mailText.js';
import { completedElements } from './support/recordLog.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const MONZA = '108033';
const PEC_MONZA = 'protocollo@pec.comune.monza.mb.it';
const EMAIL_MONZA = 'personale@comune.monza.mb.it';
const PEC_DIPENDENTE = 'luigi.verdi@pec.example.it';
const FLAGRANZA = 'procedimento-disciplinare-flagranza';
const MAIN = 'procedimento-disciplinare';

/**
 * D4: false attendance caught in the act (art. 55-quater c.3-bis, 3-ter, 3-quater D.Lgs. 165/2001):
 * suspension within 48 hours carrying the charge, hearing with 15 days' notice, one rinvio of at most
 * 5 days, conclusion in 30 days (ordinatorio) within the 120 days (perentorio), denuncia within 20 days.
 */
describe('procedimento disciplinare in flagranza end to end (embedded engine, real workers, SMTP on loopback)', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  async function startFlagranza(id: string, conoscenza: string, notizia: Record<string, unknown> = {}): Promise<string> {
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE, variables: { idProcedimento: id, codiceIstat: MONZA } });
    const pik = String(created.processInstanceKey);
    await w.completeTask('Task_RegistraNotizia', {
      codiceIstat: MONZA, matricolaDipendente: 'M-7781', codiceFiscaleDipendente: 'VRDLGU75B12F704N',
      dataConoscenza: conoscenza.slice(0, 10), momentoConoscenza: conoscenza, descrizioneFatto: 'Badge timbrato da un collega alle 8:02; il dipendente era assente',
      gravita: 'upd', flagranza: true, ...notizia,
    }, pik);
    return pik;
  }

  it('48 hours from the moment of knowledge, act of suspension and charge, denuncia, 5-day rinvio, 30-day reminder, dismissal', async () => {
    // given: the responsabile catches the false attendance on Monday 2 March 2026 at 8:30
    w.pin('2026-03-02T09:00:00+01:00');
    const pik = await startFlagranza('UPD-2026-F01', '2026-03-02T08:30:00+01:00');
    await w.waitForElement(undefined, 'Service_CalcolaScadenzeFlagranza');

    // then: the 48 hours are counted in hours from the moment of knowledge, not from a day
    const flagranzaKey = await childInstance(w, pik, FLAGRANZA);
    expect(await w.variable(flagranzaKey, 'scadenzaSospensioneFlagranza')).toBe('2026-03-04T08:30:00+01:00');
    const [sospensione] = await w.openTasks('Task_SospensioneFlagranza');
    expect(JSON.parse(String((sospensione as unknown as { candidate_groups: string }).candidate_groups))).toEqual(['provincia-upd', `comune-${MONZA}`]);

    // when: the 48 hours pass with the act still unsigned
    w.pin('2026-03-04T08:30:01+01:00');

    // then: an ordinatorio reminder to the UPD and the Comune; the task stays open
    await waitFor(async () => w.mailsWith('Termine di 48 ore').length === 1, 10_000, '48-hour reminder');
    expect(w.mailsWith('Termine di 48 ore')[0].to).toEqual(['upd@provincia.mb.it', EMAIL_MONZA]);
    expect(await w.openTasks('Task_SospensioneFlagranza')).toHaveLength(1);

    // when: the act of suspension with the charge is signed and notified the same morning
    w.pin('2026-03-04T09:30:00+01:00');
    await w.completeTask('Task_SospensioneFlagranza', {
      dataSospensione: '2026-03-04T09:30:00+01:00', testoAddebito: 'Falsa attestazione della presenza il 2 marzo 2026',
      dataAudizione: '2026-03-23T10:00:00+01:00', pecDipendente: PEC_DIPENDENTE,
    });
    await w.waitForElement(undefined, 'Service_CalcolaTerminiFlagranza');

    // then: the act is a PDF that carries suspension, charge and convocation with 15 days' notice
    const [atto] = await documentsOf(w, 'UPD-2026-F01');
    expect(atto.kind).toBe('sospensione-e-contestazione');
    expect(atto.text).toContain('Provvedimento di sospensione cautelare e contestuale contestazione');
    expect(atto.text).toContain('Falsa attestazione della presenza il 2 marzo 2026');
    expect(atto.text).toContain('sospeso cautelarmente dal servizio senza stipendio dal 04/03/2026 alle ore 09:30');
    expect(atto.text).toContain('assegno alimentare');
    expect(atto.text).toContain('Audizione il 23/03/2026 alle ore 10:00');
    expect(atto.text).toContain('Il preavviso di almeno 15 giorni decorre dalla ricezione del presente atto (art. 55-quater, c. 3-ter, D.Lgs. 165/2001)');
    expect(atto.text).not.toContain('rispettato');
    const notifica = w.mailsWith('Sospensione cautelare e contestazione (flagranza)');
    expect(notifica).toHaveLength(1);
    expect(notifica[0].to).toEqual([PEC_DIPENDENTE]);
    expect(notifica[0].raw).toContain('application/pdf');

    // then: terms from the charge (4 March): denuncia and Ispettorato 20 days, conclusion 30 (ordinatorio) and 120 (perentorio)
    expect(await w.variable(flagranzaKey, 'scadenzaDenuncia')).toBe('2026-03-25T00:00:00+01:00');
    expect(await w.variable(flagranzaKey, 'scadenzaComunicazioneAvvio')).toBe('2026-03-25T00:00:00+01:00');
    expect(await w.variable(flagranzaKey, 'scadenzaConclusioneFlagranza')).toBe('2026-04-04T00:00:00+02:00');
    expect(await w.variable(flagranzaKey, 'scadenzaConclusione')).toBe('2026-07-03T00:00:00+02:00');
    const scadenze = await w.variable<{ variabile: string; natura: string; fonte: string; dataTermine: string }[]>(flagranzaKey, 'scadenze');
    // then: only the terms of the flagranza path: no 10-day segnalazione (there is no referral to wait for)
    expect(scadenze?.map((s) => s.variabile)).not.toContain('scadenzaSegnalazione');
    expect(await w.variable(pik, 'scadenzaSegnalazione')).toBeUndefined();
    expect(await w.variable(flagranzaKey, 'scadenzaSegnalazione')).toBeUndefined();
    expect(scadenze).toEqual(expect.arrayContaining([
      expect.objectContaining({ variabile: 'scadenzaSospensioneFlagranza', natura: 'ordinatorio', fonte: 'art. 55-quater, c. 3-bis, D.Lgs. 165/2001' }),
      expect.objectContaining({ variabile: 'scadenzaDenuncia', natura: 'ordinatorio', dataTermine: '2026-03-24', fonte: 'art. 55-quater, c. 3-quater, D.Lgs. 165/2001' }),
      expect.objectContaining({ variabile: 'scadenzaConclusioneFlagranza', natura: 'ordinatorio', dataTermine: '2026-04-03', fonte: 'art. 55-quater, c. 3-ter, D.Lgs. 165/2001' }),
      expect.objectContaining({ variabile: 'scadenzaConclusione', natura: 'perentorio', dataTermine: '2026-07-02' }),
    ]));

    // then: the denuncia went to the Procura and the Corte dei conti with the act attached; PerlaPA notice by code
    await waitFor(async () => w.mailsWith('Denuncia per falsa attestazione').length === 1, 10_000, 'denuncia');
    const denuncia = w.mailsWith('Denuncia per falsa attestazione')[0];
    expect(denuncia.to).toEqual(['prot.procura.monza@giustiziacert.it', 'lombardia.procura@corteconticert.it']);
    expect(denuncia.raw).toContain('sospensione-e-contestazione-');
    expect(denuncia.raw).toContain('application/pdf');
    await w.waitForElement(undefined, 'Service_ComunicaAvvioFlagranza');
    const avvio = await w.variable<{ codiceDipendente: string }>(flagranzaKey, 'comunicazioneIspettoratoAvvio');
    expect(avvio?.codiceDipendente).toMatch(/^DIP-[0-9A-F]{12}$/);
    const perlapa = await w.db.knex('publications').where({ business_key: 'UPD-2026-F01', kind: 'ispettorato-avvio' });
    expect(perlapa.map((p: { title: string }) => p.title).join()).not.toContain('Verdi');

    // when: the employee asks for a postponement; the UPD grants 4 days (at most 5 in flagranza)
    await w.publish(MessageName.UPD_RICHIESTA_RINVIO, 'UPD-2026-F01', { motivoRinvio: 'Impedimento grave documentato' });
    await w.completeTask('Task_DecidiRinvio', { rinvioAccolto: true, nuovaDataAudizione: '2026-03-27T10:00:00+01:00', motivazioneRinvio: 'Certificato medico' });
    await w.waitForElement(undefined, 'Service_ProrogaFlagranza');

    // then: the flagranza rinvio (art. 55-quater c.3-ter) has no proroga clause: the 120 days stay (cautious reading); the hearing moves to 27 March
    expect(await w.variable(flagranzaKey, 'giorniRinvio')).toBe(4);
    expect(await w.variable(flagranzaKey, 'dataAudizione')).toBe('2026-03-27T10:00:00+01:00');
    expect(await w.variable(flagranzaKey, 'scadenzaConclusione')).toBe('2026-07-03T00:00:00+02:00');

    // when: hearing and istruttoria; the UPD also asks to suspend for the criminal case
    w.pin('2026-03-27T11:00:00+01:00');
    await w.completeTask('Task_Audizione', { dataAudizioneSvolta: '2026-03-27T10:00:00+01:00', dipendentePresente: true, verbaleAudizione: 'Verbale di audizione' });
    await w.completeTask('Task_Istruttoria', { attiIstruttori: 'Filmati e registro presenze', sospensionePenale: true });

    // then: the flagranza procedure is not suspended; the refusal and its reason are recorded and it goes on to the decision
    await waitFor(async () => (await w.openTasks('Task_Decisione')).length === 1, 10_000, 'decision task');
    // the worker records its job completion in the trail after the engine has moved on: wait for the entry
    const verifica = await waitFor(async () => {
      const rows = (await w.db.knex('audit_entries').where({ action: 'job.complete' }).andWhere('data', 'like', '%sospensionePenaleRichiesta%')) as Array<{ data: string }>;
      return rows.length > 0 && rows;
    }, 10_000, 'the istruttoria job completion in the trail');
    expect(verifica.map((e) => e.data).join()).toContain('flagranza non si sospende');
    // the model has no branch for a suspension in flagranza: the istruttoria never throws it there
    const flagranzaXml = await readFile(resolvePath('processes', `${FLAGRANZA}.bpmn`), 'utf8');
    expect(flagranzaXml).not.toContain('SOSPENSIONE_PENALE');
    expect(flagranzaXml).not.toContain('flagranza-non-sospendibile');

    // when: 30 days from the charge pass without a decision (ordinatorio)
    w.pin('2026-04-04T00:00:01+02:00');
    await waitFor(async () => w.mailsWith('Termine di 30 giorni per la conclusione scaduto').length === 1, 10_000, '30-day reminder');
    expect(w.mailsWith('Termine di 30 giorni per la conclusione scaduto')[0].to).toEqual(['upd@provincia.mb.it']);
    expect(mailText(w.mailsWith('Termine di 30 giorni per la conclusione scaduto')[0])).toContain('ultimo giorno utile 02/07/2026');

    // when: the UPD decides the dismissal, the Comune enforces it
    w.pin('2026-04-07T10:00:00+02:00');
    await w.completeTask('Task_Decisione', { esito: 'sanzione', sanzione: 'licenziamento-senza-preavviso', motivazioneDecisione: 'Falsa attestazione accertata (art. 55-quater c.1 lett. a)', dataDecisione: '2026-04-07' });
    await w.completeTask('Task_EseguiSanzione', { dataEsecuzione: '2026-04-08', trattenutaStipendiale: false, annotazioneFascicolo: true });
    await w.waitForCompletion(pik);

    // then: decision notified to the employee and the Comune, closing notice to the Ispettorato within 20 days
    const provvedimento = w.mailsWith('Provvedimento conclusivo – procedimento disciplinare UPD-2026-F01');
    expect(provvedimento).toHaveLength(1);
    expect(provvedimento[0].to).toEqual([PEC_DIPENDENTE, PEC_MONZA]);
    const docs = await documentsOf(w, 'UPD-2026-F01');
    expect(docs.map((d) => d.kind)).toEqual(['sospensione-e-contestazione', 'provvedimento-disciplinare']);
    expect(docs[1].text).toContain('Sanzione: licenziamento senza preavviso');
    expect(await w.variable(pik, 'scadenzaComunicazioneConclusione')).toBe('2026-04-28T00:00:00+02:00');

    // then: the record log shows the shortened path: no referral, no ordinary contestazione, flagranza branches all done
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).toEqual(expect.arrayContaining([
      `${MAIN}/Call_Flagranza`, `${FLAGRANZA}/Send_Sollecito48Ore`, `${FLAGRANZA}/Task_SospensioneFlagranza`,
      `${FLAGRANZA}/Service_TrasmettiDenuncia`, `${FLAGRANZA}/Service_ComunicaAvvioFlagranza`, `${FLAGRANZA}/Service_ProrogaFlagranza`,
      `${FLAGRANZA}/Send_Sollecito30Giorni`, `${FLAGRANZA}/End_FlagranzaDecisa`, `${MAIN}/Service_ComunicaConclusione`, `${MAIN}/End_ProcedimentoConcluso`,
    ]));
    expect(path.filter((p) => /Receive_Segnalazione|Call_Contestazione|Task_SospensioneCautelare|End_SospensionePenale/.test(p))).toEqual([]);
  });

  it('flagranza is decided before the verbal reprimand: noted as "rimprovero verbale", it still goes to the fast procedure (art. 55-quater c.1 lett. a)', async () => {
    // given
    w.pin('2026-06-01T09:00:00+02:00');

    // when: the notizia says both "only a rimprovero verbale" and "flagranza"
    const pik = await startFlagranza('UPD-2026-F03', '2026-06-01T08:30:00+02:00', { gravita: 'rimprovero-verbale' });

    // then: the flagranza procedure starts; no verbal reprimand task for the Comune
    await childInstance(w, pik, FLAGRANZA);
    expect((await w.openTasks('Task_RimproveroVerbale')).filter((t) => String(t.process_instance_key) === pik)).toHaveLength(0);
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path).not.toContain(`${MAIN}/Task_RimproveroVerbale`);
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('a rinvio longer than 5 days is refused in flagranza (art. 55-quater c.3-ter): an incident says so', async () => {
    // given
    w.pin('2026-05-04T08:00:00+02:00');
    const pik = await startFlagranza('UPD-2026-F02', '2026-05-04T07:45:00+02:00');
    await w.completeTask('Task_SospensioneFlagranza', {
      dataSospensione: '2026-05-04T09:00:00+02:00', testoAddebito: 'Falsa attestazione', dataAudizione: '2026-05-25T10:00:00+02:00', pecDipendente: PEC_DIPENDENTE,
    });
    await w.waitForElement(undefined, 'Service_CalcolaTerminiFlagranza');

    // when: the UPD grants 7 days
    await w.publish(MessageName.UPD_RICHIESTA_RINVIO, 'UPD-2026-F02', { motivoRinvio: 'Impedimento' });
    await w.completeTask('Task_DecidiRinvio', { rinvioAccolto: true, nuovaDataAudizione: '2026-06-01T10:00:00+02:00', motivazioneRinvio: 'Sì' });

    // then
    const incident = await waitFor(async () => (await w.h.embedded.engine.knex('incidents').where({ state: 'ACTIVE', element_id: 'Service_RegistraRinvio' }))[0] as { error_message: string } | undefined, 10_000, 'incident');
    expect(incident.error_message).toMatch(/5/);
    expect(incident.error_message).toContain('55-quater');
    await w.h.zeebe.cancelProcessInstance(pik);
  });
});

async function childInstance(w: WorkerHarness, parent: string, processId: string): Promise<string> {
  const row = await waitFor(async () => (await w.h.embedded.engine.knex('process_instances').where({ parent_process_instance_key: parent, bpmn_process_id: processId }).first()) as { key: string | number } | undefined, 10_000, `${processId} called by ${parent}`);
  return String(row.key);
}
