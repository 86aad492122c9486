// Public face of the pure domain rules: workers and the web server import from here only.
export { DomainValidationError, type DomainValidationCode } from './validation/DomainValidationError.js';

export {
  ItalianCalendar,
  type ItalianCalendarOptions,
  type NonWorkingReason,
  type SaturdayPolicy,
} from './calendar/ItalianCalendar.js';
export { BUILT_IN_PATRON_SAINT_DAYS, type PatronSaintDay } from './calendar/patronSaintDays.js';
export {
  calendarOfActingOffice,
  DEFAULT_OFFICE_CALENDAR_CONFIG,
  formatOfficeCalendarConfig,
  parseOfficeCalendarConfig,
  type ActingOffice,
  type OfficeCalendarConfig,
} from './calendar/officeCalendar.js';
export { ReligiousHolidays, type ReligiousHoliday } from './calendar/ReligiousHolidays.js';

export type {
  DayCount, DeadlineKind, DeadlineLimit, DeadlineNature, LegalDeadline,
} from './deadlines/LegalDeadline.js';
export { DEADLINE_KIND_NAMES, deadlineKindName } from './deadlines/deadlineKindNames.js';
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
  assessHearingDateChange,
  HEARING_DATE_CHANGE_REASONS,
  type HearingDateChange,
  type HearingDateChangeInput,
  type HearingDateChangeReason,
} from './disciplinare/hearingDateChange.js';
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

export { assertExamDay, EXAM_DAY_SOURCE, examDayObstacle, type ExamDayObstacle } from './selezione/examDate.js';
export {
  checkCommissione, DICHIARAZIONE_35_BIS_SOURCE, QUOTA_DONNE_SOURCE, type CommissioneCheck, type ComponenteCommissione,
} from './selezione/commissione.js';
export {
  computeRiservePosti, LIMITE_RISERVE_SOURCE, RISERVA_CATEGORIE, RISERVA_LABEL, RISERVA_SOURCE, selectVincitori,
  type RankedCandidate, type RiservaCategoria, type RiservaPosti, type RiservaRichiesta, type RiservePlan, type Vincitore,
} from './selezione/riserve.js';
export { computeIdoneiLimit, LIMITE_IDONEI_SOURCE, type IdoneiLimit } from './selezione/idonei.js';
export { matchingProfilo, normalizeProfilo, PROFILO_SCORRIMENTO_SOURCE } from './selezione/scorrimento.js';

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
  computeInitialSafetyTrainingDeadline,
  computeMandatoryTrainingExpiry,
  coursesSatisfying,
  isMandatoryTrainingValid,
  MANDATORY_COURSES,
  mandatoryCoursesFor,
  SAFETY_ROLES,
  type MandatoryCourse,
  type SafetyRole,
} from './formazione/mandatoryTraining.js';
export { computePiaoDeadline, PIAO_DIFFERITO_SOURCE, PIAO_SOURCE } from './formazione/piaoDeadline.js';
export { computeAnnualMonitoringDate } from './formazione/formazioneCalendar.js';
