// Public face of the pure domain rules: workers and the web server import from here only.
export { DomainValidationError, type DomainValidationCode } from './validation/DomainValidationError.js';

export {
  ItalianCalendar,
  type ItalianCalendarOptions,
  type NonWorkingReason,
  type SaturdayPolicy,
} from './calendar/ItalianCalendar.js';
export { BUILT_IN_PATRON_SAINT_DAYS, type PatronSaintDay } from './calendar/patronSaintDays.js';

export type {
  DayCount, DeadlineKind, DeadlineLimit, DeadlineNature, LegalDeadline,
} from './deadlines/LegalDeadline.js';
export {
  computeAudizioneEarliestDate,
  computeConclusioneDeadline,
  computeContestazioneDeadline,
  computeIspettoratoNoticeDeadline,
  computeRinnovoContestazioneDeadline,
  computeSegnalazioneUpdDeadline,
  computeSospensioneCautelareEnd,
  type ConclusioneInput,
  type IspettoratoAct,
} from './deadlines/disciplinareDeadlines.js';
export {
  assertFlagranzaRinvioDays,
  computeFlagranzaAudizioneEarliestDate,
  computeFlagranzaConclusioneDeadline,
  computeFlagranzaDenunciaDeadline,
  computeFlagranzaSospensioneDeadline,
} from './deadlines/flagranzaDeadlines.js';
export {
  computeBandoApplicationDeadline,
  computeConclusioneConcorsoDeadline,
  computeGraduatoriaValidity,
  computeMobilita34BisWait,
  computeProvaEarliestDate,
  computeRispostaPropostaDeadline,
  DEFAULT_RISPOSTA_PROPOSTA_DAYS,
  type Prova,
} from './deadlines/selezioneDeadlines.js';

export { GraduatoriaRanker, type RankingRules } from './graduatoria/GraduatoriaRanker.js';
export { PREFERENCE_TITLES_DPR_487, type PreferenceTitleRule } from './graduatoria/preferenceTitles.js';
export type {
  CandidateResult, ExcludedCandidate, ExclusionReason, Gender, Graduatoria, GraduatoriaEntry, TieBreak,
} from './graduatoria/GraduatoriaTypes.js';

export {
  allowsSospensioneCautelare,
  allowsSuspensionForCriminalCase,
  cessazioneOutcome,
  competentAuthority,
  isMoreSevere,
  procedureFor,
  sanctionRule,
  SANCTION_CODES,
  SANCTION_SCALE,
  type CessazioneInput,
  type CessazioneOutcome,
  type DisciplinaryAuthority,
  type DisciplinaryProcedure,
  type ProcedureChoice,
  type SanctionCode,
  type SanctionRule,
} from './disciplinare/sanctionScale.js';
export { assertSanctionMeasure, type SanctionMeasure } from './disciplinare/sanctionMeasure.js';
export { checkHearingNotice, type HearingNoticeCheck, type HearingNoticeInput } from './disciplinare/hearingNotice.js';
export { planSospensioneCautelare, type SospensioneCautelareInput } from './disciplinare/sospensioneCautelare.js';

export {
  ANNUAL_TRAINING_HOURS_TARGET,
  computeTrainingHoursStatus,
  type TrainingHoursStatus,
  type TrainingRecord,
} from './formazione/trainingHours.js';
export {
  computeMandatoryTrainingExpiry,
  isMandatoryTrainingValid,
  MANDATORY_COURSES,
  type MandatoryCourse,
} from './formazione/mandatoryTraining.js';
export { computeAnnualMonitoringDate } from './formazione/formazioneCalendar.js';
