import { Temporal } from 'temporal-polyfill';
import { DomainValidationError } from './DomainValidationError.js';

// A calendar date only: no time, no offset. Legal terms "a giorni" are counted on dates.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// ISTAT codes of Comuni are 6 digits: 3 for the Provincia/UTS, 3 progressive.
const ISTAT_CODE = /^\d{6}$/;

export function parseIsoDate(field: string, value: unknown): Temporal.PlainDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new DomainValidationError('INVALID_DATE', field, `expected an ISO date YYYY-MM-DD, got ${describe(value)}`);
  }
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    throw new DomainValidationError('INVALID_DATE', field, `${value} is not a calendar date`);
  }
}

/** An instant with an explicit offset or Z (e.g. 2025-03-03T09:15:00+01:00). */
export function parseInstant(field: string, value: unknown): Temporal.Instant {
  if (typeof value !== 'string') {
    throw new DomainValidationError('INVALID_DATETIME', field, `expected an ISO date-time with offset, got ${describe(value)}`);
  }
  try {
    return Temporal.Instant.from(value);
  } catch {
    throw new DomainValidationError('INVALID_DATETIME', field, `${value} is not an ISO date-time with offset`);
  }
}

export function requireNonNegativeInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new DomainValidationError('INVALID_NUMBER', field, `expected an integer, got ${describe(value)}`);
  }
  if (value < 0) {
    throw new DomainValidationError('OUT_OF_RANGE', field, `must not be negative, got ${value}`);
  }
  return value;
}

export function requireFiniteNumber(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DomainValidationError('INVALID_NUMBER', field, `expected a finite number, got ${describe(value)}`);
  }
  return value;
}

export function requireIstatCode(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ISTAT_CODE.test(value)) {
    throw new DomainValidationError('INVALID_ISTAT_CODE', field, `expected a 6-digit ISTAT code, got ${describe(value)}`);
  }
  return value;
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new DomainValidationError('UNKNOWN_VALUE', field, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A calendar year the procedures can concern; anything else is a typo (e.g. 225 for 2025). */
export function requireYear(field: string, value: unknown): number {
  const year = requireNonNegativeInteger(field, value);
  if (year < 1900 || year > 2999) {
    throw new DomainValidationError('OUT_OF_RANGE', field, `expected a year between 1900 and 2999, got ${year}`);
  }
  return year;
}
