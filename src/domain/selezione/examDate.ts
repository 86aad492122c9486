import type { ItalianCalendar } from '../calendar/ItalianCalendar.js';
import { JEWISH_SABBATH_SOURCE, ReligiousHolidays } from '../calendar/ReligiousHolidays.js';
import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate } from '../validation/assertions.js';

/**
 * Art. 6, c. 1, DPR 487/1994 (come modificato dal DPR 82/2023): "Le prove di esame non possono aver
 * luogo nei giorni festivi né, ai sensi della legge 8 marzo 1989, n. 101, nei giorni di festività
 * religiose ebraiche rese note con decreto del Ministro dell'interno ..., nonché nei giorni di
 * festività religiose valdesi".
 * - giorni festivi: Sundays, national holidays and the patron saint of the place of the test
 *   (the calendar given: the Provincia's seat, where the concorso is held);
 * - Jewish holidays, including every Saturday, which the Minister's yearly decree lists first
 *   ("tutti i sabati"): refused, the cautious reading.
 *   verify: whether Saturdays bar a test outright under art. 6 DPR 487 or only oblige the
 *   commissione to accommodate candidates who observe the riposo sabbatico (art. 4 L. 101/1989).
 * - Waldensian holidays (17 February, L. 449/1984).
 */
export const EXAM_DAY_SOURCE = 'art. 6, c. 1, DPR 487/1994 (come modificato dal DPR 82/2023)';

export type ExamDayObstacle =
  | { readonly kind: 'festivo'; readonly name: string; readonly legalSource: string }
  | { readonly kind: 'festivita-ebraica'; readonly name: string; readonly legalSource: string }
  | { readonly kind: 'festivita-valdese'; readonly name: string; readonly legalSource: string };

const religious = new ReligiousHolidays();
const SATURDAY = 6;

/** Why no test may be held on `date`, or undefined when the day is allowed. */
export function examDayObstacle(calendar: ItalianCalendar, date: string, field = 'date'): ExamDayObstacle | undefined {
  const day = parseIsoDate(field, date);
  const reason = calendar.reasonFor(day);
  if (reason?.kind === 'national-holiday') return { kind: 'festivo', name: reason.name, legalSource: EXAM_DAY_SOURCE };
  if (reason?.kind === 'patron-saint') return { kind: 'festivo', name: `santo patrono: ${reason.name}`, legalSource: EXAM_DAY_SOURCE };
  if (reason?.kind === 'sunday') return { kind: 'festivo', name: 'domenica', legalSource: EXAM_DAY_SOURCE };
  const holiday = religious.on(day.toString());
  if (holiday) {
    return {
      kind: holiday.confession === 'ebraica' ? 'festivita-ebraica' : 'festivita-valdese',
      name: holiday.name,
      legalSource: `${EXAM_DAY_SOURCE}; ${holiday.legalSource}`,
    };
  }
  if (day.dayOfWeek === SATURDAY) {
    return { kind: 'festivita-ebraica', name: 'sabato (riposo sabbatico)', legalSource: `${EXAM_DAY_SOURCE}; ${JEWISH_SABBATH_SOURCE}` };
  }
  return undefined;
}

/** Throws CONFLICT naming the holiday when no test may be held on `date`. */
export function assertExamDay(calendar: ItalianCalendar, date: string, field = 'date'): void {
  const obstacle = examDayObstacle(calendar, date, field);
  if (obstacle) {
    throw new DomainValidationError('CONFLICT', field, `nessuna prova d'esame il ${date}: ${obstacle.name} (${obstacle.legalSource})`);
  }
}
