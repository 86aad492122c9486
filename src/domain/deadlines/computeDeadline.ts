import type { Temporal } from 'temporal-polyfill';
import type { ItalianCalendar, NonWorkingReason } from '../calendar/ItalianCalendar.js';
import { parseIsoDate, requireNonNegativeInteger } from '../validation/assertions.js';
import type { DayCount, DeadlineKind, DeadlineLimit, DeadlineNature, LegalDeadline } from './LegalDeadline.js';

export interface DeadlineRule {
  readonly kind: DeadlineKind;
  readonly days: number;
  readonly dayCount: DayCount;
  readonly nature: DeadlineNature;
  readonly limit: DeadlineLimit;
  readonly legalSource: string;
  /**
   * Count whole free days between start and act (termine libero: neither the start day nor the
   * day of the act is counted). Used for minimum notices, where the person must have `days` full
   * days before the act.
   */
  readonly freeDays?: boolean;
  /** Whether an end on a Sunday/holiday moves to the next working day (default true). */
  readonly movesOffHolidays?: boolean;
  readonly verify?: string;
}

/**
 * The one place where a term "a giorni" becomes a date:
 * - the start day is not counted (art. 155, c. 1, c.p.c.; art. 2963, c. 2, c.c.);
 * - a term that ends on a festivo moves to the next non-festivo day (art. 155, c. 4, c.p.c.;
 *   art. 2963, c. 3, c.c.); the calendar decides what is festivo (see ItalianCalendar);
 * - a count in giorni lavorativi already ends on a working day.
 */
export function computeDeadline(
  calendar: ItalianCalendar,
  rule: DeadlineRule,
  startDate: string,
  startField = 'startDate',
): LegalDeadline {
  const start = parseIsoDate(startField, startDate);
  const days = requireNonNegativeInteger('days', rule.days);
  const reached = rule.dayCount === 'working'
    ? parseIsoDate('startDate', calendar.addWorkingDays(start.toString(), days))
    : start.add({ days: rule.freeDays ? days + 1 : days });
  const moves = rule.dayCount === 'calendar' && rule.movesOffHolidays !== false;
  const due = moves ? calendar.rollForwardFrom(reached) : reached;
  return build(rule, start, due, days, moves ? calendar.reasonFor(reached) : undefined, reached);
}

function build(
  rule: DeadlineRule,
  start: Temporal.PlainDate,
  due: Temporal.PlainDate,
  days: number,
  reason: NonWorkingReason | undefined,
  reached: Temporal.PlainDate,
): LegalDeadline {
  const moved = !due.equals(reached);
  return {
    kind: rule.kind,
    startDate: start.toString(),
    dueDate: due.toString(),
    days,
    dayCount: rule.dayCount,
    nature: rule.nature,
    limit: rule.limit,
    legalSource: rule.legalSource,
    ...(moved ? { movedFrom: reached.toString(), movedBecause: describeReason(reason) } : {}),
    ...(rule.verify ? { verify: rule.verify } : {}),
  };
}

export function describeReason(reason: NonWorkingReason | undefined): string {
  switch (reason?.kind) {
    case 'sunday': return 'domenica';
    case 'saturday': return 'sabato';
    case 'national-holiday': return reason.name;
    case 'patron-saint': return `santo patrono: ${reason.name}`;
    default: return 'giorno non lavorativo';
  }
}
