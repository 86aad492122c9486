import { parseIsoDate, requireOneOf } from '../validation/assertions.js';
import type { LegalDeadline } from '../deadlines/LegalDeadline.js';

/**
 * F4: mandatory training and when it expires.
 * - anticorruzione: every year (L. 190/2012, art. 1, c. 8-11; DPR 62/2013, art. 15, c. 5): a course
 *   done in a year covers that year only, so it expires on 31 December.
 * - privacy: GDPR arts. 29, 32(4) and 39 require instructing staff but set no period; the
 *   convenzione chooses one (two years here, a design choice, not law).
 * - workplace safety, by role (D.Lgs. 81/2008, art. 37, and the Accordo Stato-Regioni of 17 April
 *   2025 on art. 37 c. 2, which replaced the 2011 and 2016 agreements):
 *   - every worker: initial training at hiring (art. 37, c. 4, lett. a), then a refresher every five
 *     years ('sicurezza-aggiornamento'); dirigenti likewise every five years;
 *   - preposti: refresher at least every two years (art. 37, c. 7-ter, added by DL 146/2021);
 *   - RLS: yearly refresher, 4 or 8 hours a year by size (art. 37, c. 11): a course covers the
 *     calendar year it was done in, like anticorruzione;
 *   - first-aid officers: refresher at least every three years (art. 45 D.Lgs. 81/2008; DM 388/2003, art. 3, c. 5);
 *   - fire officers: refresher at least every five years (art. 46 D.Lgs. 81/2008; DM 2 settembre 2021, art. 5).
 */
export const MANDATORY_COURSES = [
  'anticorruzione', 'privacy',
  'sicurezza-formazione-iniziale', 'sicurezza-aggiornamento', 'sicurezza-dirigenti', 'sicurezza-preposti',
  'sicurezza-rls', 'primo-soccorso', 'antincendio',
] as const;
export type MandatoryCourse = (typeof MANDATORY_COURSES)[number];

/** Safety roles of an employee (D.Lgs. 81/2008, art. 2 and artt. 18, 19, 47, 45, 46). */
export const SAFETY_ROLES = ['lavoratore', 'dirigente', 'preposto', 'rls', 'addetto-primo-soccorso', 'addetto-antincendio'] as const;
export type SafetyRole = (typeof SAFETY_ROLES)[number];

type Validity = { readonly kind: 'calendar-year' } | { readonly kind: 'years'; readonly years: number };

const ACCORDO = 'Accordo Stato-Regioni 17 aprile 2025';
const RULES: Readonly<Record<MandatoryCourse, { validity: Validity; legalSource: string; verify?: string }>> = {
  anticorruzione: {
    validity: { kind: 'calendar-year' },
    legalSource: 'art. 1, c. 8-11, L. 190/2012; art. 15, c. 5, DPR 62/2013',
  },
  privacy: {
    validity: { kind: 'years', years: 2 },
    legalSource: 'artt. 29, 32 e 39 Reg. UE 2016/679 (periodicità scelta dalla convenzione)',
    verify: 'privacy training period is a convenzione choice, not a legal term',
  },
  // The initial course counts like a refresher: the first aggiornamento is due five years after it.
  'sicurezza-formazione-iniziale': { validity: { kind: 'years', years: 5 }, legalSource: `art. 37, c. 1, 2 e 4, D.Lgs. 81/2008; ${ACCORDO}` },
  'sicurezza-aggiornamento': { validity: { kind: 'years', years: 5 }, legalSource: `art. 37, c. 6, D.Lgs. 81/2008; ${ACCORDO}` },
  'sicurezza-dirigenti': { validity: { kind: 'years', years: 5 }, legalSource: `art. 37, c. 7, D.Lgs. 81/2008; ${ACCORDO}` },
  'sicurezza-preposti': { validity: { kind: 'years', years: 2 }, legalSource: `art. 37, c. 7-ter, D.Lgs. 81/2008; ${ACCORDO}` },
  'sicurezza-rls': { validity: { kind: 'calendar-year' }, legalSource: 'art. 37, c. 11, D.Lgs. 81/2008 (aggiornamento annuale)' },
  'primo-soccorso': { validity: { kind: 'years', years: 3 }, legalSource: 'art. 45 D.Lgs. 81/2008; art. 3, c. 5, DM 388/2003' },
  antincendio: { validity: { kind: 'years', years: 5 }, legalSource: 'art. 46 D.Lgs. 81/2008; art. 5 DM 2 settembre 2021' },
};

/** Courses each role must keep valid; anticorruzione, privacy and the workers' safety course concern everyone. */
const COURSES_BY_ROLE: Readonly<Record<SafetyRole, readonly MandatoryCourse[]>> = {
  lavoratore: [],
  dirigente: ['sicurezza-dirigenti'],
  preposto: ['sicurezza-preposti'],
  rls: ['sicurezza-rls'],
  'addetto-primo-soccorso': ['primo-soccorso'],
  'addetto-antincendio': ['antincendio'],
};
const EVERYONE: readonly MandatoryCourse[] = ['anticorruzione', 'sicurezza-aggiornamento', 'privacy'];

export function mandatoryCoursesFor(roles: readonly SafetyRole[] = []): MandatoryCourse[] {
  const checked = roles.map((r, i) => requireOneOf(`ruoliSicurezza[${i}]`, r, SAFETY_ROLES));
  return [...new Set([...EVERYONE, ...checked.flatMap((r) => COURSES_BY_ROLE[r])])];
}

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

/**
 * Initial safety training of a new hire: "in occasione della costituzione del rapporto di lavoro"
 * (art. 37, c. 4, lett. a, D.Lgs. 81/2008), so due by the first day of work.
 * verify: whether the Accordo Stato-Regioni 2025 allows completing part of it after hiring (the
 * 2011 agreement gave 60 days for new hires).
 */
export function computeInitialSafetyTrainingDeadline(hireDate: string): LegalDeadline {
  const hired = parseIsoDate('hireDate', hireDate);
  return {
    kind: 'scadenza-formazione-obbligatoria',
    startDate: hired.toString(),
    dueDate: hired.toString(),
    days: 0,
    dayCount: 'calendar',
    nature: 'ordinatorio',
    limit: 'notAfter',
    legalSource: `art. 37, c. 4, lett. a, D.Lgs. 81/2008; ${ACCORDO}`,
    verify: 'initial safety training due at hiring: tolerance after hiring under the Accordo Stato-Regioni 2025',
  };
}

/** Whether the course is still valid on `asOf` (the day of the check, e.g. the F9 timer). */
export function isMandatoryTrainingValid(course: MandatoryCourse, completedDate: string, asOf: string): boolean {
  const expiry = parseIsoDate('expiry', computeMandatoryTrainingExpiry(course, completedDate).dueDate);
  const day = parseIsoDate('asOf', asOf);
  const completed = parseIsoDate('completedDate', completedDate);
  return day.since(completed).sign >= 0 && day.until(expiry).sign >= 0;
}

/** The course that satisfies `course` too: the initial safety course counts as the workers' refresher. */
export function coursesSatisfying(course: MandatoryCourse): readonly MandatoryCourse[] {
  return course === 'sicurezza-aggiornamento' ? ['sicurezza-aggiornamento', 'sicurezza-formazione-iniziale'] : [course];
}
