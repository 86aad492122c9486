import { parseIsoDate, requireOneOf } from '../validation/assertions.js';
import type { LegalDeadline } from '../deadlines/LegalDeadline.js';

/**
 * F4: mandatory training and when it expires.
 * - anticorruzione: every year (L. 190/2012, art. 1, c. 8-11; DPR 62/2013, art. 15, c. 5): a course
 *   done in a year covers that year only, so it expires on 31 December.
 * - sicurezza (aggiornamento lavoratori): a refresher every five years from the last course
 *   (D.Lgs. 81/2008, art. 37; verify the periodicity in the Accordo Stato-Regioni of 2025).
 * - privacy: GDPR arts. 29, 32(4) and 39 require instructing staff but set no period; the
 *   convenzione chooses one (two years here, a design choice, not law).
 */
export const MANDATORY_COURSES = ['anticorruzione', 'sicurezza-aggiornamento', 'privacy'] as const;
export type MandatoryCourse = (typeof MANDATORY_COURSES)[number];

type Validity = { readonly kind: 'calendar-year' } | { readonly kind: 'years'; readonly years: number };

const RULES: Readonly<Record<MandatoryCourse, { validity: Validity; legalSource: string; verify?: string }>> = {
  anticorruzione: {
    validity: { kind: 'calendar-year' },
    legalSource: 'art. 1, c. 8-11, L. 190/2012; art. 15, c. 5, DPR 62/2013',
  },
  'sicurezza-aggiornamento': {
    validity: { kind: 'years', years: 5 },
    legalSource: 'art. 37, D.Lgs. 81/2008; Accordo Stato-Regioni',
    verify: 'five-year refresher under the 2025 Stato-Regioni agreement',
  },
  privacy: {
    validity: { kind: 'years', years: 2 },
    legalSource: 'artt. 29, 32 e 39 Reg. UE 2016/679 (periodicità scelta dalla convenzione)',
    verify: 'period is a convenzione choice, not a legal term',
  },
};

/**
 * Last day on which the course last completed on `completedDate` still counts. Compliance dates
 * do not move off holidays: nothing has to be filed on them.
 */
export function computeMandatoryTrainingExpiry(course: MandatoryCourse, completedDate: string): LegalDeadline {
  const rule = RULES[requireOneOf('course', course, MANDATORY_COURSES)];
  const completed = parseIsoDate('completedDate', completedDate);
  const due = rule.validity.kind === 'calendar-year'
    ? completed.with({ month: 12, day: 31 })
    : completed.add({ years: rule.validity.years });
  return {
    kind: 'scadenza-formazione-obbligatoria',
    startDate: completed.toString(),
    dueDate: due.toString(),
    days: completed.until(due, { largestUnit: 'days' }).days,
    dayCount: 'calendar',
    nature: 'ordinatorio', // a lapse escalates to the Comune (F4 alerts); it ends no procedure
    limit: 'notAfter',
    legalSource: rule.legalSource,
    ...(rule.verify ? { verify: rule.verify } : {}),
  };
}

/** Whether the course is still valid on `asOf` (the day of the check, e.g. the F9 timer). */
export function isMandatoryTrainingValid(course: MandatoryCourse, completedDate: string, asOf: string): boolean {
  const expiry = parseIsoDate('expiry', computeMandatoryTrainingExpiry(course, completedDate).dueDate);
  const day = parseIsoDate('asOf', asOf);
  const completed = parseIsoDate('completedDate', completedDate);
  return day.since(completed).sign >= 0 && day.until(expiry).sign >= 0;
}
