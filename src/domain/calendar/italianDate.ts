import { Temporal } from 'temporal-polyfill';

/** Italian civil time: CET, CEST in summer (EU summer-time rules, Directive 2000/84/EC). */
export const ROME = 'Europe/Rome';

const two = (n: number): string => String(n).padStart(2, '0');
const giorno = (d: Temporal.PlainDate): string => `${two(d.day)}/${two(d.month)}/${d.year}`;

/**
 * A date or date-time as an Italian reader expects it in a notice or an act: "18/12/2026 alle ore 10:30"
 * (Rome time), "20/11/2026" for a date (or a date-time at midnight); anything else unchanged. One helper
 * for the PEC/e-mail notices, the workers' PDFs and the audit exports.
 */
export function quando(v: unknown): string {
  if (v instanceof Temporal.PlainDate) return giorno(v);
  if (typeof v !== 'string') return v === undefined || v === null ? '' : JSON.stringify(v);
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return giorno(Temporal.PlainDate.from(v));
    const at = /(Z|[+-]\d{2}:?\d{2})(\[.*\])?$/.test(v)
      ? Temporal.Instant.from(v.replace(/\[.*\]$/, '')).toZonedDateTimeISO(ROME)
      : Temporal.PlainDateTime.from(v).toZonedDateTime(ROME);
    if (at.hour === 0 && at.minute === 0) return giorno(at.toPlainDate());
    return `${giorno(at.toPlainDate())} alle ore ${at.toPlainTime().toString({ smallestUnit: 'minute' })}`;
  } catch {
    return v;
  }
}

/**
 * An instant as Rome wall-clock time to the second, "03/03/2025 09:00:05", for records where the
 * second matters (the audit trail). Summer time is in the time zone, not in the text: auditors read
 * the time the clock on the wall showed.
 */
export function oraDiRoma(instant: Date | string): string {
  const at = Temporal.Instant.fromEpochMilliseconds(new Date(instant).getTime()).toZonedDateTimeISO(ROME);
  return `${giorno(at.toPlainDate())} ${two(at.hour)}:${two(at.minute)}:${two(at.second)}`;
}
