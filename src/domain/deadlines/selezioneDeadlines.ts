import type { ItalianCalendar } from '../calendar/ItalianCalendar.js';
import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate, requireNonNegativeInteger, requireOneOf } from '../validation/assertions.js';
import { computeDeadline } from './computeDeadline.js';
import type { DeadlineKind, LegalDeadline } from './LegalDeadline.js';

const MOBILITA_WAIT_DAYS = 45;
const MIN_APPLICATION_WINDOW_DAYS = 15;
const CONCLUSIONE_CONCORSO_DAYS = 180;
const GRADUATORIA_VALIDITY_YEARS_ENTI_LOCALI = 3;
/**
 * S17: the domain notes give no term for a candidate's answer to a hiring offer from the graduatoria.
 * This default is a choice of the convenzione, not law: the BPMN sets it (task header
 * `termineRispostaGiorni`) and the Provincia may set another per request. To verify.
 */
export const DEFAULT_RISPOSTA_PROPOSTA_DAYS = 10;

/**
 * S2: the bando may be published only once 45 days have passed ("decorsi") since the Dipartimento
 * della funzione pubblica received the art. 34-bis notice; hirings in breach are null (c. 5), hence
 * perentorio. The first allowed day is the 46th: the 45 days must have fully elapsed. A waiting
 * period does not move off holidays: nothing is due on its last day.
 */
export function computeMobilita34BisWait(calendar: ItalianCalendar, noticeReceivedDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'attesa-mobilita-34-bis',
    days: MOBILITA_WAIT_DAYS,
    dayCount: 'calendar',
    nature: 'perentorio',
    limit: 'notBefore',
    freeDays: true,
    movesOffHolidays: false,
    legalSource: 'art. 34-bis, c. 4 e c. 5, D.Lgs. 165/2001',
    verify: 'current length of the wait (45 days in the domain notes)',
  }, noticeReceivedDate, 'noticeReceivedDate');
}

/**
 * S5: last day to apply, counted from the day after publication on inPA. The term is perentorio
 * (late applications are excluded) and, as bandi state under art. 2963 c.c., an end on a
 * holiday moves to the next working day.
 */
export function computeBandoApplicationDeadline(calendar: ItalianCalendar, publicationDate: string, windowDays: number): LegalDeadline {
  const days = requireNonNegativeInteger('windowDays', windowDays);
  if (days < MIN_APPLICATION_WINDOW_DAYS) {
    throw new DomainValidationError('OUT_OF_RANGE', 'windowDays', `the application window must be at least ${MIN_APPLICATION_WINDOW_DAYS} days, got ${days}`);
  }
  return computeDeadline(calendar, {
    kind: 'chiusura-domande-bando',
    days,
    dayCount: 'calendar',
    nature: 'perentorio',
    limit: 'notAfter',
    legalSource: 'art. 4, c. 1, DPR 487/1994 (come modificato dal DPR 82/2023)',
    verify: `minimum window of ${MIN_APPLICATION_WINDOW_DAYS} days from publication on inPA (pre-2023 text: 30 days from the Gazzetta Ufficiale)`,
  }, publicationDate, 'publicationDate');
}

export type Prova = 'preselezione' | 'scritta' | 'orale';
const PROVE: readonly Prova[] = ['preselezione', 'scritta', 'orale'];

const PROVA_NOTICE: Readonly<Record<Prova, { kind: DeadlineKind; days: number }>> = {
  preselezione: { kind: 'preavviso-preselezione', days: 15 },
  scritta: { kind: 'preavviso-prova-scritta', days: 15 },
  orale: { kind: 'preavviso-prova-orale', days: 20 },
};

/**
 * S9, S10, S12: earliest day of a test given the day its calendar was published/notified
 * ("almeno quindici/venti giorni prima"). Counted as free days: the conservative reading, which
 * also satisfies the looser one.
 */
export function computeProvaEarliestDate(calendar: ItalianCalendar, prova: Prova, noticeDate: string): LegalDeadline {
  const { kind, days } = PROVA_NOTICE[requireOneOf('prova', prova, PROVE)];
  return computeDeadline(calendar, {
    kind,
    days,
    dayCount: 'calendar',
    nature: 'ordinatorio',
    limit: 'notBefore',
    freeDays: true,
    legalSource: 'art. 6, DPR 487/1994 (come modificato dal DPR 82/2023)',
    verify: `notice of ${days} days for the ${prova} test (domain notes S9, S10, S12)`,
  }, noticeDate, 'noticeDate');
}

/** S14: the concorso closes within 180 days of the written test. */
export function computeConclusioneConcorsoDeadline(calendar: ItalianCalendar, provaScrittaDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'conclusione-concorso',
    days: CONCLUSIONE_CONCORSO_DAYS,
    dayCount: 'calendar',
    nature: 'ordinatorio', // no nullity attached: a late graduatoria escalates
    limit: 'notAfter',
    legalSource: 'art. 11, c. 5, DPR 487/1994 (come modificato dal DPR 82/2023)',
    verify: 'article and start of the 180 days (date of the written test vs. its conclusion)',
  }, provaScrittaDate, 'provaScrittaDate');
}

/**
 * S17: last day on which the graduatoria can be used (scorrimento). A term in years ends on the
 * day of the final year that corresponds to the start day (art. 2963, c. 4, c.c.); 29 February
 * falls back to 28 February. Validity is not a term for an act, so it does not move off holidays.
 */
export function computeGraduatoriaValidity(approvalDate: string, years = GRADUATORIA_VALIDITY_YEARS_ENTI_LOCALI): LegalDeadline {
  const start = parseIsoDate('approvalDate', approvalDate);
  const span = requireNonNegativeInteger('years', years);
  const end = start.add({ years: span });
  return {
    kind: 'validita-graduatoria',
    startDate: start.toString(),
    dueDate: end.toString(),
    days: start.until(end, { largestUnit: 'days' }).days,
    dayCount: 'calendar',
    nature: 'perentorio',
    limit: 'notAfter',
    legalSource: 'art. 35, c. 5-ter, D.Lgs. 165/2001 (enti locali: DL 25/2025)',
    verify: 'three-year validity for enti locali under DL 25/2025',
  };
}

/**
 * S17: last day for a candidate to accept an offer of hiring from the graduatoria; silence by then
 * counts as a refusal and the post goes to the next idoneo. No rule of law in the domain notes: the
 * term is set by the convenzione or the agreement (default DEFAULT_RISPOSTA_PROPOSTA_DAYS calendar
 * days from the offer, moved off holidays like every term to meet).
 */
export function computeRispostaPropostaDeadline(calendar: ItalianCalendar, offerDate: string, days = DEFAULT_RISPOSTA_PROPOSTA_DAYS): LegalDeadline {
  const span = requireNonNegativeInteger('days', days);
  if (span < 1) throw new DomainValidationError('OUT_OF_RANGE', 'days', `the term to answer an offer must be at least 1 day, got ${span}`);
  return computeDeadline(calendar, {
    kind: 'risposta-proposta-assunzione',
    days: span,
    dayCount: 'calendar',
    nature: 'perentorio', // for the offer only: silence is a refusal, the scorrimento goes on
    limit: 'notAfter',
    legalSource: 'termine fissato dalla convenzione / accordo per l’utilizzo della graduatoria (non previsto dalle note di dominio)',
    verify: `term for the candidate's answer to a scorrimento offer (${span} days here, configurable; the domain notes give none)`,
  }, offerDate, 'offerDate');
}
