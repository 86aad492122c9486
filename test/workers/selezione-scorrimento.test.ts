import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { mailText } from './support/mailText.js';
import { completedElements } from './support/recordLog.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

const ID = 'CONC-2026-SC';
const MONZA = '108033';
const LISSONE = '108028';
const DESIO = '108023';
const SCORRIMENTO = 'selezione-personale-scorrimento';
const PROPOSTA = 'selezione-personale-proposta';
interface Candidato { cf: string; nome: string; cognome: string; genere: string; nascita: string; scritta: number; orale: number }
const CANDIDATI_BASE: Candidato[] = [
  { cf: 'BNCGLI90H55F704T', nome: 'Giulia', cognome: 'Bianchi', genere: 'F', nascita: '1990-06-15', scritta: 27, orale: 25 },
  { cf: 'RSSMRA80A01F704F', nome: 'Mario', cognome: 'Rossi', genere: 'M', nascita: '1980-01-01', scritta: 24, orale: 25 },
  { cf: 'GLLCHR92D43F704I', nome: 'Chiara', cognome: 'Galli', genere: 'F', nascita: '1992-04-03', scritta: 22, orale: 24 },
];
const commissione = [
  { nominativo: 'Dirigente Presidente', codiceFiscale: 'GLLPLA75L07F704T', ruolo: 'presidente', genere: 'M', email: 'presidente@provincia.mb.it', dichiarazione35bis: true },
  { nominativo: 'Esperta Uno', codiceFiscale: 'CSTSRA88P49F704T', ruolo: 'componente', genere: 'F', email: 'esperto1@provincia.mb.it', dichiarazione35bis: true },
  { nominativo: 'Esperto Due', codiceFiscale: 'VRDLCU85C03F704H', ruolo: 'componente', genere: 'M', email: 'esperto2@provincia.mb.it', dichiarazione35bis: true },
];

/**
 * S17: a Comune that did not take part in the concorso hires from the approved graduatoria, under an
 * agreement and while the graduatoria is valid (3 years for enti locali, verify), in merit order
 * after the winners already assigned.
 */
describe('selezione: scorrimento della graduatoria by other Comuni, end to end', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  const approveGraduatoria = (id: string): Promise<string> => approveGraduatoriaIn(w, id);

  /** The candidate's answer to the offer, correlated by concorso and codice fiscale. */
  async function answer(id: string, cf: string, accetta: boolean, motivo?: string): Promise<void> {
    await w.publish(MessageName.SELEZIONE_RISPOSTA_PROPOSTA, `${id}/${cf}`, { rispostaProposta: { accetta, ...(motivo ? { motivo } : {}) } });
  }

  it('authorised requests take the next candidates in merit order; a request beyond the list, a refusal and a late request are handled', async () => {
    // given: Giulia Bianchi (1st) hired by Monza, the graduatoria valid until 25 May 2029
    const pik = await approveGraduatoria(ID);
    const scorrimento = await childInstance(w, pik, SCORRIMENTO);
    expect(await w.variable(pik, 'scadenzaGraduatoria')).toBe('2029-05-26T00:00:00+02:00');
    expect(await w.variable<{ variabile: string; natura: string; fonte: string }[]>(pik, 'scadenze')).toEqual(expect.arrayContaining([
      expect.objectContaining({ variabile: 'scadenzaGraduatoria', dataTermine: '2029-05-25', fonte: 'art. 35, c. 5-ter, D.Lgs. 165/2001 (enti locali: DL 25/2025)' }),
    ]));

    // when: Lissone, under an agreement, asks for one Istruttore amministrativo in 2027
    w.pin('2027-02-01T09:00:00+01:00');
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID, { richiestaScorrimento: { codiceIstat: LISSONE, numeroPosti: 1, profilo: 'Istruttore amministrativo', estremiAccordo: '120/2027' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: LISSONE, estremiAccordo: '120/2027', scorrimentoAutorizzato: true, motivazioneScorrimento: 'Accordo approvato, profilo identico' });

    // then: the next in merit order (Mario Rossi, 2nd) goes to Lissone, which is told by PEC; he gets the offer, accepts, and Lissone gets one hiring task
    await waitFor(async () => w.mailsWith(`Proposta di assunzione dalla graduatoria – concorso ${ID}`).length === 1, 10_000, 'offer to Rossi');
    expect(w.mailsWith(`Proposta di assunzione dalla graduatoria – concorso ${ID}`)[0].to).toEqual(['mario@example.it']);
    await answer(ID, 'RSSMRA80A01F704F', true);
    await waitFor(async () => (await w.openTasks('Task_AssunzioneScorrimento')).length === 1, 10_000, 'hiring task for Lissone');
    expect(await w.variable(scorrimento, 'ultimaAssegnazioneScorrimento')).toEqual([
      expect.objectContaining({ codiceIstat: LISSONE, codiceFiscale: 'RSSMRA80A01F704F', posizione: 2, profilo: 'Istruttore amministrativo' }),
    ]);
    const [task] = await w.openTasks('Task_AssunzioneScorrimento');
    expect(JSON.parse(String((task as unknown as { candidate_groups: string }).candidate_groups))).toEqual([`comune-${LISSONE}`]);
    const autorizzazione = w.mailsWith(`Autorizzazione all'utilizzo della graduatoria – concorso ${ID}`);
    expect(autorizzazione).toHaveLength(1);
    expect(autorizzazione[0].to).toEqual(['protocollo@pec.comune.lissone.mb.it', 'concorsi@provincia.mb.it']);
    expect(mailText(autorizzazione[0])).toContain('2. Rossi Mario (RSSMRA80A01F704F)');
    expect(mailText(autorizzazione[0])).toContain('120/2027');
    expect(mailText(autorizzazione[0])).toContain('25/05/2029');
    await w.completeTask('Task_AssunzioneScorrimento', { codiceFiscaleAssunto: 'RSSMRA80A01F704F', dichiarazioniVerificate: true, esitoAssunzione: 'assunto', dataPresaServizio: '2027-03-01' });

    // when: Desio asks for two posts; only Chiara Galli (3rd) is left
    w.pin('2027-06-01T09:00:00+02:00');
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID, { richiestaScorrimento: { codiceIstat: DESIO, numeroPosti: 2, profilo: 'Istruttore amministrativo', estremiAccordo: '300/2027' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: DESIO, estremiAccordo: '300/2027', scorrimentoAutorizzato: true, motivazioneScorrimento: 'Accordo approvato' });

    // then: one candidate, one task, and the PEC says the list is exhausted after her
    await waitFor(async () => w.mailsWith(`Proposta di assunzione dalla graduatoria – concorso ${ID}`).length === 2, 10_000, 'offer to Galli');
    await answer(ID, 'GLLCHR92D43F704I', true);
    await waitFor(async () => (await w.openTasks('Task_AssunzioneScorrimento')).length === 1, 10_000, 'hiring task for Desio');
    const desio = w.mailsWith(`Autorizzazione all'utilizzo della graduatoria – concorso ${ID}`).find((m) => m.to.includes('protocollo@pec.comune.desio.mb.it'))!;
    expect(mailText(desio)).toContain('3. Galli Chiara (GLLCHR92D43F704I)');
    expect(mailText(desio)).toContain('1 dei 2 posti');
    await w.completeTask('Task_AssunzioneScorrimento', { codiceFiscaleAssunto: 'GLLCHR92D43F704I', dichiarazioniVerificate: true, esitoAssunzione: 'assunto' });

    // then: the second post cannot be filled: Desio gets the exhausted-list notice, which names who was hired
    await waitFor(async () => w.mailsWith(`Graduatoria esaurita – concorso ${ID}`).length === 1, 10_000, 'exhausted notice to Desio');
    expect(w.mailsWith(`Graduatoria esaurita – concorso ${ID}`)[0].to).toEqual(['protocollo@pec.comune.desio.mb.it', 'concorsi@provincia.mb.it']);
    expect(mailText(w.mailsWith(`Graduatoria esaurita – concorso ${ID}`)[0])).toContain('3. Galli Chiara (GLLCHR92D43F704I): assunto/a');

    // when: Lissone asks again, the list is exhausted
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID, { richiestaScorrimento: { codiceIstat: LISSONE, numeroPosti: 1, profilo: 'Istruttore amministrativo', estremiAccordo: '121/2027' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: LISSONE, estremiAccordo: '121/2027', scorrimentoAutorizzato: true, motivazioneScorrimento: 'Accordo approvato' });

    // then: no hiring task without a candidate; Lissone is told
    await waitFor(async () => w.mailsWith(`Graduatoria esaurita – concorso ${ID}`).length === 2, 10_000, 'exhausted notice');
    expect(w.mailsWith(`Graduatoria esaurita – concorso ${ID}`)[1].to).toEqual(['protocollo@pec.comune.lissone.mb.it', 'concorsi@provincia.mb.it']);
    expect(await w.openTasks('Task_AssunzioneScorrimento')).toHaveLength(0);

    // when: a request without an agreement is refused
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID, { richiestaScorrimento: { codiceIstat: DESIO, numeroPosti: 1, profilo: 'Istruttore amministrativo' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: DESIO, estremiAccordo: '301/2027', scorrimentoAutorizzato: false, motivazioneScorrimento: 'Manca l’accordo preventivo' });
    await waitFor(async () => w.mailsWith(`Diniego dell'utilizzo della graduatoria – concorso ${ID}`).length === 1, 10_000, 'refusal');
    expect(w.mailsWith(`Diniego dell'utilizzo della graduatoria – concorso ${ID}`)[0].to).toEqual(['protocollo@pec.comune.desio.mb.it']);
    expect(mailText(w.mailsWith(`Diniego dell'utilizzo della graduatoria – concorso ${ID}`)[0])).toContain('Manca l’accordo preventivo');

    // when: the graduatoria expires (end of 25 May 2029); a later request finds no list to draw from
    w.pin('2029-05-26T00:00:01+02:00');
    await w.waitForCompletion(pik);
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID, { richiestaScorrimento: { codiceIstat: LISSONE, numeroPosti: 1, estremiAccordo: '10/2029' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await w.openTasks('Task_AutorizzaScorrimento')).toHaveLength(0);

    // then: all hires recorded in the scorrimento, the path in the record log
    expect(await w.variable(scorrimento, 'assegnazioniScorrimento')).toEqual([
      expect.objectContaining({ codiceIstat: LISSONE, codiceFiscale: 'RSSMRA80A01F704F', posizione: 2 }),
      expect.objectContaining({ codiceIstat: DESIO, codiceFiscale: 'GLLCHR92D43F704I', posizione: 3 }),
    ]);
    const path = await completedElements(w.h.embedded.engine.knex, pik);
    expect(path.filter((p) => p === `${SCORRIMENTO}/Message_RichiestaScorrimento`)).toHaveLength(4);
    // two authorised draws with one candidate each: one offer and one hiring task each
    expect(path.filter((p) => p === `${PROPOSTA}/Task_AssunzioneScorrimento`)).toHaveLength(2);
    expect(path).toEqual(expect.arrayContaining([`${SCORRIMENTO}/Send_GraduatoriaEsaurita`, `${SCORRIMENTO}/Send_DiniegoScorrimento`, `${SCORRIMENTO}/End_GraduatoriaScaduta`, 'selezione-personale/End_ConcorsoConcluso']));
  });
});

describe('selezione: scorrimento, refusals and silence pass the post to the next idoneo', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });
  it('a refusal and an offer left unanswered past its term (10 days, convenzione: verify) go to the next in merit order; who refused and when is recorded; the Comune is told who was hired', async () => {
    // given: four idonei; Bianchi (1st) hired by Monza
    const ID2 = 'CONC-2026-SR';
    const pik = await approveGraduatoriaIn(w, ID2, [...CANDIDATI_BASE, { cf: 'NRENNA92S60F704W', nome: 'Anna', cognome: 'Neri', genere: 'F', nascita: '1992-11-20', scritta: 21, orale: 22 }]);
    const scorrimento = await childInstance(w, pik, SCORRIMENTO);
    const proposte = () => w.mailsWith(`Proposta di assunzione dalla graduatoria – concorso ${ID2}`);

    // when: Lissone asks for one post on Monday 1 February 2027
    w.pin('2027-02-01T09:00:00+01:00');
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID2, { richiestaScorrimento: { codiceIstat: LISSONE, numeroPosti: 1, profilo: 'Istruttore amministrativo', estremiAccordo: '130/2027' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: LISSONE, estremiAccordo: '130/2027', scorrimentoAutorizzato: true, motivazioneScorrimento: 'Accordo approvato' });

    // then: Rossi (2nd) gets the offer with a term of 10 days, stored and listed as a deadline to verify
    await waitFor(async () => proposte().length === 1, 10_000, 'offer to Rossi');
    expect(proposte()[0].to).toEqual(['mario@example.it']);
    expect(mailText(proposte()[0])).toContain('entro il 11/02/2027');
    expect(await w.variable(scorrimento, 'scadenzaRispostaProposta')).toBe('2027-02-12T00:00:00+01:00');
    expect(await w.variable(scorrimento, 'scadenze')).toEqual(expect.arrayContaining([
      expect.objectContaining({ variabile: 'scadenzaRispostaProposta', dataTermine: '2027-02-11', giorni: 10 }),
    ]));
    // the legal reviewer's note stays in the code, out of the case data users see
    expect(JSON.stringify(await w.variable(scorrimento, 'scadenze'))).not.toMatch(/daVerificare|domain notes/);

    // when: Rossi refuses
    await w.publish(MessageName.SELEZIONE_RISPOSTA_PROPOSTA, `${ID2}/RSSMRA80A01F704F`, { rispostaProposta: { accetta: false, motivo: 'Ha accettato un altro impiego' } });

    // then: the post goes to Galli (3rd); Lissone is told, with the refusal
    await waitFor(async () => proposte().length === 2, 10_000, 'offer to Galli');
    expect(proposte()[1].to).toEqual(['chiara@example.it']);
    const sostituzione = w.mailsWith(`idonei in sostituzione – concorso ${ID2}`);
    expect(sostituzione).toHaveLength(1);
    expect(sostituzione[0].to).toEqual(['protocollo@pec.comune.lissone.mb.it', 'concorsi@provincia.mb.it']);
    expect(mailText(sostituzione[0])).toContain('2. Rossi Mario (RSSMRA80A01F704F): rinuncia il 01/02/2027 – Ha accettato un altro impiego');
    expect(mailText(sostituzione[0])).toContain('3. Galli Chiara (GLLCHR92D43F704I)');
    expect(await w.openTasks('Task_AssunzioneScorrimento')).toHaveLength(0);

    // when: Galli does not answer by 11 February
    w.pin('2027-02-12T00:00:01+01:00');

    // then: silence counts as a refusal; Neri (4th) gets the offer, accepts, and Lissone hires her
    await waitFor(async () => proposte().length === 3, 10_000, 'offer to Neri');
    expect(proposte()[2].to).toEqual(['anna@example.it']);
    await w.publish(MessageName.SELEZIONE_RISPOSTA_PROPOSTA, `${ID2}/NRENNA92S60F704W`, { rispostaProposta: { accetta: true } });
    await w.completeTask('Task_AssunzioneScorrimento', { codiceFiscaleAssunto: 'NRENNA92S60F704W', dichiarazioniVerificate: true, esitoAssunzione: 'assunto' });

    // then: Lissone is told who was finally hired, and who refused and when
    await waitFor(async () => w.mailsWith(`Esito dell'utilizzo della graduatoria – concorso ${ID2}`).length === 1, 10_000, 'outcome to Lissone');
    const esito = w.mailsWith(`Esito dell'utilizzo della graduatoria – concorso ${ID2}`)[0];
    expect(esito.to).toEqual(['protocollo@pec.comune.lissone.mb.it', 'concorsi@provincia.mb.it']);
    expect(mailText(esito)).toContain('4. Neri Anna (NRENNA92S60F704W): assunto/a il 12/02/2027');
    expect(mailText(esito)).toContain('2. Rossi Mario (RSSMRA80A01F704F): rinuncia il 01/02/2027');
    expect(mailText(esito)).toContain('3. Galli Chiara (GLLCHR92D43F704I): nessuna risposta entro il termine il 12/02/2027');
    expect(await rootVariable(w, scorrimento, 'rinunceScorrimento')).toEqual([
      expect.objectContaining({ codiceFiscale: 'RSSMRA80A01F704F', codiceIstat: LISSONE, esito: 'rinuncia', data: '2027-02-01', motivo: 'Ha accettato un altro impiego' }),
      expect.objectContaining({ codiceFiscale: 'GLLCHR92D43F704I', codiceIstat: LISSONE, esito: 'mancata-risposta', data: '2027-02-12' }),
    ]);
    expect(await rootVariable(w, scorrimento, 'assunzioniScorrimento')).toEqual([
      expect.objectContaining({ codiceFiscale: 'NRENNA92S60F704W', codiceIstat: LISSONE, esito: 'assunto', posizione: 4 }),
    ]);
    const audited = await w.db.knex('audit_entries').where({ action: 'job.complete' }).andWhere('data', 'like', '%esitoProposta%').andWhere('data', 'like', `%${ID2}%`);
    expect(audited.map((e: { data: string }) => e.data).join()).toContain('mancata-risposta');

    // when: Desio asks for one more post, nobody is left
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID2, { richiestaScorrimento: { codiceIstat: DESIO, numeroPosti: 1, profilo: 'Istruttore amministrativo', estremiAccordo: '131/2027' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: DESIO, estremiAccordo: '131/2027', scorrimentoAutorizzato: true, motivazioneScorrimento: 'Accordo approvato' });

    // then: the offer is not repeated to those who refused: the list is exhausted
    await waitFor(async () => w.mailsWith(`Graduatoria esaurita – concorso ${ID2}`).length === 1, 10_000, 'exhausted notice');
    expect(w.mailsWith(`Graduatoria esaurita – concorso ${ID2}`)[0].to).toEqual(['protocollo@pec.comune.desio.mb.it', 'concorsi@provincia.mb.it']);
    expect(proposte()).toHaveLength(3);
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('two posts offered at once: one accepted, one refused; only the refused post goes to the next idoneo', async () => {
    // given: five idonei; Bianchi (1st) hired by Monza
    const ID3 = 'CONC-2026-SP';
    const pik = await approveGraduatoriaIn(w, ID3, [
      ...CANDIDATI_BASE,
      { cf: 'NRENNA92S60F704W', nome: 'Anna', cognome: 'Neri', genere: 'F', nascita: '1992-11-20', scritta: 21, orale: 22 },
      { cf: 'RSSMRA85T10A562S', nome: 'Marco', cognome: 'Rossi', genere: 'M', nascita: '1985-12-10', scritta: 21, orale: 21 },
    ]);
    const scorrimento = await childInstance(w, pik, SCORRIMENTO);
    const proposte = () => w.mailsWith(`Proposta di assunzione dalla graduatoria – concorso ${ID3}`);

    // when: Lissone asks for two posts, with a 5-day term set in the authorisation; Rossi (2nd) and Galli (3rd) get their offers at once
    w.pin('2027-03-01T09:00:00+01:00');
    await w.publish(MessageName.SELEZIONE_RICHIESTA_SCORRIMENTO, ID3, { richiestaScorrimento: { codiceIstat: LISSONE, numeroPosti: 2, profilo: 'Istruttore amministrativo', estremiAccordo: '140/2027' } });
    await w.completeTask('Task_AutorizzaScorrimento', { codiceIstatRichiedente: LISSONE, estremiAccordo: '140/2027', scorrimentoAutorizzato: true, motivazioneScorrimento: 'Accordo approvato', termineRispostaGiorni: 5 });
    await waitFor(async () => proposte().length === 2, 10_000, 'two offers');
    expect(await w.variable(scorrimento, 'scadenzaRispostaProposta')).toBe('2027-03-07T00:00:00+01:00');

    // when: Rossi accepts and is hired, Galli refuses
    await w.publish(MessageName.SELEZIONE_RISPOSTA_PROPOSTA, `${ID3}/RSSMRA80A01F704F`, { rispostaProposta: { accetta: true } });
    await w.completeTask('Task_AssunzioneScorrimento', { codiceFiscaleAssunto: 'RSSMRA80A01F704F', dichiarazioniVerificate: true, esitoAssunzione: 'assunto' });
    await w.publish(MessageName.SELEZIONE_RISPOSTA_PROPOSTA, `${ID3}/GLLCHR92D43F704I`, { rispostaProposta: { accetta: false } });

    // then: one substitute only, Neri (4th); she accepts and is hired
    await waitFor(async () => proposte().length === 3, 10_000, 'offer to Neri');
    expect(proposte()[2].to).toEqual(['anna@example.it']);
    expect(mailText(w.mailsWith(`idonei in sostituzione – concorso ${ID3}`)[0])).toContain('1 dei 1 posti da coprire');
    await w.publish(MessageName.SELEZIONE_RISPOSTA_PROPOSTA, `${ID3}/NRENNA92S60F704W`, { rispostaProposta: { accetta: true } });
    await w.completeTask('Task_AssunzioneScorrimento', { codiceFiscaleAssunto: 'NRENNA92S60F704W', dichiarazioniVerificate: true, esitoAssunzione: 'assunto' });

    // then: both posts filled; Marco Rossi (5th) never gets an offer; Lissone is told
    await waitFor(async () => w.mailsWith(`Esito dell'utilizzo della graduatoria – concorso ${ID3}`).length === 1, 10_000, 'outcome');
    const esito = mailText(w.mailsWith(`Esito dell'utilizzo della graduatoria – concorso ${ID3}`)[0]);
    expect(esito).toContain('2. Rossi Mario (RSSMRA80A01F704F): assunto/a');
    expect(esito).toContain('4. Neri Anna (NRENNA92S60F704W): assunto/a');
    expect(esito).toContain('3. Galli Chiara (GLLCHR92D43F704I): rinuncia il 01/03/2027');
    expect(proposte()).toHaveLength(3);
    expect((await rootVariable<{ codiceFiscale: string }[]>(w, scorrimento, 'assunzioniScorrimento'))?.map((a) => a.codiceFiscale)).toEqual(['RSSMRA80A01F704F', 'NRENNA92S60F704W']);
    await w.h.zeebe.cancelProcessInstance(pik);
  });
});

/** One post for Monza; the candidates pass; the graduatoria is approved on 25 May 2026. */
async function approveGraduatoriaIn(w: WorkerHarness, ID: string, CANDIDATI: Candidato[] = CANDIDATI_BASE): Promise<string> {
  w.pin('2026-01-12T09:00:00+01:00');
  const created = await w.h.zeebe.createProcessInstance({ bpmnProcessId: ProcessId.SELEZIONE_PERSONALE, variables: { idConcorso: ID, comuniAderenti: [{ codiceIstat: MONZA, nome: 'Monza' }] } });
  const pik = String(created.processInstanceKey);
  await w.completeTask('Task_RichiestaPosti', { codiceIstatRichiedente: MONZA, richiestaPosti: [{ profilo: 'Istruttore amministrativo', area: 'istruttori', numeroPosti: 1, pecComune: 'protocollo@pec.comune.monza.mb.it' }] });
  await w.waitForElement(pik, 'Service_CalcolaScadenzaMobilita');
  w.pin('2026-02-28T09:00:00+01:00');
  await w.completeTask('Task_Bando', { numeroDetermina: 'D-12/2026', tipoConcorso: 'esami', preselezione: false, dataChiusuraBando: '2026-03-31T12:00:00+02:00', requisiti: 'Diploma', riserveEPreferenze: '' });
  await w.waitForElement(pik, 'Service_PubblicaBando');
  for (const [i, c] of CANDIDATI.entries()) {
    await w.publish(MessageName.SELEZIONE_DOMANDA_CANDIDATO, ID, { domanda: { codiceFiscale: c.cf, nome: c.nome, cognome: c.cognome, email: `${c.nome.toLowerCase()}@example.it`, dichiarazioneRequisiti: true, genere: c.genere, dataNascita: c.nascita } });
    await waitFor(async () => Number((await w.db.knex('applications').where({ concorso_id: ID }).count({ n: '*' }).first() as { n: number }).n) === i + 1, 10_000, `application ${i + 1}`);
  }
  w.pin('2026-03-31T12:00:01+02:00');
  await w.completeTask('Task_NominaCommissione', { determinaNomina: 'D-31/2026', componentiCommissione: commissione });
  for (let i = 0; i < 3; i++) await w.completeTask('Task_DichiarazioneComponente', { presaVisioneCandidati: true, conflittoInteressi: false });
  w.pin('2026-04-01T09:00:00+02:00');
  await w.completeTask('Task_Insediamento', { criteriValutazione: 'Criteri', dataProvaScritta: '2026-04-20T09:00:00+02:00', dataProvaOrale: '2026-05-20T09:00:00+02:00' });
  await w.waitForElement(pik, 'Service_CalcolaScadenzeProve');
  w.pin('2026-04-20T12:00:00+02:00');
  const convocazioni = w.mailsWith('Convocazione alla prova orale').length;
  const codes = (await w.db.knex('applications').where({ concorso_id: ID })) as { codice_fiscale: string; codice_elaborato: string }[];
  const code = (cf: string) => codes.find((c) => c.codice_fiscale === cf)!.codice_elaborato;
  await w.completeTask('Task_CorreggiScritta', { votiScritta: CANDIDATI.map((c) => ({ codiceElaborato: code(c.cf), voto: c.scritta })), verbaleScritta: 'Verbale 2' });
  await waitFor(async () => w.mailsWith('Convocazione alla prova orale').length === convocazioni + 1, 10_000, 'convocazione');
  w.pin('2026-05-20T12:00:00+02:00');
  await w.completeTask('Task_ProvaOrale', { votiOrale: CANDIDATI.map((c) => ({ codiceFiscale: c.cf, voto: c.orale })), verbaleOrale: 'Verbale 3' });
  await w.completeTask('Task_RevisioneGraduatoria', { graduatoriaConfermata: true, verbaleGraduatoria: 'Verbale 4' });
  await w.completeTask('Task_ApprovaGraduatoria', { determinaApprovazione: 'D-50/2026', dataApprovazione: '2026-05-25' });
  await w.completeTask('Task_Assunzione', { codiceFiscaleAssunto: 'BNCGLI90H55F704T', dichiarazioniVerificate: true, esitoAssunzione: 'assunto' });
  return pik;
}

/** A variable of the instance's own scope (an output-mapped call keeps local copies in its finished iterations). */
async function rootVariable<T = unknown>(w: WorkerHarness, pik: string, name: string): Promise<T | undefined> {
  const row = (await w.h.embedded.engine.knex('variables').where({ process_instance_key: pik, scope_key: pik, name }).first()) as { value: unknown } | undefined;
  return row === undefined ? undefined : (JSON.parse(String(row.value)) as T);
}

async function childInstance(w: WorkerHarness, parent: string, processId: string): Promise<string> {
  const row = await waitFor(async () => (await w.h.embedded.engine.knex('process_instances').where({ parent_process_instance_key: parent, bpmn_process_id: processId }).first()) as { key: string | number } | undefined, 10_000, `${processId} called by ${parent}`);
  return String(row.key);
}
