import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { documentsOf } from './support/documentText.js';
import { mailText } from './support/mailText.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const MONZA = '108033';
const LISSONE = '108028';
const presidente = { nominativo: 'Dirigente Presidente', codiceFiscale: 'GLLPLA75L07F704T', ruolo: 'presidente', genere: 'M', email: 'presidente@provincia.mb.it', dichiarazione35bis: true };
const esperta = { nominativo: 'Esperta Uno', codiceFiscale: 'CSTSRA88P49F704T', ruolo: 'componente', genere: 'F', email: 'esperto1@provincia.mb.it', dichiarazione35bis: true };
const esperto = { nominativo: 'Esperto Due', codiceFiscale: 'VRDLCU85C03F704H', ruolo: 'componente', genere: 'M', email: 'esperto2@provincia.mb.it', dichiarazione35bis: true };
const ammesso = (cf: string, nominativo: string, genere: 'F' | 'M', dataNascita: string, riserve?: string[]) =>
  ({ codiceFiscale: cf, nominativo, email: `${cf.toLowerCase()}@example.it`, dataNascita, genere, codiceElaborato: `EL-${cf.slice(0, 3)}`, ...(riserve ? { riserve } : {}) });

/**
 * Issue 15, items 9-13: the legal rules of the concorso where they change the path of the process,
 * each case started at the step it concerns (Zeebe start instructions) with the variables before it.
 */
describe('selezione: riserve, preferences, idonei, commission and test days, end to end', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  const startAt = async (bpmnProcessId: string, elementId: string, variables: Record<string, unknown>): Promise<string> => {
    const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId, variables, startInstructions: [{ elementId }] } as never);
    return String(created.processInstanceKey);
  };

  it('bando with a reserve for the Armed Forces (30%, art. 1014 D.Lgs. 66/2010): published in the bando, claims checked at application', async () => {
    // given: a concorso for 5 posts in Monza, the bando being approved
    w.pin('2026-03-02T09:00:00+01:00');
    const ID = 'CONC-R-01';
    const pik = await startAt(ProcessId.SELEZIONE_PERSONALE, 'Task_Bando', { idConcorso: ID, postiPerComune: [{ codiceIstat: MONZA, profilo: 'Istruttore amministrativo', area: 'istruttori', numeroPosti: 5 }] });

    // when
    await w.completeTask('Task_Bando', {
      numeroDetermina: '12/2026', tipoConcorso: 'esami', preselezione: false, dataChiusuraBando: '2026-04-02T12:00:00+02:00', requisiti: 'Diploma',
      riservePosti: [{ categoria: 'forze-armate' }], genereMenoRappresentato: 'F', limiteIdonei: true,
    }, pik);
    await w.waitForElement(pik, 'Service_PubblicaBando');

    // then: 30% of 5 is 1 post, the half-post fraction goes to the next concorsi; the bando says so
    expect(await w.variable(pik, 'riserve')).toEqual(expect.objectContaining({ limite: 2, ridotte: false, riserve: [expect.objectContaining({ categoria: 'forze-armate', posti: 1, frazione: 0.5 })] }));
    const bando = (await documentsOf(w, ID)).find((d) => d.kind === 'bando')!;
    expect(bando.text).toContain('Posti riservati a volontari delle Forze armate (D.Lgs. 66/2010): 1');
    expect(bando.text).toContain('genere meno rappresentato nel profilo (femminile)');
    expect(bando.text).toContain('entro il 20 per cento dei posti');

    // when: one candidate claims a reserve the bando does not provide, one claims "riserva" (the only one: forze armate)
    await w.publish(MessageName.SELEZIONE_DOMANDA_CANDIDATO, ID, { domanda: { codiceFiscale: 'RSSMRA80A01F704F', nome: 'Mario', cognome: 'Rossi', email: 'mario@example.it', dichiarazioneRequisiti: true, riserva: 'disabili' } });
    await waitFor(async () => w.mailsWith('Domanda non ricevibile').length === 1, 10_000, 'rejection of the reserve claim');
    await w.publish(MessageName.SELEZIONE_DOMANDA_CANDIDATO, ID, { domanda: { codiceFiscale: 'BNCGLI90H55F704T', nome: 'Giulia', cognome: 'Bianchi', email: 'giulia@example.it', dichiarazioneRequisiti: true, riserva: true } });
    const row = await waitFor(async () => (await w.db.knex('applications').where({ concorso_id: ID }).first()) as { codice_fiscale: string; data: string } | undefined, 10_000, 'application');

    // then
    expect(mailText(w.mailsWith('Domanda non ricevibile')[0])).toContain('il bando non prevede posti riservati alla categoria disabili');
    expect(row.codice_fiscale).toBe('BNCGLI90H55F704T');
    expect(JSON.parse(row.data).riserve).toEqual(['forze-armate']);
  });

  it('graduatoria: the under-represented gender stated by the bando breaks a tie, the reserved post goes to the best volunteer below the winners', async () => {
    // given: 2 posts in Monza, 1 reserved to the Armed Forces; Anna (F, 1985) and Bruno (M, 1995) tie on 50;
    // Carlo 49; Dario (volunteer) 45
    w.pin('2026-06-01T09:00:00+02:00');
    const ID = 'CONC-R-02';
    const ammessi = [
      ammesso('NRANNA85A41F704K', 'Neri Anna', 'F', '1985-01-01'),
      ammesso('BRNBRN95A01F704X', 'Bruni Bruno', 'M', '1995-01-01'),
      ammesso('CRLCRL90A01F704Y', 'Carli Carlo', 'M', '1990-01-01'),
      ammesso('DRADRA92A01F704Z', 'Dari Dario', 'M', '1992-01-01', ['forze-armate']),
    ];
    const voti = [['NRANNA85A41F704K', 25, 25], ['BRNBRN95A01F704X', 25, 25], ['CRLCRL90A01F704Y', 24, 25], ['DRADRA92A01F704Z', 22, 23]] as const;
    const pik = await startAt(ProcessId.SELEZIONE_PERSONALE, 'Service_CalcolaGraduatoria', {
      idConcorso: ID, tipoConcorso: 'esami', ammessi, genereMenoRappresentato: 'F',
      votiScrittaAbbinati: voti.map(([cf, s]) => ({ codiceFiscale: cf, voto: s })), votiOrale: voti.map(([cf, , o]) => ({ codiceFiscale: cf, voto: o })),
      postiPerComune: [{ codiceIstat: MONZA, profilo: 'Istruttore amministrativo', area: 'istruttori', numeroPosti: 2 }],
      riserve: { postiTotali: 2, limite: 1, ridotte: false, riserve: [{ categoria: 'forze-armate', posti: 1, richiesti: 1, legalSource: 'artt. 678, c. 9, e 1014, c. 3 e 4, D.Lgs. 66/2010' }] },
      limiteIdonei: true, scadenzaConclusioneConcorso: '2026-10-18T00:00:00+02:00',
    });

    // when
    await w.completeTask('Task_RevisioneGraduatoria', { graduatoriaConfermata: true, verbaleGraduatoria: 'Verbale 4' }, pik);
    await w.completeTask('Task_ApprovaGraduatoria', { determinaApprovazione: '50/2026', dataApprovazione: '2026-06-01' }, pik);
    await w.waitForElement(pik, 'Service_AssegnaVincitori');

    // then: Anna precedes Bruno for the gender (not Bruno for being younger)
    const graduatoria = await w.variable<{ ranked: { candidateId: string; position: number; aheadOfNext?: { rule: string } }[] }>(pik, 'graduatoria');
    expect(graduatoria?.ranked.map((e) => [e.position, e.candidateId, e.aheadOfNext?.rule])).toEqual([
      [1, 'NRANNA85A41F704K', 'genere-meno-rappresentato'], [2, 'BRNBRN95A01F704X', 'punteggio'], [3, 'CRLCRL90A01F704Y', 'punteggio'], [4, 'DRADRA92A01F704Z', undefined],
    ]);
    // and the winners: Anna on merit, Dario on the reserved post; Bruno is idoneo
    expect(await w.variable(pik, 'assegnazioni')).toEqual([
      expect.objectContaining({ codiceFiscale: 'NRANNA85A41F704K', posizione: 1, titolo: 'merito', codiceIstat: MONZA }),
      expect.objectContaining({ codiceFiscale: 'DRADRA92A01F704Z', posizione: 4, titolo: 'forze-armate', codiceIstat: MONZA }),
    ]);
    expect((await documentsOf(w, ID)).find((d) => d.kind === 'graduatoria')!.text).toContain('precede per appartenenza al genere meno rappresentato');
    // the idonei limit of 20% of 2 posts (1 idoneo) is recorded with its source; the open questions stay in the code
    expect(await w.variable(pik, 'limiteIdoneiGraduatoria')).toEqual({ applies: true, maxIdonei: 1, legalSource: expect.stringContaining('art. 35, c. 5-ter') });
  });

  it('keeps every reading still to verify out of the case data users see (scadenze, variables)', async () => {
    // given: a graduatoria published with the idonei limit and the three-year validity (both with open questions in the code)
    const rows = (await w.h.embedded.engine.knex('variables').select('name', 'value')) as { name: string; value: string }[];
    // then
    expect(rows.filter((r) => /daVerificare|"verify"|da verificare|to verify/i.test(String(r.value))).map((r) => r.name)).toEqual([]);
  });

  it('scorrimento: another profile is refused with the reason; the same profile reaches only the idonei within the limit', async () => {
    // given: graduatoria of 3, the first hired by Monza; idonei limited to 1 (art. 35 c.5-ter)
    w.pin('2027-02-01T09:00:00+01:00');
    const ID = 'CONC-R-03';
    const ammessi = [ammesso('NRANNA85A41F704K', 'Neri Anna', 'F', '1985-01-01'), ammesso('BRNBRN95A01F704X', 'Bruni Bruno', 'M', '1995-01-01'), ammesso('CRLCRL90A01F704Y', 'Carli Carlo', 'M', '1990-01-01')];
    const pik = await startAt(ProcessId.SELEZIONE_PERSONALE_SCORRIMENTO, 'Gateway_GraduatoriaValida', {
      idConcorso: ID, ammessi, scadenzaGraduatoria: '2029-06-01T00:00:00+02:00',
      graduatoria: { ranked: ammessi.map((a, i) => ({ position: i + 1, candidateId: a.codiceFiscale, total: 50 - i })), excluded: [] },
      postiPerComune: [{ codiceIstat: MONZA, profilo: 'Istruttore amministrativo', area: 'istruttori', numeroPosti: 1 }],
      assegnazioni: [{ codiceIstat: MONZA, codiceFiscale: 'NRANNA85A41F704K', nominativo: 'Neri Anna', posizione: 1, profilo: 'Istruttore amministrativo' }],
      limiteIdoneiGraduatoria: { applies: true, maxIdonei: 1, legalSource: 'art. 35, c. 5-ter, D.Lgs. 165/2001' },
    });

    // when: Lissone asks for an Istruttore tecnico, and the Provincia authorises it
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID, { richiestaScorrimento: { codiceIstat: LISSONE, numeroPosti: 1, profilo: 'Istruttore tecnico', estremiAccordo: '120/2027' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: LISSONE, estremiAccordo: '120/2027', scorrimentoAutorizzato: true, motivazioneScorrimento: 'Accordo approvato' }, pik);

    // then: refused, and Lissone is told why
    await waitFor(async () => w.mailsWith(`Diniego dell'utilizzo della graduatoria`).length === 1, 10_000, 'diniego');
    expect(mailText(w.mailsWith(`Diniego dell'utilizzo della graduatoria`)[0])).toContain('non corrisponde a quello della graduatoria (Istruttore amministrativo)');

    // when: Lissone asks for two posts of the graduatoria's profile
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID, { richiestaScorrimento: { codiceIstat: LISSONE, numeroPosti: 2, profilo: 'istruttore amministrativo', estremiAccordo: '121/2027' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: LISSONE, estremiAccordo: '121/2027', scorrimentoAutorizzato: true, motivazioneScorrimento: 'Accordo approvato' }, pik);

    // then: only Bruno (2nd, the one idoneo within 20% of 1 post) is offered; Carlo is beyond the limit
    await waitFor(async () => w.mailsWith(`Proposta di assunzione dalla graduatoria – concorso ${ID}`).length === 1, 10_000, 'offer');
    expect(await w.variable(pik, 'ultimaAssegnazioneScorrimento')).toEqual([expect.objectContaining({ codiceFiscale: 'BRNBRN95A01F704X', posizione: 2, codiceIstat: LISSONE })]);
  });

  it('commission: refused without a member’s art. 35-bis declaration, accepted with it and one woman in three', async () => {
    // given
    w.pin('2026-04-01T09:00:00+02:00');
    const pik = await startAt(ProcessId.SELEZIONE_PERSONALE, 'Task_NominaCommissione', { idConcorso: 'CONC-R-04', ammessi: [] });

    // when: the secretary has not signed the declaration
    await w.completeTask('Task_NominaCommissione', { determinaNomina: '30/2026', componentiCommissione: [presidente, esperta, esperto, { ...esperto, nominativo: 'Segretaria', codiceFiscale: 'BNCGLI90H55F704T', ruolo: 'segretario', genere: 'F', dichiarazione35bis: false }] }, pik);

    // then: back to the appointment, with the reason in the trail
    await waitFor(async () => (await w.db.knex('audit_entries').where({ action: 'job.error' })).some((e: { data: string }) => e.data.includes('manca la dichiarazione di Segretaria')), 10_000, 'COMMISSIONE_NON_CONFORME');
    await w.completeTask('Task_NominaCommissione', { determinaNomina: '31/2026', componentiCommissione: [presidente, esperta, esperto] }, pik);

    // then: the members are asked for their no-conflict declarations
    await waitFor(async () => (await w.openTasks('Task_DichiarazioneComponente')).filter((t) => String(t.process_instance_key) === pik).length === 3, 10_000, 'three declarations');
  });

  it('test calendar: a written test on Kippur (21 September 2026) is refused naming the holiday', async () => {
    // given
    w.pin('2026-08-20T09:00:00+02:00');
    const pik = await startAt(ProcessId.SELEZIONE_PERSONALE, 'Task_Insediamento', { idConcorso: 'CONC-R-05', ammessi: [] });

    // when
    await w.completeTask('Task_Insediamento', { criteriValutazione: 'Criteri', dataProvaScritta: '2026-09-21T09:00:00+02:00', dataProvaOrale: '2026-10-20T09:00:00+02:00' }, pik);

    // then: an incident on the deadlines step that names Kippur and the rule
    const [incident] = await waitFor(async () => {
      const found = await w.incidents(pik);
      return found.length > 0 ? found : undefined;
    }, 15_000, 'incident');
    expect(incident.element_id).toBe('Service_CalcolaScadenzeProve');
    expect(incident.error_message).toContain('la prova scritta non può svolgersi il 21/09/2026: Kippur');
    expect(incident.error_message).toContain('art. 6, c. 1, DPR 487/1994');
  });

  it('UPD terms run on the calendar of the Provincia’s seat: the patron day of the employee’s Comune (configured) does not move them', async () => {
    // given: the convenzione configures Lissone's patron day on 29 June
    await writeFile(join(w.h.dataDir, 'calendario-uffici.json'), JSON.stringify({ sedeProvincia: MONZA, santiPatroni: { [LISSONE]: { comune: 'Lissone', santo: 'Santi Pietro e Paolo', giorno: '06-29' } } }));
    w.pin('2026-05-30T09:00:00+02:00');

    // when: referrals about Lissone employees received on 30 May (30 days: Monday 29 June) and 25 May (24 June, San Giovanni in Monza)
    const lissone = await startAt(ProcessId.PROCEDIMENTO_DISCIPLINARE, 'Service_CalcolaScadenzaContestazione', { idProcedimento: 'UPD-R-01', codiceIstat: LISSONE, dataRicezioneSegnalazione: '2026-05-30' });
    const monza = await startAt(ProcessId.PROCEDIMENTO_DISCIPLINARE, 'Service_CalcolaScadenzaContestazione', { idProcedimento: 'UPD-R-02', codiceIstat: LISSONE, dataRicezioneSegnalazione: '2026-05-25' });
    await w.waitForElement(lissone, 'Service_CalcolaScadenzaContestazione');
    await w.waitForElement(monza, 'Service_CalcolaScadenzaContestazione');

    // then
    const due = async (pik: string) => (await w.variable<{ variabile: string; dataTermine: string; natura: string }[]>(pik, 'scadenze'))?.find((s) => s.variabile === 'scadenzaContestazione');
    expect(await due(lissone)).toEqual(expect.objectContaining({ dataTermine: '2026-06-29', natura: 'perentorio' }));
    expect(await due(monza)).toEqual(expect.objectContaining({ dataTermine: '2026-06-25' }));
  });
});
