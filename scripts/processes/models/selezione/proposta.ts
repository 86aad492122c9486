import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { NOTIFICA_INVIA, at, comuneGroup } from '../shared.js';
import { ESITI_SCORRIMENTO, LANES, MESSAGE, PROCESS, PROPOSTA_KEY } from './constants.js';

/**
 * S17, one offer to one idoneo: the candidate accepts, refuses, or lets the term pass (a refusal);
 * on acceptance the Comune checks the declarations and hires. Each way ends with `esitoProposta`,
 * which the scorrimento collects to offer the posts still open to the next in the graduatoria.
 */
export function proposta(): ProcessSpec {
  const { comune, sel } = { comune: LANES.comune.key, sel: LANES.selezione.key };
  const b = new ProcessBuilder({
    id: PROCESS.proposta,
    name: 'Proposta di assunzione a un idoneo',
    participantName: 'Proposta di assunzione dalla graduatoria',
    documentation:
      'Fase S17: proposta di assunzione all’idoneo individuato in ordine di graduatoria. Il termine per rispondere non è ' +
      'previsto dalle note di dominio: lo fissa la convenzione o l’accordo (da verificare); il silenzio vale rinuncia.',
    lanes: [LANES.comune, LANES.selezione],
  });

  const start = b.start('Start_Proposta', 'Idoneo individuato', sel);
  const invia = b.send('Send_PropostaAssunzione', 'Proponi l’assunzione all’idoneo', sel, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'proposta-scorrimento' },
    doc: 'Il candidato riceve il Comune, il profilo e il termine per rispondere (scadenzaRispostaProposta).',
  });
  const eventi = b.eventGateway('Gateway_RispostaOScadenza', 'Risposta o scadenza?', sel);
  const risposta = b.catchMessage('Message_RispostaProposta', 'Risposta del candidato', sel, MESSAGE.rispostaProposta, PROPOSTA_KEY, {
    doc: 'Il messaggio porta rispostaProposta: { accetta: true|false, motivo }.',
  });
  const scaduta = b.waitUntil('Timer_TermineRisposta', 'Termine per rispondere scaduto', sel, at('scadenzaRispostaProposta'), 'perentorio',
    'Termine fissato dalla convenzione/accordo (non dalle note di dominio, da verificare): il silenzio vale rinuncia e il posto passa al successivo idoneo.');
  const accetta = b.xor('Gateway_Accetta', 'Il candidato accetta?', sel);
  const assumi = b.userTask('Task_AssunzioneScorrimento', 'Verifica le autodichiarazioni e assumi', comune, {
    groups: comuneGroup('assegnazione.codiceIstat'), form: 'selezione-assunzione',
    doc: 'Controlli sulle dichiarazioni sostitutive (art. 71 DPR 445/2000), contratto e periodo di prova; una rinuncia o una decadenza a questo punto liberano il posto.',
  });
  const esitoAssunzione = b.service('Service_EsitoAssunzione', 'Registra l’esito dell’assunzione', sel, ESITI_SCORRIMENTO, { headers: { esito: 'assunzione' } });
  const rinuncia = b.service('Service_EsitoRinuncia', 'Registra la rinuncia', sel, ESITI_SCORRIMENTO, { headers: { esito: 'rinuncia' } });
  const silenzio = b.service('Service_EsitoMancataRisposta', 'Registra la mancata risposta', sel, ESITI_SCORRIMENTO, { headers: { esito: 'mancata-risposta' } });
  const endAssunzione = b.end('End_EsitoAssunzione', 'Esito dell’assunzione registrato', sel);
  const endRinuncia = b.end('End_Rinuncia', 'Rinuncia registrata', sel);
  const endSilenzio = b.end('End_MancataRisposta', 'Mancata risposta registrata', sel);

  b.chain(start, invia, eventi);
  b.chain(eventi, risposta, accetta);
  b.flow(accetta, assumi, { name: 'Sì', condition: '=rispostaProposta.accetta = true' });
  b.flow(accetta, rinuncia, { name: 'No', isDefault: true });
  b.chain(assumi, esitoAssunzione, endAssunzione);
  b.chain(rinuncia, endRinuncia);
  b.chain(eventi, scaduta, silenzio, endSilenzio);
  return b.build();
}
