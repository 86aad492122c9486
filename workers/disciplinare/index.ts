import { TaskType } from '../../processes/generated/task-types.js';
import type { HandlerMap } from '../shared/TaskHandler.js';
import { comunicaIspettorato, generaContestazione, generaProvvedimento, protocollaContestazione, protocollaMemoria, protocollaSegnalazione, trasmettiDenuncia } from './acts.js';
import { calcolaScadenzeDisciplinare } from './deadlines.js';
import { valutaCessazione, verificaSospensionePenale } from './decisions.js';

/** Handlers of the disciplinary procedure (associated UPD), keyed by the generated task types. */
export const disciplinareHandlers: HandlerMap = {
  [TaskType.UPD_CALCOLA_SCADENZE]: calcolaScadenzeDisciplinare,
  [TaskType.UPD_COMUNICA_ISPETTORATO]: comunicaIspettorato,
  [TaskType.UPD_TRASMETTI_DENUNCIA]: trasmettiDenuncia,
  [TaskType.UPD_VERIFICA_SOSPENSIONE_PENALE]: verificaSospensionePenale,
  [TaskType.UPD_VALUTA_CESSAZIONE]: valutaCessazione,
  [TaskType.PROTOCOLLO_REGISTRA_SEGNALAZIONE]: protocollaSegnalazione,
  [TaskType.PROTOCOLLO_REGISTRA_CONTESTAZIONE]: protocollaContestazione,
  [TaskType.PROTOCOLLO_REGISTRA_MEMORIA]: protocollaMemoria,
  [TaskType.DOCUMENTO_GENERA_CONTESTAZIONE]: generaContestazione,
  [TaskType.DOCUMENTO_GENERA_PROVVEDIMENTO]: generaProvvedimento,
};
