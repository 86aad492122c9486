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

/** Every filter but the status, so the counts per status describe what the other filters selected. */
export function matchesRegisterFilters(d: RegisterEntry, q: RegisterQuery): boolean {
  if (q.process && d.processDefinitionId !== q.process && !d.processDefinitionId.startsWith(`${q.process}-`)) return false;
  if (q.comune && d.comune !== q.comune) return false;
  if (q.nature && d.nature !== q.nature) return false;
  if (q.from || q.to) {
    const day = registerDayOf(d);
    if ((q.from && day < q.from) || (q.to && day > q.to)) return false;
  }
  return true;
}

const collator = new Intl.Collator('it', { numeric: true, sensitivity: 'base' });

/**
 * Orders the register: by due date, by case number ("UPD-2026-9" before "UPD-2026-10") or by Comune name,
 * ties broken by due date so the most urgent comes first within a case or a Comune.
 */
export function sortRegister(items: RegisterEntry[], q: Pick<RegisterQuery, 'sort' | 'order'>, comuneNames: Map<string, string> = new Map()): RegisterEntry[] {
  const due = (a: RegisterEntry, b: RegisterEntry) => Date.parse(a.dueAt) - Date.parse(b.dueAt);
  const sign = q.order === 'desc' ? -1 : 1;
  const key: Record<RegisterSort, (d: RegisterEntry) => string> = {
    due: () => '',
    case: (d) => d.businessKey ?? d.processInstanceKey,
    comune: (d) => (d.comune ? (comuneNames.get(d.comune) ?? d.comune) : '\uffff'),
  };
  const by = key[q.sort];
  return [...items].sort((a, b) => sign * (collator.compare(by(a), by(b)) || due(a, b)));
}
