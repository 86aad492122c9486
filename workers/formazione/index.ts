import { TaskType } from '../../processes/generated/task-types.js';
import type { HandlerMap } from '../shared/TaskHandler.js';
import { aggiornaDizionario, aggregaValutazioni, calcolaFabbisogni, calcolaScadenzeFormazione, generaMappaProfili, registraValutazione } from './analisi.js';
import { calcolaOreFormazione, calcolaScadenzario, generaAttestati, generaPianoFormativo, generaReportAnnuale } from './monitoraggio.js';

/** Handlers of the annual training cycle, keyed by the generated task types. */
export const formazioneHandlers: HandlerMap = {
  [TaskType.FORMAZIONE_CALCOLA_SCADENZE]: calcolaScadenzeFormazione,
  [TaskType.FORMAZIONE_AGGIORNA_DIZIONARIO_COMPETENZE]: aggiornaDizionario,
  [TaskType.FORMAZIONE_GENERA_MAPPA_PROFILI]: generaMappaProfili,
  [TaskType.FORMAZIONE_REGISTRA_VALUTAZIONE]: registraValutazione,
  [TaskType.FORMAZIONE_AGGREGA_VALUTAZIONI]: aggregaValutazioni,
  [TaskType.FORMAZIONE_CALCOLA_FABBISOGNI]: calcolaFabbisogni,
  [TaskType.FORMAZIONE_CALCOLA_SCADENZARIO]: calcolaScadenzario,
  [TaskType.FORMAZIONE_CALCOLA_ORE_FORMAZIONE]: calcolaOreFormazione,
  [TaskType.DOCUMENTO_GENERA_ATTESTATI]: generaAttestati,
  [TaskType.DOCUMENTO_GENERA_REPORT_ANNUALE]: generaReportAnnuale,
  [TaskType.DOCUMENTO_GENERA_PIANO_FORMATIVO]: generaPianoFormativo,
};
