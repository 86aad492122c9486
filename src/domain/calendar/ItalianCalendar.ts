import { Temporal } from 'temporal-polyfill';
import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate, requireIstatCode, requireNonNegativeInteger } from '../validation/assertions.js';
import { NationalHolidays } from './NationalHolidays.js';
import { BUILT_IN_PATRON_SAINT_DAYS, type PatronSaintDay } from './patronSaintDays.js';

/**
 * Saturday.
 * - 'working' (default): Saturday is not a giorno festivo (L. 260/1949, L. 54/1977), and art. 2963
 *   c.c., the general rule for terms outside a trial, moves an expiry only off a festivo. The
 *   Saturday extension of art. 155, c. 5, c.p.c. (added by L. 263/2005) covers only "atti
 *   processuali svolti fuori dell'udienza", which the acts of a disciplinary procedure or of a
 *   concorso are not. So a contestazione due on a Saturday is due that Saturday.
 * - 'non-working': for an office that works Monday-Friday, or to apply the c.p.c. regime on purpose.
 *   Then Saturday is skipped by working-day counts and an expiry on Saturday moves to Monday.
 */
export type SaturdayPolicy = 'working' | 'non-working';

export interface ItalianCalendarOptions {
  /** ISTAT code of the Comune whose office performs the act: its patron-saint day is a holiday. */
  readonly istatCode?: string;
  /** Patron-saint days to add to (or override in) the built-in table, keyed by ISTAT code. */
  readonly patronSaintDays?: Readonly<Record<string, PatronSaintDay>>;
  readonly saturday?: SaturdayPolicy;
}

export type NonWorkingReason =
  | { readonly kind: 'sunday' }
  | { readonly kind: 'saturday' }
  | { readonly kind: 'national-holiday'; readonly name: string }
  | { readonly kind: 'patron-saint'; readonly name: string };

const SATURDAY = 6;
const SUNDAY = 7;
// A run of non-working days longer than this means a misconfiguration, not a calendar.
const MAX_CONSECUTIVE_NON_WORKING_DAYS = 14;

const nationalHolidays = new NationalHolidays();

export class ItalianCalendar {
  readonly istatCode: string | undefined;
  readonly saturday: SaturdayPolicy;
  private readonly patronSaint: PatronSaintDay | undefined;

  constructor(options: ItalianCalendarOptions = {}) {
    this.saturday = options.saturday ?? 'working';
    if (this.saturday !== 'working' && this.saturday !== 'non-working') {
      throw new DomainValidationError('UNKNOWN_VALUE', 'saturday', `expected 'working' or 'non-working', got ${String(this.saturday)}`);
    }
    const extra = options.patronSaintDays ?? {};
    for (const [code, day] of Object.entries(extra)) {
      requireIstatCode(`patronSaintDays.${code}`, code);
      validateMonthDay(`patronSaintDays.${code}`, day);
    }
    this.istatCode = options.istatCode === undefined ? undefined : requireIstatCode('istatCode', options.istatCode);
    this.patronSaint = this.istatCode === undefined ? undefined : (extra[this.istatCode] ?? BUILT_IN_PATRON_SAINT_DAYS[this.istatCode]);
  }

  /** Patron-saint day configured for this calendar's Comune, if any is known. */
  get patronSaintDay(): PatronSaintDay | undefined {
    return this.patronSaint;
  }

  /** Why `date` is not a working day, or undefined when it is one. */
  nonWorkingReason(date: string, field = 'date'): NonWorkingReason | undefined {
    return this.reasonFor(parseIsoDate(field, date));
  }

  isWorkingDay(date: string, field = 'date'): boolean {
    return this.reasonFor(parseIsoDate(field, date)) === undefined;
  }

  /** First working day strictly after `date`. */
  nextWorkingDay(date: string, field = 'date'): string {
    return this.rollForwardFrom(parseIsoDate(field, date).add({ days: 1 })).toString();
  }

  /** `date` itself when it is a working day, otherwise the next working day. */
  rollForward(date: string, field = 'date'): string {
    return this.rollForwardFrom(parseIsoDate(field, date)).toString();
  }

  /** Plain calendar arithmetic; no day is skipped and nothing is moved. */
  addCalendarDays(date: string, days: number, field = 'date'): string {
    const start = parseIsoDate(field, date);
    return start.add({ days: requireNonNegativeInteger('days', days) }).toString();
  }

  /**
   * The `days`-th working day after `date` (giorni lavorativi). The start day itself is never
   * counted (art. 155, c. 1, c.p.c.; art. 2963, c. 2, c.c.: dies a quo non computatur).
   */
  addWorkingDays(date: string, days: number, field = 'date'): string {
    let current = parseIsoDate(field, date);
    let left = requireNonNegativeInteger('days', days);
    while (left > 0) {
      current = this.rollForwardFrom(current.add({ days: 1 }));
      left -= 1;
    }
    return current.toString();
  }

  /** Internal form for the deadline rules, which already hold parsed dates. */
  rollForwardFrom(date: Temporal.PlainDate): Temporal.PlainDate {
    let current = date;
    for (let i = 0; i <= MAX_CONSECUTIVE_NON_WORKING_DAYS; i += 1) {
      if (this.reasonFor(current) === undefined) return current;
      current = current.add({ days: 1 });
    }
    throw new DomainValidationError('CONFLICT', 'calendar', `no working day within ${MAX_CONSECUTIVE_NON_WORKING_DAYS} days of ${date.toString()}`);
  }

  reasonFor(date: Temporal.PlainDate): NonWorkingReason | undefined {
    const national = nationalHolidays.nameOn(date.toString());
    if (national !== undefined) return { kind: 'national-holiday', name: national };
    if (this.patronSaint && this.patronSaint.month === date.month && this.patronSaint.day === date.day) {
      return { kind: 'patron-saint', name: `${this.patronSaint.saint} (${this.patronSaint.comune})` };
    }
    if (date.dayOfWeek === SUNDAY) return { kind: 'sunday' };
    if (date.dayOfWeek === SATURDAY && this.saturday === 'non-working') return { kind: 'saturday' };
    return undefined;
  }
}

function validateMonthDay(field: string, day: PatronSaintDay): void {
  // 2024 is a leap year, so 29 February is accepted as a configured day.
  try {
    Temporal.PlainDate.from({ year: 2024, month: day.month, day: day.day }, { overflow: 'reject' });
  } catch {
    throw new DomainValidationError('INVALID_DATE', field, `${String(day.month)}-${String(day.day)} is not a day of the year`);
  }
}
