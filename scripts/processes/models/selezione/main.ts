import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_SELEZIONE, NOTIFICA_INVIA, at, comuneGroup, deadlineDoc } from '../shared.js';
import { CALCOLA_SCADENZE, CONCORSO_KEY, ERROR, GROUP_COMMISSIONE, LANES, MESSAGE, PROCESS } from './constants.js';

/** S1–S4, S7–S8, S13–S16; S5–S6, S9–S12 and S17 are called processes. */
export function selezionePersonale(): ProcessSpec {
  const { comune, sel, com } = { comune: LANES.comune.key, sel: LANES.selezione.key, com: LANES.commissione.key };
  const b = new ProcessBuilder({
    id: PROCESS.main,
    name: 'Ricerca e selezione del personale (concorso associato)',
    participantName: 'Concorso associato – Provincia per i Comuni',
    documentation:
      'DPR 487/1994 come modificato dal DPR 82/2023; D.Lgs. 165/2001 artt. 35, 35-bis, 57; TUEL artt. 91 e 107; portale inPA; ' +
      'D.Lgs. 33/2013 art. 19. La Provincia gestisce il concorso fino alla graduatoria; i Comuni assumono.',
    lanes: [LANES.comune, LANES.selezione, LANES.commissione],
  });

  const start = b.start('Start_AvvioConcorso', 'Avvio del concorso associato', sel);
  const posti = b.userTask('Task_RichiestaPosti', 'Dichiara i posti da coprire', comune, {
    groups: comuneGroup('comune.codiceIstat'), form: 'selezione-richiesta-posti',
    multi: { collection: '=comuniAderenti', element: 'comune', outputCollection: 'richiestePosti', outputElement: '=richiestaPosti' },
    // Each instance is one Comune's: its code prefills the form and names the Comune on the task page (codiceIstat, as in disciplinare).
    inputs: [{ source: '=comune.codiceIstat', target: 'codiceIstatRichiedente' }, { source: '=comune.codiceIstat', target: 'codiceIstat' }],
    doc: 'S1: profilo, area e numero di posti dal piano dei fabbisogni (PTFP, sezione del PIAO) di ciascun Comune aderente.',
  });
  const aggrega = b.service('Service_AggregaFabbisogno', 'Aggrega i posti richiesti dai Comuni', sel, 'selezione-aggrega-fabbisogno');
  const mobilita = b.send('Send_ComunicazioneMobilita', 'Invia la comunicazione di mobilità obbligatoria', sel, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'comunicazione-34-bis' },
    doc: 'S2: comunicazione al Dipartimento della Funzione Pubblica e alla struttura regionale (art. 34-bis D.Lgs. 165/2001).',
  });
  const scadenzaMobilita = b.service('Service_CalcolaScadenzaMobilita', 'Calcola il termine di attesa della mobilità', sel, CALCOLA_SCADENZE, { headers: { fase: 'mobilita' } });
  const attesa = b.eventGateway('Gateway_AttesaMobilita', 'Assegnazione o decorso del termine?', sel);
  const decorso = b.waitUntil('Timer_AttesaMobilita', 'Decorsi 45 giorni dalla comunicazione', sel, at('scadenzaMobilita'), 'attesa',
    'Termine di attesa prima di bandire (art. 34-bis c.4 D.Lgs. 165/2001: 45 giorni, da verificare il termine vigente).');
  const assegnazione = b.catchMessage('Message_EsitoMobilita', 'Assegnazione di personale in disponibilità', sel, MESSAGE.esitoMobilita, CONCORSO_KEY);
  const aggiornaPosti = b.service('Service_AggiornaPosti', 'Riduci i posti coperti per mobilità', sel, 'selezione-aggiorna-posti');
  const residui = b.xor('Gateway_PostiResidui', 'Restano posti da coprire?', sel);
  const endMobilita = b.end('End_CopertiMobilita', 'Posti coperti per mobilità', sel);
  const bandire = b.xor('Gateway_Bandire', 'Posti da mettere a concorso', sel);
  const bando = b.userTask('Task_Bando', 'Indici il concorso e approva il bando', sel, {
    groups: GROUP_SELEZIONE, form: 'selezione-bando',
    doc: 'S3: determina di indizione e bando con posti per Comune, requisiti, prove, titoli, riserve e preferenze (art. 3 DPR 487/1994).',
  });
  const pubblica = b.service('Service_PubblicaBando', 'Pubblica il bando su inPA e Amministrazione trasparente', sel, 'pubblicazione-pubblica-bando', {
    doc: 'S4: portale inPA, sito istituzionale e Amministrazione trasparente (art. 19 D.Lgs. 33/2013).',
  });
  const domande = b.call('Call_Domande', 'Raccolta delle domande e ammissione', sel, PROCESS.domande);

  const nominaAperta = b.xor('Gateway_Nomina', 'Commissione da nominare', sel);
  const nomina = b.userTask('Task_NominaCommissione', 'Nomina la commissione esaminatrice', sel, {
    groups: GROUP_SELEZIONE, form: 'selezione-nomina-commissione',
    doc: 'S7: presidente dirigente, esperti di comprovata competenza, nessun componente politico o sindacale (art. 35 c.3 lett. e D.Lgs. 165/2001), almeno un terzo di donne salva motivata impossibilità (art. 57 c.1 lett. a), dichiarazione di ciascuno, segretario compreso, di assenza di condanne per reati contro la PA (art. 35-bis): senza, la nomina è respinta.',
  });
  const verifica = b.service('Service_VerificaCommissione', 'Verifica incompatibilità e parità di genere', sel, 'selezione-verifica-commissione');
  const nonConforme = b.boundary('Error_CommissioneNonConforme', 'Commissione non conforme', verifica, { kind: 'error', code: ERROR.commissioneNonConforme });
  const dichiarazioni = b.userTask('Task_DichiarazioneComponente', 'Sottoscrivi la dichiarazione di assenza di conflitti', com, {
    groups: GROUP_COMMISSIONE, form: 'selezione-dichiarazione-componente',
    multi: { collection: '=componentiCommissione', element: 'componente', outputCollection: 'conflittiDichiarati', outputElement: '=conflittoInteressi' },
    doc: 'S8: ogni componente, presa visione dell’elenco dei candidati, dichiara l’assenza di incompatibilità (art. 11 DPR 487/1994; art. 51 c.p.c.).',
  });
  const conflitti = b.xor('Gateway_Conflitti', 'Conflitti dichiarati?', com);
  const insediamento = b.userTask('Task_Insediamento', 'Insediamento e criteri di valutazione', com, {
    groups: GROUP_COMMISSIONE, form: 'selezione-insediamento',
    doc: 'S8: verbale n. 1 con i criteri di valutazione e il calendario delle prove.',
  });
  const calendario = b.service('Service_CalcolaScadenzeProve', 'Calcola preavvisi e termine di conclusione', sel, CALCOLA_SCADENZE, { headers: { fase: 'prove' } });
  const prove = b.call('Call_Prove', 'Prove d’esame', com, PROCESS.prove);
  const ritardoProve = b.boundary('Timer_ConclusioneProveOrdinatorio', 'Termine ordinatorio di 180 giorni scaduto', prove,
    { kind: 'timer', date: at('scadenzaConclusioneConcorso'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'DPR 487/1994 come modificato dal DPR 82/2023 (da verificare)', 'Conclusione della procedura entro 180 giorni dalla prova scritta.'),
    });
  const sollecitoProve = b.send('Send_RitardoProve', 'Segnala il ritardo al dirigente', sel, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-concorso' } });
  const endRitardoProve = b.end('End_RitardoProve', 'Ritardo segnalato', sel);

  const calcolo = b.xor('Gateway_Graduatoria', 'Graduatoria da calcolare', sel);
  const graduatoria = b.service('Service_CalcolaGraduatoria', 'Calcola la graduatoria di merito', sel, 'selezione-calcola-graduatoria', {
    doc: 'S13: ordine per punteggio, poi titoli di preferenza (art. 5 DPR 487/1994 come modificato), poi il genere meno rappresentato se il bando lo dichiara (art. 6), poi la minore età. Le riserve operano nell’assegnazione dei posti. Lancia PUNTEGGI_INCOMPLETI se manca un punteggio.',
  });
  const incompleti = b.boundary('Error_PunteggiIncompleti', 'Punteggi incompleti', graduatoria, { kind: 'error', code: ERROR.punteggiIncompleti });
  const completa = b.userTask('Task_CompletaPunteggi', 'Completa i punteggi mancanti', com, { groups: GROUP_COMMISSIONE, form: 'selezione-completa-punteggi' });
  const revisione = b.userTask('Task_RevisioneGraduatoria', 'Rivedi la graduatoria proposta', com, { groups: GROUP_COMMISSIONE, form: 'selezione-revisione-graduatoria' });
  const approva = b.userTask('Task_ApprovaGraduatoria', 'Approva la graduatoria con determina', sel, {
    groups: GROUP_SELEZIONE, form: 'selezione-approvazione-graduatoria', due: at('scadenzaConclusioneConcorso'),
  });
  const ritardoApprovazione = b.boundary('Timer_ApprovazioneOrdinatorio', 'Termine ordinatorio di 180 giorni scaduto', approva,
    { kind: 'timer', date: at('scadenzaConclusioneConcorso'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'DPR 487/1994 come modificato dal DPR 82/2023 (da verificare)', 'Conclusione della procedura entro 180 giorni dalla prova scritta.'),
    });
  const sollecitoApprovazione = b.send('Send_RitardoApprovazione', 'Segnala il ritardo nell’approvazione', sel, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-concorso' } });
  const endRitardoApprovazione = b.end('End_RitardoApprovazione', 'Ritardo segnalato', sel);
  const pubblicaGraduatoria = b.service('Service_PubblicaGraduatoria', 'Pubblica la graduatoria', sel, 'pubblicazione-pubblica-graduatoria');
  const assegna = b.service('Service_AssegnaVincitori', 'Assegna i vincitori ai Comuni', sel, 'selezione-assegna-vincitori', {
    headers: { modalita: 'vincitori' },
    doc: 'S15: prima i posti riservati ai riservatari idonei meglio collocati (art. 5 DPR 487/1994; L. 68/1999; artt. 678 e 1014 D.Lgs. 66/2010), poi gli altri in ordine di merito; i vincitori vanno ai Comuni nell’ordine della convenzione.',
  });
  const split = b.and('Gateway_DopoGraduatoria', 'Assunzioni e scorrimento', sel);
  const assunzione = b.userTask('Task_Assunzione', 'Verifica le autodichiarazioni e assumi', comune, {
    groups: comuneGroup('assegnazione.codiceIstat'), form: 'selezione-assunzione',
    multi: { collection: '=assegnazioni', element: 'assegnazione' },
    doc: 'S16: controlli (art. 71 DPR 445/2000), contratto individuale e periodo di prova, a cura del Comune.',
  });
  const scorrimento = b.call('Call_Scorrimento', 'Utilizzo della graduatoria', sel, PROCESS.scorrimento);
  const join = b.and('Gateway_Concluso', 'Assunzioni concluse e graduatoria scaduta', sel);
  const end = b.end('End_ConcorsoConcluso', 'Concorso concluso', sel);

  b.chain(start, posti, aggrega, mobilita, scadenzaMobilita, attesa);
  b.chain(attesa, decorso, bandire);
  b.chain(attesa, assegnazione, aggiornaPosti, residui);
  b.flow(residui, bandire, { name: 'Sì', condition: '=postiResidui > 0' });
  b.flow(residui, endMobilita, { name: 'No', isDefault: true });
  b.chain(bandire, bando, pubblica, domande, nominaAperta, nomina, verifica, dichiarazioni, conflitti);
  b.chain(nonConforme, nominaAperta);
  b.flow(conflitti, nominaAperta, { name: 'Sì', condition: '=some c in conflittiDichiarati satisfies c = true' });
  b.flow(conflitti, insediamento, { name: 'No', isDefault: true });
  b.chain(insediamento, calendario, prove, calcolo, graduatoria, revisione, approva, pubblicaGraduatoria, assegna, split);
  b.chain(ritardoProve, sollecitoProve, endRitardoProve);
  b.chain(incompleti, completa, calcolo);
  b.chain(ritardoApprovazione, sollecitoApprovazione, endRitardoApprovazione);
  b.chain(split, assunzione, join);
  b.chain(split, scorrimento, join, end);
  return b.build();
}
