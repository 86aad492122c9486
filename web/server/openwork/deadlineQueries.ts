import type { Knex } from 'knex';
import { Temporal } from 'temporal-polyfill';
import { comuneScopeOf } from '../auth/InstanceScope.js';
import { visibleProcessIds, type UserAccess } from '../auth/roles.js';
import { deadlineStatus, DUE_SOON_DAYS, ROME } from '../deadlines/deadlineStatus.js';
import type { RegisterQuery } from '../deadlines/registerQuery.js';
import type { DeadlineStatus, RegisterEntry } from '../../shared/deadlineTypes.js';
import { holdsAny, processAllowed, processFilter } from './visibility.js';

/**
 * The open deadlines this user may see: the case's process among their services and the case in their
 * Comuni; for a called process's deadline listed under the case, that process and its instance too. A
 * deadline no element watches is listed until it passes.
 */
function visibleTo(knex: Knex, user: UserAccess, nowMs: number): Knex.QueryBuilder {
  const q = knex('open_deadlines as d');
  const allowed = visibleProcessIds(user);
  const comuni = comuneScopeOf(user);
  processAllowed(q, 'd.process_definition_id', allowed);
  if (comuni !== 'all') holdsAny(q, 'd.scope_comuni', comuni);
  q.where((w) => {
    w.whereNull('d.called_process_definition_id').orWhere((c) => {
      processAllowed(c, 'd.called_process_definition_id', allowed);
      if (comuni !== 'all') holdsAny(c, 'd.called_scope_comuni', comuni);
    });
  });
  q.where((w) => w.where('d.until_due', false).orWhere('d.due_ms', '>', nowMs));
  return q;
}

/** Every filter but the status, so the counts per status describe what the other filters selected. */
function filtered(q: Knex.QueryBuilder, query: RegisterQuery): Knex.QueryBuilder {
  processFilter(q, 'd.process_definition_id', query.process);
  if (query.comune) q.where('d.comune', query.comune);
  if (query.nature) q.where('d.nature', query.nature);
  if (query.from) q.where('d.register_day', '>=', query.from);
  if (query.to) q.where('d.register_day', '<=', query.to);
  return q;
}

/** The status of deadlineStatus() in SQL: overdue once due, "soon" when the register's day is at most 5 days away. */
function withStatus(q: Knex.QueryBuilder, status: DeadlineStatus, nowMs: number, soonDay: string): Knex.QueryBuilder {
  if (status === 'overdue') return q.where('d.due_ms', '<=', nowMs);
  q.where('d.due_ms', '>', nowMs);
  return status === 'soon' ? q.where('d.register_day', '<=', soonDay) : q.where('d.register_day', '>', soonDay);
}

function ordered(q: Knex.QueryBuilder, query: RegisterQuery): Knex.QueryBuilder {
  const dir = query.order === 'desc' ? 'desc' : 'asc';
  if (query.sort === 'case') q.orderBy('d.case_sort', dir);
  else if (query.sort === 'comune') {
    // By the Comune's name (its code when the name is unknown), deadlines without a Comune after the others.
    q.leftJoin('comuni as c', 'c.codice_istat', 'd.comune')
      .orderByRaw(`(d.comune is null) ${dir}`)
      .orderByRaw(`lower(coalesce(c.nome, d.comune)) ${dir}`);
  }
  return q.orderBy('d.due_ms', dir).orderBy('d.id', 'asc');
}

export interface RegisterPage {
  items: RegisterEntry[];
  total: number;
  counts: Record<DeadlineStatus, number>;
  facets: { processes: Array<{ id: string; name: string }>; comuni: string[] };
}

/** The register after the filters in the order asked: one page (or every row, `page` absent, for the CSV), the total, the counts per status and the filters' choices. */
export async function registerPage(knex: Knex, user: UserAccess, query: RegisterQuery, page: { page: number; pageSize: number } | undefined, now: Date): Promise<RegisterPage> {
  const nowMs = now.getTime();
  const soonDay = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(ROME).toPlainDate().add({ days: DUE_SOON_DAYS }).toString();
  // The three statuses counted in one pass, as withStatus() selects them.
  const counting = filtered(visibleTo(knex, user, nowMs), query).select(
    knex.raw('sum(case when d.due_ms <= ? then 1 else 0 end) as overdue', [nowMs]),
    knex.raw('sum(case when d.due_ms > ? and d.register_day <= ? then 1 else 0 end) as soon', [nowMs, soonDay]),
    knex.raw('sum(case when d.due_ms > ? and d.register_day > ? then 1 else 0 end) as ok', [nowMs, soonDay]),
  ) as Promise<Array<Record<DeadlineStatus, number | string | null>>>;
  const listed = () => {
    const q = filtered(visibleTo(knex, user, nowMs), query);
    return query.status ? withStatus(q, query.status, nowMs, soonDay) : q;
  };
  const pageQuery = ordered(listed(), query).select('d.entry');
  if (page) pageQuery.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const [[counted], processes, comuni, rows] = await Promise.all([
    counting,
    visibleTo(knex, user, nowMs).distinct('d.process_definition_id as id', 'd.process_name as name') as Promise<Array<{ id: string; name: string }>>,
    visibleTo(knex, user, nowMs).leftJoin('comuni as c', 'c.codice_istat', 'd.comune').distinct('d.comune as code', 'c.nome as name').whereNotNull('d.comune') as Promise<Array<{ code: string; name: string | null }>>,
    pageQuery as Promise<Array<{ entry: string }>>,
  ]);
  const counts = { ok: Number(counted?.ok ?? 0), soon: Number(counted?.soon ?? 0), overdue: Number(counted?.overdue ?? 0) };
  const items = rows.map((r) => {
    const entry = JSON.parse(r.entry) as Omit<RegisterEntry, 'daysLeft' | 'status'>;
    return { ...entry, ...deadlineStatus(entry.dueAt, entry.lastDay, now) } as RegisterEntry;
  });
  return {
    items,
    total: query.status ? counts[query.status] : counts.ok + counts.soon + counts.overdue,
    counts,
    facets: {
      processes: uniqueById(processes).sort((a, b) => a.name.localeCompare(b.name, 'it')),
      comuni: comuni.sort((a, b) => (a.name ?? a.code).localeCompare(b.name ?? b.code, 'it')).map((c) => c.code),
    },
  };
}

function uniqueById(items: Array<{ id: string; name: string }>): Array<{ id: string; name: string }> {
  const seen = new Map<string, { id: string; name: string }>();
  for (const i of items) if (!seen.has(i.id)) seen.set(i.id, i);
  return [...seen.values()];
}
