import type { ProcessBuilder } from '../../model/ProcessBuilder.js';
import { NOTIFICA_INVIA, at, comuneGroup, deadlineDoc } from '../shared.js';
import { CALCOLA_SCADENZE, COMUNICA_ISPETTORATO } from './constants.js';

/** D13–D14: provvedimento, notice, enforcement by the Comune, notice of conclusion to the Ispettorato. */
export function addEsito(b: ProcessBuilder, from: string, lanes: { comune: string; upd: string }): void {
  const { comune, upd } = lanes;
  const provvedimento = b.service('Service_GeneraProvvedimento', 'Genera il provvedimento finale', upd, 'documento-genera-provvedimento');
  const notifica = b.send('Send_NotificaProvvedimento', 'Notifica il provvedimento al dipendente e al Comune', upd, NOTIFICA_INVIA, {
    headers: { canale: 'pec', modello: 'provvedimento-finale' },
  });
  const sanzione = b.xor('Gateway_Sanzione', 'Sanzione irrogata?', upd);
  const esegui = b.userTask('Task_EseguiSanzione', 'Esegui la sanzione', comune, {
    groups: comuneGroup('codiceIstat'), form: 'disciplinare-esecuzione-sanzione',
    doc: 'D13: il Comune applica la sanzione (trattamento economico, fascicolo personale).',
  });
  const eseguita = b.xor('Gateway_Eseguita', 'Esito applicato', upd);
  const scadenza = b.service('Service_CalcolaScadenzaComunicazioneFinale', 'Calcola il termine di comunicazione finale', upd, CALCOLA_SCADENZE, { headers: { fase: 'decisione' } });
  const ispettorato = b.service('Service_ComunicaConclusione', 'Comunica la conclusione all’Ispettorato', upd, COMUNICA_ISPETTORATO, {
    headers: { evento: 'conclusione' },
    doc: 'D14: comunicazione dell’esito all’Ispettorato per la funzione pubblica entro 20 giorni dalla decisione (art. 55-bis c.4).',
  });
  const ritardo = b.boundary('Timer_ComunicazioneFinaleOrdinatorio', 'Termine ordinatorio di 20 giorni scaduto', ispettorato,
    { kind: 'timer', date: at('scadenzaComunicazioneConclusione'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'art. 55-bis c.4 D.Lgs. 165/2001', 'Comunicazione della conclusione entro 20 giorni dalla decisione.'),
    });
  const sollecito = b.send('Send_RitardoComunicazioneFinale', 'Segnala il ritardo della comunicazione', upd, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-ispettorato' } });
  const endSollecito = b.end('End_RitardoComunicazioneFinale', 'Ritardo segnalato', upd);
  const end = b.end('End_ProcedimentoConcluso', 'Procedimento concluso', upd);

  b.chain(from, provvedimento, notifica, sanzione);
  b.flow(sanzione, esegui, { name: 'Sanzione', condition: '=esito = "sanzione"' });
  b.flow(sanzione, eseguita, { name: 'Archiviazione', isDefault: true });
  b.chain(esegui, eseguita, scadenza, ispettorato, end);
  b.chain(ritardo, sollecito, endSollecito);
}
