import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_SELEZIONE, NOTIFICA_INVIA, at } from '../shared.js';
import { CALCOLA_SCADENZE, CONCORSO_KEY, ERROR, ESITI_SCORRIMENTO, LANES, MESSAGE, PROCESS } from './constants.js';

/** S17: other Comuni hire from the graduatoria while it is valid. */
export function scorrimento(): ProcessSpec {
  const sel = LANES.selezione.key;
  const b = new ProcessBuilder({
    id: PROCESS.scorrimento,
    name: 'Utilizzo della graduatoria da parte di altri Comuni',
    participantName: 'Scorrimento della graduatoria',
    documentation: 'Fase S17: utilizzo della graduatoria previo accordo, finché è valida (3 anni per gli enti locali, DL 25/2025, da verificare; art. 91 TUEL). ' +
      'Un posto rifiutato (rinuncia, silenzio entro il termine, decadenza) passa al successivo idoneo finché i posti sono coperti o la graduatoria è esaurita.',
    lanes: [LANES.selezione],
  });

  const start = b.start('Start_GraduatoriaApprovata', 'Graduatoria approvata', sel);
  const attesa = b.xor('Gateway_GraduatoriaValida', 'Graduatoria valida', sel);
  const eventi = b.eventGateway('Gateway_RichiestaOScadenza', 'Richiesta o scadenza?', sel);
  const richiesta = b.catchMessage('Message_RichiestaScorrimento', 'Richiesta di utilizzo da un Comune', sel, MESSAGE.scorrimento, CONCORSO_KEY, {
    doc: 'Il messaggio porta richiestaScorrimento (codiceIstat del Comune richiedente, profilo, numero di posti, estremi dell’accordo).',
  });
  const autorizza = b.userTask('Task_AutorizzaScorrimento', 'Autorizza l’utilizzo della graduatoria', sel, { groups: GROUP_SELEZIONE, form: 'selezione-autorizza-scorrimento' });
  const autorizzato = b.xor('Gateway_Autorizzato', 'Utilizzo autorizzato?', sel);
  const assegna = b.service('Service_AssegnaScorrimento', 'Individua i candidati in ordine di graduatoria', sel, 'selezione-assegna-vincitori', {
    headers: { modalita: 'scorrimento' },
    doc: 'Solo per il profilo della graduatoria (art. 35 c.5-ter D.Lgs. 165/2001 come modificato dal DL 25/2025: profili sovrapponibili) e, se il bando applica il limite degli idonei, entro il 20% dei posti dopo l’ultimo vincitore. Lancia PROFILO_NON_CORRISPONDENTE se il profilo richiesto è un altro.',
  });
  const altroProfilo = b.boundary('Error_ProfiloNonCorrispondente', 'Profilo diverso da quello della graduatoria', assegna, { kind: 'error', code: ERROR.profiloNonCorrispondente });
  const sostituti = b.service('Service_AssegnaSostituti', 'Individua i successivi idonei per i posti rifiutati', sel, 'selezione-assegna-vincitori', {
    headers: { modalita: 'sostituzione' },
    doc: 'I posti non coperti (rinuncia, mancata risposta, decadenza) vanno ai successivi idonei in ordine di graduatoria; chi ha già ricevuto una proposta non la riceve di nuovo.',
  });
  const individuati = b.xor('Gateway_IdoneiIndividuati', 'Idonei individuati', sel);
  const disponibili = b.xor('Gateway_CandidatiDisponibili', 'Restano idonei in graduatoria?', sel);
  const termine = b.service('Service_TermineRisposta', 'Calcola il termine per rispondere alla proposta', sel, CALCOLA_SCADENZE, {
    headers: { fase: 'proposta', termineRispostaGiorni: '10' },
    doc: 'Le note di dominio non fissano il termine: 10 giorni di calendario dalla proposta per scelta della convenzione (intestazione termineRispostaGiorni, o la variabile omonima fissata dalla Provincia nell’autorizzazione; da verificare).',
  });
  const autorizzazione = b.send('Send_AutorizzazioneScorrimento', 'Comunica l’autorizzazione e gli idonei al Comune', sel, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'autorizzazione-scorrimento' },
    doc: 'Il Comune richiedente riceve gli idonei individuati in ordine di graduatoria (dopo una rinuncia, i sostituti), gli estremi dell’accordo, il termine per la risposta e la scadenza della graduatoria.',
  });
  const proposte = b.call('Call_PropostaAssunzione', 'Proposta di assunzione a ciascun idoneo', sel, PROCESS.proposta, {
    multi: { collection: '=ultimaAssegnazioneScorrimento', element: 'assegnazione', outputCollection: 'esitiProposte', outputElement: '=esitoProposta' },
    // Only the outcome comes back: offers run in parallel, and a child returning all its copied
    // variables would overwrite the outcomes already collected (esitiProposte) with its stale copy.
    outputs: [{ source: '=esitoProposta', target: 'esitoProposta' }],
  });
  const esiti = b.service('Service_EsitiScorrimento', 'Registra assunzioni e rinunce', sel, ESITI_SCORRIMENTO, { headers: { esito: 'raccolta' } });
  const coperti = b.xor('Gateway_PostiCoperti', 'Restano posti da coprire?', sel);
  const esito = b.send('Send_EsitoScorrimento', 'Comunica al Comune gli assunti', sel, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'esito-scorrimento' },
    doc: 'Il Comune richiedente riceve chi è stato assunto e chi ha rinunciato (con la data).',
  });
  const esaurita = b.send('Send_GraduatoriaEsaurita', 'Comunica che la graduatoria è esaurita', sel, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'graduatoria-esaurita' },
    doc: 'Anche quando si esaurisce dopo rinunce: la comunicazione indica chi è stato assunto per la richiesta.',
  });
  const diniego = b.send('Send_DiniegoScorrimento', 'Comunica il diniego al Comune', sel, NOTIFICA_INVIA, { headers: { canale: 'pec', modello: 'diniego-scorrimento' } });
  const scadenza = b.waitUntil('Timer_ScadenzaGraduatoria', 'Scadenza della validità della graduatoria', sel, at('scadenzaGraduatoria'), 'attesa',
    'Validità triennale della graduatoria per gli enti locali (DL 25/2025, da verificare).');
  const end = b.end('End_GraduatoriaScaduta', 'Graduatoria scaduta', sel);

  b.chain(start, attesa, eventi);
  b.chain(eventi, richiesta, autorizza, autorizzato);
  b.flow(autorizzato, assegna, { name: 'Sì', condition: '=scorrimentoAutorizzato = true' });
  const nonAutorizzato = b.xor('Gateway_NonAutorizzato', 'Utilizzo non consentito', sel);
  b.flow(autorizzato, nonAutorizzato, { name: 'No', isDefault: true });
  b.chain(altroProfilo, nonAutorizzato);
  b.chain(nonAutorizzato, diniego);
  b.chain(assegna, individuati, disponibili);
  b.flow(disponibili, termine, { name: 'Sì', condition: '=count(ultimaAssegnazioneScorrimento) > 0' });
  b.flow(disponibili, esaurita, { name: 'No', isDefault: true });
  b.chain(termine, autorizzazione, proposte, esiti, coperti);
  b.flow(coperti, sostituti, { name: 'Sì', condition: '=postiDaCoprire > 0' });
  b.flow(coperti, esito, { name: 'No', isDefault: true });
  b.chain(sostituti, individuati);
  b.chain(esito, attesa);
  b.chain(esaurita, attesa);
  b.chain(diniego, attesa);
  b.chain(eventi, scadenza, end);
  return b.build();
}
