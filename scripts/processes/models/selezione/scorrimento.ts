import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_SELEZIONE, NOTIFICA_INVIA, at, comuneGroup } from '../shared.js';
import { CONCORSO_KEY, LANES, MESSAGE, PROCESS } from './constants.js';

/** S17: other Comuni hire from the graduatoria while it is valid. */
export function scorrimento(): ProcessSpec {
  const { comune, sel } = { comune: LANES.comune.key, sel: LANES.selezione.key };
  const b = new ProcessBuilder({
    id: PROCESS.scorrimento,
    name: 'Utilizzo della graduatoria da parte di altri Comuni',
    participantName: 'Scorrimento della graduatoria',
    documentation: 'Fase S17: utilizzo della graduatoria previo accordo, finché è valida (3 anni per gli enti locali, DL 25/2025, da verificare; art. 91 TUEL).',
    lanes: [LANES.comune, LANES.selezione],
  });

  const start = b.start('Start_GraduatoriaApprovata', 'Graduatoria approvata', sel);
  const attesa = b.xor('Gateway_GraduatoriaValida', 'Graduatoria valida', sel);
  const eventi = b.eventGateway('Gateway_RichiestaOScadenza', 'Richiesta o scadenza?', sel);
  const richiesta = b.catchMessage('Message_RichiestaScorrimento', 'Richiesta di utilizzo da un Comune', sel, MESSAGE.scorrimento, CONCORSO_KEY, {
    doc: 'Il messaggio porta richiestaScorrimento (codiceIstat del Comune richiedente, profilo, numero di posti, estremi dell’accordo).',
  });
  const autorizza = b.userTask('Task_AutorizzaScorrimento', 'Autorizza l’utilizzo della graduatoria', sel, { groups: GROUP_SELEZIONE, form: 'selezione-autorizza-scorrimento' });
  const autorizzato = b.xor('Gateway_Autorizzato', 'Utilizzo autorizzato?', sel);
  const assegna = b.service('Service_AssegnaScorrimento', 'Individua i candidati in ordine di graduatoria', sel, 'selezione-assegna-vincitori', { headers: { modalita: 'scorrimento' } });
  const disponibili = b.xor('Gateway_CandidatiDisponibili', 'Restano idonei in graduatoria?', sel);
  const autorizzazione = b.send('Send_AutorizzazioneScorrimento', 'Comunica l’autorizzazione e gli idonei al Comune', sel, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'autorizzazione-scorrimento' },
    doc: 'Il Comune richiedente riceve gli idonei individuati in ordine di graduatoria, gli estremi dell’accordo e la scadenza della graduatoria.',
  });
  const esaurita = b.send('Send_GraduatoriaEsaurita', 'Comunica che la graduatoria è esaurita', sel, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'graduatoria-esaurita' },
  });
  const assumi = b.userTask('Task_AssunzioneScorrimento', 'Verifica le autodichiarazioni e assumi', comune, {
    groups: comuneGroup('assegnazione.codiceIstat'), form: 'selezione-assunzione',
    multi: { collection: '=ultimaAssegnazioneScorrimento', element: 'assegnazione' },
    doc: 'Un compito per ogni idoneo: controlli sulle dichiarazioni sostitutive (art. 71 DPR 445/2000), contratto e periodo di prova.',
  });
  const diniego = b.send('Send_DiniegoScorrimento', 'Comunica il diniego al Comune', sel, NOTIFICA_INVIA, { headers: { canale: 'pec', modello: 'diniego-scorrimento' } });
  const scadenza = b.waitUntil('Timer_ScadenzaGraduatoria', 'Scadenza della validità della graduatoria', sel, at('scadenzaGraduatoria'), 'attesa',
    'Validità triennale della graduatoria per gli enti locali (DL 25/2025, da verificare).');
  const end = b.end('End_GraduatoriaScaduta', 'Graduatoria scaduta', sel);

  b.chain(start, attesa, eventi);
  b.chain(eventi, richiesta, autorizza, autorizzato);
  b.flow(autorizzato, assegna, { name: 'Sì', condition: '=scorrimentoAutorizzato = true' });
  b.flow(autorizzato, diniego, { name: 'No', isDefault: true });
  b.chain(assegna, disponibili);
  b.flow(disponibili, autorizzazione, { name: 'Sì', condition: '=count(ultimaAssegnazioneScorrimento) > 0' });
  b.flow(disponibili, esaurita, { name: 'No', isDefault: true });
  b.chain(autorizzazione, assumi, attesa);
  b.chain(esaurita, attesa);
  b.chain(diniego, attesa);
  b.chain(eventi, scadenza, end);
  return b.build();
}
