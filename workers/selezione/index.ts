import { TaskType } from '../../processes/generated/task-types.js';
import type { HandlerMap } from '../shared/TaskHandler.js';
import { generaElencoAmmessi, pubblicaElencoAmmessi, registraDomanda, verificaAmmissibilita } from './domande.js';
import { abbinaElaborati, assegnaVincitori, calcolaGraduatoria, eseguiPreselezione, pubblicaGraduatoria, verificaCommissione } from './graduatoria.js';
import { esitiScorrimento } from './scorrimento.js';
import { aggiornaPosti, aggregaFabbisogno, calcolaScadenzeSelezione, pubblicaBando } from './planning.js';

/** Handlers of the associated concorso, keyed by the generated task types. */
export const selezioneHandlers: HandlerMap = {
  [TaskType.SELEZIONE_AGGREGA_FABBISOGNO]: aggregaFabbisogno,
  [TaskType.SELEZIONE_AGGIORNA_POSTI]: aggiornaPosti,
  [TaskType.SELEZIONE_CALCOLA_SCADENZE]: calcolaScadenzeSelezione,
  [TaskType.PUBBLICAZIONE_PUBBLICA_BANDO]: pubblicaBando,
  [TaskType.SELEZIONE_REGISTRA_DOMANDA]: registraDomanda,
  [TaskType.SELEZIONE_VERIFICA_AMMISSIBILITA]: verificaAmmissibilita,
  [TaskType.DOCUMENTO_GENERA_ELENCO_AMMESSI]: generaElencoAmmessi,
  [TaskType.PUBBLICAZIONE_PUBBLICA_ELENCO_AMMESSI]: pubblicaElencoAmmessi,
  [TaskType.SELEZIONE_VERIFICA_COMMISSIONE]: verificaCommissione,
  [TaskType.SELEZIONE_ESEGUI_PRESELEZIONE]: eseguiPreselezione,
  [TaskType.SELEZIONE_ABBINA_ELABORATI]: abbinaElaborati,
  [TaskType.SELEZIONE_CALCOLA_GRADUATORIA]: calcolaGraduatoria,
  [TaskType.PUBBLICAZIONE_PUBBLICA_GRADUATORIA]: pubblicaGraduatoria,
  [TaskType.SELEZIONE_ASSEGNA_VINCITORI]: assegnaVincitori,
  [TaskType.SELEZIONE_ESITI_SCORRIMENTO]: esitiScorrimento,
};
