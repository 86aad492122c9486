import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_UPD, NOTIFICA_INVIA, at } from '../shared.js';
import { ERROR, LANES, PROCESS } from './constants.js';

/** D5: contestazione d'addebito e convocazione, run under the parent's perentorio 30-day timer. */
export function contestazione(): ProcessSpec {
  const upd = LANES.upd.key;
  const b = new ProcessBuilder({
    id: PROCESS.contestazione,
    name: "Contestazione d'addebito e convocazione",
    participantName: "UPD – Contestazione d'addebito",
    documentation:
      "Fase D5 (art. 55-bis c.4 e c.9-ter D.Lgs. 165/2001). Chiamata dal procedimento disciplinare sotto il termine " +
      'perentorio di 30 giorni dalla ricezione della segnalazione, che il processo chiamante sorveglia con un timer interrompente.',
    lanes: [LANES.upd],
  });

  const start = b.start('Start_SegnalazioneProtocollata', 'Segnalazione protocollata', upd);
  const redigi = b.userTask('Task_RedigiContestazione', "Redigi la contestazione d'addebito e la convocazione", upd, {
    groups: GROUP_UPD,
    form: 'disciplinare-contestazione',
    due: at('scadenzaContestazione'),
    doc: "Atto scritto con i fatti addebitati, la norma violata e la convocazione all'audizione con preavviso di almeno 20 giorni (art. 55-bis c.4).",
  });
  const genera = b.service('Service_GeneraContestazione', "Genera l'atto di contestazione", upd, 'documento-genera-contestazione');
  const pec = b.send('Send_ContestazionePec', 'Invia la contestazione via PEC', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'contestazione-addebito' },
    doc: "Comunicazione per PEC se il dipendente ne dispone (art. 55-bis c.5). Il worker lancia PEC_NON_CONSEGNATA se manca la ricevuta di consegna.",
  });
  const nonConsegnata = b.boundary('Error_PecNonConsegnata', 'PEC non consegnata', pec, { kind: 'error', code: ERROR.pecNonConsegnata });
  const consegna = b.userTask('Task_ConsegnaAlternativa', 'Consegna a mano o con raccomandata A/R', upd, {
    groups: GROUP_UPD,
    form: 'disciplinare-consegna-alternativa',
    due: at('scadenzaContestazione'),
    doc: 'Consegna a mano o raccomandata con ricevuta di ritorno (art. 55-bis c.5), entro il termine perentorio.',
  });
  const notificata = b.xor('Gateway_ContestazioneNotificata', 'Contestazione notificata', upd);
  const protocolla = b.service('Service_ProtocollaContestazione', 'Protocolla la contestazione', upd, 'protocollo-registra-contestazione');
  const end = b.end('End_ContestazioneNotificata', 'Contestazione notificata', upd);

  b.chain(start, redigi, genera, pec, notificata, protocolla, end);
  b.chain(nonConsegnata, consegna, notificata);
  return b.build();
}
