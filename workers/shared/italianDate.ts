import { Temporal } from 'temporal-polyfill';
import { ROME } from './variables.js';

const giorno = (d: Temporal.PlainDate): string => `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;

/**
 * A date or date-time as an Italian reader expects it in a notice or an act: "18/12/2026 alle ore 10:30"
 * (Rome time), "20/11/2026" for a date (or a date-time at midnight); anything else unchanged. One helper
 * for the PEC/e-mail notices and the PDFs.
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
