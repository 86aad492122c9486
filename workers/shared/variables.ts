import { Temporal } from 'temporal-polyfill';
import { ROME } from '../../src/domain/calendar/italianDate.js';
import { WorkerInputError } from './errors.js';

// Readers for job variables: each names the variable it rejects, so the incident says what to fix.

export function requireString(vars: object, name: string): string {
  const value = (vars as Record<string, unknown>)[name];
  if (typeof value !== 'string' || value.trim() === '') throw new WorkerInputError(name, value === undefined || value === null ? 'mancante' : `atteso un testo non vuoto, ricevuto ${JSON.stringify(value)}`);
  return value.trim();
}

export function optionalString(vars: object, name: string): string | undefined {
  const value = (vars as Record<string, unknown>)[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new WorkerInputError(name, `atteso un testo, ricevuto ${JSON.stringify(value)}`);
  return value.trim();
}

export function requireNumber(vars: object, name: string): number {
  const value = (vars as Record<string, unknown>)[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new WorkerInputError(name, value === undefined || value === null ? 'mancante' : `atteso un numero, ricevuto ${JSON.stringify(value)}`);
  return value;
}

export function requireArray<T = unknown>(vars: object, name: string): T[] {
  const value = (vars as Record<string, unknown>)[name];
  if (!Array.isArray(value)) throw new WorkerInputError(name, value === undefined || value === null ? 'mancante' : 'attesa una lista');
  return value as T[];
}

export function requireObject<T extends object = Record<string, unknown>>(vars: object, name: string): T {
  const value = (vars as Record<string, unknown>)[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WorkerInputError(name, value === undefined || value === null ? 'mancante' : 'atteso un oggetto');
  return value as T;
}

export { ROME };

/**
 * A calendar date (YYYY-MM-DD) from a date or a date-time variable (as Camunda forms produce them),
 * read in the offices' time zone.
 */
export function requireDate(vars: object, name: string): string {
  return toRomeDate(name, requireString(vars, name));
}

export function optionalDate(vars: object, name: string): string | undefined {
  const text = optionalString(vars, name);
  return text === undefined ? undefined : toRomeDate(name, text);
}

export function toRomeDate(name: string, text: string): string {
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Temporal.PlainDate.from(text).toString();
    if (/(Z|[+-]\d{2}:?\d{2})(\[.*\])?$/.test(text)) return Temporal.Instant.from(text.replace(/\[.*\]$/, '')).toZonedDateTimeISO(ROME).toPlainDate().toString();
    return Temporal.PlainDateTime.from(text).toPlainDate().toString();
  } catch {
    throw new WorkerInputError(name, `data non valida: ${JSON.stringify(text)}`);
  }
}

/** An instant from a date-time variable; a local date-time without offset is read in Europe/Rome. */
export function requireInstant(vars: object, name: string): Temporal.Instant {
  const text = requireString(vars, name);
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Temporal.PlainDate.from(text).toZonedDateTime({ timeZone: ROME }).toInstant();
    if (/(Z|[+-]\d{2}:?\d{2})(\[.*\])?$/.test(text)) return Temporal.Instant.from(text.replace(/\[.*\]$/, ''));
    return Temporal.PlainDateTime.from(text).toZonedDateTime(ROME).toInstant();
  } catch {
    throw new WorkerInputError(name, `data e ora non valide: ${JSON.stringify(text)}`);
  }
}

export function romeToday(now: Date): string {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(ROME).toPlainDate().toString();
}

export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}
