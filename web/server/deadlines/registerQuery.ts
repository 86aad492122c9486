import { Temporal } from 'temporal-polyfill';
import type { DeadlineStatus, RegisterEntry } from '../../shared/deadlineTypes.js';
import { badRequest } from '../errors.js';
import { ROME } from './deadlineStatus.js';

export const REGISTER_SORTS = ['due', 'case', 'comune'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];
const STATUSES: readonly DeadlineStatus[] = ['ok', 'soon', 'overdue'];
const NATURES = ['perentorio', 'ordinatorio'] as const;

/** The scadenzario's filters and order, as the page and the CSV export ask for them. */
export interface RegisterQuery {
  /** a process id, or its prefix before '-' (a procedure and its called processes) */
  process?: string;
  comune?: string;
  nature?: (typeof NATURES)[number];
  status?: DeadlineStatus;
  /** last useful day from / to (ISO dates, inclusive, Rome calendar) */
  from?: string;
  to?: string;
  sort: RegisterSort;
  order: 'asc' | 'desc';
}

/** Reads the query string; a value outside the allowed ones is a 400 naming the parameter, nothing is guessed. */
export function parseRegisterQuery(q: Record<string, string | undefined>): RegisterQuery {
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const v = q[name];
    if (v === undefined || v === '') return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw badRequest('INVALID_FILTER', `Filtro non valido (${name}=${v}): ammessi ${allowed.join(', ')}.`);
    return v as T;
  };
  const date = (name: string): string | undefined => {
    const v = q[name];
    if (v === undefined || v === '') return undefined;
    try {
      return Temporal.PlainDate.from(v, { overflow: 'reject' }).toString();
    } catch {
      throw badRequest('INVALID_FILTER', `Data non valida (${name}=${v}): usare AAAA-MM-GG.`);
    }
  };
  const query: RegisterQuery = {
    process: q.process || undefined,
    comune: q.comune || undefined,
    nature: oneOf('nature', NATURES),
    status: oneOf('status', STATUSES),
    from: date('from'),
    to: date('to'),
    sort: oneOf('sort', REGISTER_SORTS) ?? 'due',
    order: oneOf('order', ['asc', 'desc'] as const) ?? 'asc',
  };
  if (query.from && query.to && query.from > query.to) throw badRequest('INVALID_FILTER', `Intervallo di date non valido: dal ${query.from} al ${query.to}.`);
  return query;
}

/** The day the register shows for a deadline: its last useful day, else the Rome date of the instant it is missed. */
export function registerDayOf(d: Pick<RegisterEntry, 'lastDay' | 'dueAt'>): string {
  if (d.lastDay && /^\d{4}-\d{2}-\d{2}$/.test(d.lastDay)) return d.lastDay;
  return Temporal.Instant.fromEpochMilliseconds(Date.parse(d.dueAt)).toZonedDateTimeISO(ROME).toPlainDate().toString();
}
