import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_SELEZIONE, NOTIFICA_INVIA, at } from '../shared.js';
import { CONCORSO_KEY, ERROR, LANES, MESSAGE, PROCESS } from './constants.js';

/** S5–S6: applications until the closing timer, then the admission check. */
export function domande(): ProcessSpec {
  const sel = LANES.selezione.key;
  const b = new ProcessBuilder({
    id: PROCESS.domande,
    name: 'Raccolta delle domande e ammissione',
    participantName: 'Provincia – Domande di partecipazione e ammissione',
    documentation:
      'Fasi S5–S6. Domande tramite il portale inPA con SPID/CIE/CNS/eIDAS e contributo via pagoPA (art. 35-ter D.Lgs. 165/2001; ' +
      'DPR 487/1994 come modificato dal DPR 82/2023). Le domande arrivano come messaggi correlati per idConcorso fino alla chiusura del bando; ' +
      'dopo la chiusura non esiste più una sottoscrizione e il pubblicatore deve respingere la domanda tardiva.',
    lanes: [LANES.selezione],
  });

  const start = b.start('Start_BandoPubblicato', 'Bando pubblicato', sel);
  const raccolta = b.xor('Gateway_Raccolta', 'Raccolta aperta', sel);
  const eventi = b.eventGateway('Gateway_AttesaDomande', 'Domanda o chiusura?', sel);
  const domanda = b.catchMessage('Message_Domanda', 'Domanda di partecipazione ricevuta', sel, MESSAGE.domanda, CONCORSO_KEY);
  const registra = b.service('Service_RegistraDomanda', 'Registra la domanda', sel, 'selezione-registra-domanda', {
    doc: 'Il worker lancia DOMANDA_NON_VALIDA per codice fiscale malformato, domanda duplicata della stessa persona, domanda tardiva o dichiarazioni dei requisiti mancanti.',
  });
  const nonValida = b.boundary('Error_DomandaNonValida', 'Domanda non valida', registra, { kind: 'error', code: ERROR.domandaNonValida });
  const rigetto = b.send('Send_RigettoDomanda', 'Comunica il rigetto della domanda', sel, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'rigetto-domanda' } });
  const chiusura = b.waitUntil('Timer_ChiusuraBando', 'Chiusura dei termini del bando', sel, at('dataChiusuraBando'), 'attesa',
    'Termine di presentazione fissato dal bando, non inferiore al minimo dell’art. 4 DPR 487/1994 come modificato (da verificare). Per il candidato il termine è perentorio.');
  const verifica = b.service('Service_VerificaAmmissibilita', 'Verifica requisiti, codice fiscale e duplicati', sel, 'selezione-verifica-ammissibilita');
  const dubbi = b.xor('Gateway_CasiDubbi', 'Casi dubbi?', sel);
  const valuta = b.userTask('Task_ValutaAmmissione', 'Valuta l’ammissibilità del candidato', sel, {
    groups: GROUP_SELEZIONE, form: 'selezione-valuta-ammissione',
    multi: { collection: '=casiDubbi', element: 'caso', outputCollection: 'decisioniAmmissione', outputElement: '=decisioneAmmissione' },
  });
  const valutati = b.xor('Gateway_CasiValutati', 'Ammissioni definite', sel);
  const elenco = b.service('Service_GeneraElencoAmmessi', 'Genera l’elenco di ammessi ed esclusi', sel, 'documento-genera-elenco-ammessi');
  const pubblica = b.service('Service_PubblicaElencoAmmessi', 'Pubblica l’elenco degli ammessi', sel, 'pubblicazione-pubblica-elenco-ammessi');
  const end = b.end('End_AmmissioneConclusa', 'Ammissione conclusa', sel);

  b.chain(start, raccolta, eventi);
  b.chain(eventi, domanda, registra, raccolta);
  b.chain(nonValida, rigetto, raccolta);
  b.chain(eventi, chiusura, verifica, dubbi);
  b.flow(dubbi, valuta, { name: 'Sì', condition: '=count(casiDubbi) > 0' });
  b.flow(dubbi, valutati, { name: 'No', isDefault: true });
  b.chain(valuta, valutati, elenco, pubblica, end);
  return b.build();
}
