import { Temporal } from 'temporal-polyfill';
import { DomainValidationError } from '../validation/DomainValidationError.js';
import { requireIstatCode } from '../validation/assertions.js';
import { ItalianCalendar, type SaturdayPolicy } from './ItalianCalendar.js';
import type { PatronSaintDay } from './patronSaintDays.js';

/**
 * Which calendar a term is computed on. A term "a giorni" moves off a festivo because the office
 * that must act is closed that day (art. 2963, c. 3, c.c.; art. 155, c. 4, c.p.c.): so the calendar
 * is the acting office's, with its own patron saint only.
 * - the UPD associato and the selection office sit at the Provincia's seat: the seat's patron day
 *   moves their terms; the patron day of the Comune where the employee works does not;
 * - a Comune's own acts (e.g. the referral to the UPD, art. 55-bis c.4) use that Comune's calendar.
 * For perentorio terms this is the point: a term that ends on the patron day of another entity
 * (the Comune, when the UPD acts) is not prorogued, and treating it as moved would let it lapse.
 */
export interface OfficeCalendarConfig {
  /** ISTAT code of the Comune where the Provincia has its seat (e.g. Monza, 108033). */
  readonly sedeProvincia: string;
  /** Patron-saint days of the Comuni served, keyed by ISTAT code (added to or overriding the built-in table). */
  readonly patronSaintDays: Readonly<Record<string, PatronSaintDay>>;
  readonly saturday?: SaturdayPolicy;
}

export type ActingOffice =
  /** the Provincia's offices: UPD associato, selezione, formazione */
  | { readonly kind: 'provincia' }
  | { readonly kind: 'comune'; readonly istatCode: string };

export const DEFAULT_OFFICE_CALENDAR_CONFIG: OfficeCalendarConfig = { sedeProvincia: '108033', patronSaintDays: {} };

export function calendarOfActingOffice(config: OfficeCalendarConfig, office: ActingOffice): ItalianCalendar {
  const istatCode = office.kind === 'provincia' ? config.sedeProvincia : office.istatCode;
  return new ItalianCalendar({
    istatCode,
    patronSaintDays: config.patronSaintDays,
    ...(config.saturday ? { saturday: config.saturday } : {}),
  });
}

/** Checks a configuration as read from a file or an admin request; the error names the field. */
export function parseOfficeCalendarConfig(input: unknown): OfficeCalendarConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DomainValidationError('UNKNOWN_VALUE', 'configurazione', 'expected an object with sedeProvincia and santiPatroni');
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!['sedeProvincia', 'santiPatroni', 'sabato'].includes(key)) throw new DomainValidationError('UNKNOWN_VALUE', key, 'unknown key');
  }
  const sedeProvincia = requireIstatCode('sedeProvincia', raw.sedeProvincia);
  const santi = raw.santiPatroni ?? {};
  if (typeof santi !== 'object' || santi === null || Array.isArray(santi)) {
    throw new DomainValidationError('UNKNOWN_VALUE', 'santiPatroni', 'expected an object keyed by ISTAT code');
  }
  const patronSaintDays: Record<string, PatronSaintDay> = {};
  for (const [code, value] of Object.entries(santi as Record<string, unknown>)) {
    const at = `santiPatroni.${code}`;
    requireIstatCode(at, code);
    const v = (value ?? {}) as Record<string, unknown>;
    if (typeof v.comune !== 'string' || v.comune.trim() === '') throw new DomainValidationError('UNKNOWN_VALUE', `${at}.comune`, 'the Comune name is required');
    if (typeof v.santo !== 'string' || v.santo.trim() === '') throw new DomainValidationError('UNKNOWN_VALUE', `${at}.santo`, 'the saint is required');
    if (typeof v.giorno !== 'string' || !/^\d{2}-\d{2}$/.test(v.giorno)) {
      throw new DomainValidationError('INVALID_DATE', `${at}.giorno`, `expected MM-DD, got ${JSON.stringify(v.giorno)}`);
    }
    const [month, day] = v.giorno.split('-').map(Number);
    // 2024 is a leap year, so 29 February is accepted; 31 April is not a day.
    if (!isDayOfYear(month, day)) throw new DomainValidationError('INVALID_DATE', `${at}.giorno`, `${v.giorno} is not a day of the year`);
    patronSaintDays[code] = { comune: v.comune.trim(), saint: v.santo.trim(), month, day };
  }
  const saturday = raw.sabato === undefined ? undefined : raw.sabato === 'lavorativo' ? 'working' : raw.sabato === 'non-lavorativo' ? 'non-working' : undefined;
  if (raw.sabato !== undefined && saturday === undefined) {
    throw new DomainValidationError('UNKNOWN_VALUE', 'sabato', `expected 'lavorativo' or 'non-lavorativo', got ${JSON.stringify(raw.sabato)}`);
  }
  return { sedeProvincia, patronSaintDays, ...(saturday ? { saturday } : {}) };
}

function isDayOfYear(month: number, day: number): boolean {
  try {
    Temporal.PlainDate.from({ year: 2024, month, day }, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/** The configuration in the file's own (Italian) shape, for the admin API. */
export function formatOfficeCalendarConfig(config: OfficeCalendarConfig): Record<string, unknown> {
  const santiPatroni = Object.fromEntries(Object.entries(config.patronSaintDays).map(([code, d]) => [code, {
    comune: d.comune, santo: d.saint, giorno: `${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`,
  }]));
  return {
    sedeProvincia: config.sedeProvincia, santiPatroni,
    ...(config.saturday ? { sabato: config.saturday === 'working' ? 'lavorativo' : 'non-lavorativo' } : {}),
  };
}
