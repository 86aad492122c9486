import type { Knex } from 'knex';
import { quantileOfBuckets } from './durationBuckets.js';

/** Whose figures a user reads: every Comune, or only these (applied in SQL, never after the fact). */
export interface MonitoringScope {
  comuni: 'all' | string[];
}

/** A period in months 'YYYY-MM' (inclusive), a procedure, a Comune. */
export interface MonitoringFilter {
  processId?: string;
  from?: string;
  to?: string;
  comune?: string;
}

export interface VolumeRow { month: string; processId: string; comune: string; opened: number; closed: number }
export interface DurationRow { processId: string; elementId: string; count: number; p50Ms: number; p90Ms: number }
export interface WaitingRow { candidateGroup: string; count: number; oldest: string; upTo1Day: number; upTo7Days: number; upTo30Days: number; over30Days: number }
export interface IncidentRow { month: string; processId: string; cases: number; casesWithIncident: number; incidents: number; incidentFreePercent: number }
export interface DeadlineRow { processId: string; comune: string; elementId: string; nature: string; met: number; missed: number }
export interface TrainingRow { comune: string; anno: number; dipendenti: number; obiettivoRaggiunto: number; oreMedie: number; obbligatoriValidi: number; obbligatoriTotali: number }
export interface InProgressRow { processId: string; elementId: string; count: number; oldest: string; oldestAgeMs: number; over30Days: number }
export interface CaseRow { processInstanceKey: string; caseNumber: string | null; processId: string; comune: string; detail: string; at: string }
export interface CasePage { items: CaseRow[]; total: number; page: number; pageSize: number }
export const CASE_PAGE_SIZE = 50;

const DAY = 86_400_000;
const num = (v: unknown): number => Number(v ?? 0);

/** Reads the aggregates; every query is bounded by the scope in its WHERE clause. */
export class MonitoringQueries {
  constructor(private readonly knex: Knex) {}

  private where(q: Knex.QueryBuilder, scope: MonitoringScope, filter: MonitoringFilter, monthColumn: string | undefined, table = ''): Knex.QueryBuilder {
    const col = (c: string) => (table ? `${table}.${c}` : c);
    if (scope.comuni !== 'all') q.whereIn(col('comune'), scope.comuni.length > 0 ? scope.comuni : ['-']);
    if (filter.comune) q.where(col('comune'), filter.comune);
    if (filter.processId) q.where(col('process_id'), filter.processId);
    if (monthColumn && filter.from) q.where(col(monthColumn), '>=', filter.from);
    if (monthColumn && filter.to) q.where(col(monthColumn), '<=', filter.to);
    return q;
  }

  async volumes(scope: MonitoringScope, filter: MonitoringFilter): Promise<VolumeRow[]> {
    const rows = (await this.where(this.knex('monitoring_case_counts'), scope, filter, 'month')
      .where((q) => q.where('opened', '>', 0).orWhere('closed', '>', 0))
      .select({ month: 'month', processId: 'process_id', comune: 'comune', opened: 'opened', closed: 'closed' })
      .orderBy(['month', 'process_id', 'comune'])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ month: String(r.month), processId: String(r.processId), comune: String(r.comune), opened: num(r.opened), closed: num(r.closed) }));
  }

  /** p50/p90 per procedure (elementId '') and per step, slowest step first: the bottlenecks. */
  async durations(scope: MonitoringScope, filter: MonitoringFilter): Promise<DurationRow[]> {
    const rows = (await this.where(this.knex('monitoring_duration_buckets'), scope, filter, 'month')
      .groupBy('process_id', 'element_id', 'bucket')
      .select({ processId: 'process_id', elementId: 'element_id', bucket: 'bucket' })
      .sum({ n: 'count' })) as Array<{ processId: string; elementId: string; bucket: number; n: unknown }>;
    const groups = new Map<string, { processId: string; elementId: string; buckets: Array<{ bucket: number; count: number }> }>();
    for (const r of rows) {
      const key = `${r.processId}|${r.elementId}`;
      if (!groups.has(key)) groups.set(key, { processId: r.processId, elementId: r.elementId, buckets: [] });
      groups.get(key)!.buckets.push({ bucket: num(r.bucket), count: num(r.n) });
    }
    return [...groups.values()]
      .map((g) => ({ processId: g.processId, elementId: g.elementId, count: g.buckets.reduce((n, b) => n + b.count, 0), p50Ms: quantileOfBuckets(g.buckets, 0.5)!, p90Ms: quantileOfBuckets(g.buckets, 0.9)! }))
      .sort((a, b) => (a.elementId === '' ? -1 : 0) - (b.elementId === '' ? -1 : 0) || b.p90Ms - a.p90Ms || a.elementId.localeCompare(b.elementId));
  }

  /**
   * The steps in progress now, with their ageing: the user tasks waiting (the follower's snapshot), per
   * procedure and step, how many and since when the oldest waits. Apart from the durations, which are
   * of completed steps only (of ended and running cases alike).
   */
  async inProgress(scope: MonitoringScope, filter: MonitoringFilter, now = new Date()): Promise<InProgressRow[]> {
    const rows = (await this.where(this.knex('monitoring_waiting_tasks'), scope, { ...filter, from: undefined, to: undefined }, undefined)
      .groupBy('process_id', 'element_id')
      .select({ processId: 'process_id', elementId: 'element_id' })
      .countDistinct({ n: 'user_task_key' })
      .min({ oldest: 'created_at' })
      .select(this.knex.raw('count(distinct case when created_at < ? then user_task_key end) as older', [new Date(now.getTime() - 30 * DAY).toISOString()]))) as Array<Record<string, unknown>>;
    return rows
      .map((r) => ({ processId: String(r.processId), elementId: String(r.elementId), count: num(r.n), oldest: String(r.oldest), oldestAgeMs: Math.max(0, now.getTime() - Date.parse(String(r.oldest))), over30Days: num(r.older) }))
      .sort((a, b) => b.oldestAgeMs - a.oldestAgeMs || a.processId.localeCompare(b.processId) || a.elementId.localeCompare(b.elementId));
  }

  /** Work waiting now per candidate group, by age. */
  async waiting(scope: MonitoringScope, filter: MonitoringFilter, now = new Date()): Promise<WaitingRow[]> {
    const before = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    const rows = (await this.where(this.knex('monitoring_waiting_tasks'), scope, { ...filter, from: undefined, to: undefined }, undefined)
      .groupBy('candidate_group')
      .select({ candidateGroup: 'candidate_group' })
      .count({ n: '*' })
      .min({ oldest: 'created_at' })
      .select(this.knex.raw('sum(case when created_at >= ? then 1 else 0 end) as d1', [before(1)]))
      .select(this.knex.raw('sum(case when created_at < ? and created_at >= ? then 1 else 0 end) as d7', [before(1), before(7)]))
      .select(this.knex.raw('sum(case when created_at < ? and created_at >= ? then 1 else 0 end) as d30', [before(7), before(30)]))
      .select(this.knex.raw('sum(case when created_at < ? then 1 else 0 end) as older', [before(30)]))
      .orderBy('candidate_group')) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ candidateGroup: String(r.candidateGroup), count: num(r.n), oldest: String(r.oldest), upTo1Day: num(r.d1), upTo7Days: num(r.d7), upTo30Days: num(r.d30), over30Days: num(r.older) }));
  }

  /** Per procedure and month of opening: cases, cases that met an incident, incidents, incident-free rate. */
  async incidents(scope: MonitoringScope, filter: MonitoringFilter): Promise<IncidentRow[]> {
    const cases = (await this.where(this.knex('monitoring_case_counts'), scope, filter, 'month')
      .groupBy('month', 'process_id')
      .select({ month: 'month', processId: 'process_id' })
      .sum({ n: 'opened' })) as Array<{ month: string; processId: string; n: unknown }>;
    const hit = (await this.where(this.knex('monitoring_incident_counts'), scope, filter, 'month')
      .groupBy('month', 'process_id')
      .select({ month: 'month', processId: 'process_id' })
      .sum({ c: 'cases_with_incident', n: 'incidents' })) as Array<{ month: string; processId: string; c: unknown; n: unknown }>;
    const byKey = new Map(hit.map((h) => [`${h.month}|${h.processId}`, h]));
    return cases
      .filter((c) => num(c.n) > 0)
      .map((c) => {
        const h = byKey.get(`${c.month}|${c.processId}`);
        const total = num(c.n);
        const withIncident = num(h?.c);
        return { month: c.month, processId: c.processId, cases: total, casesWithIncident: withIncident, incidents: num(h?.n), incidentFreePercent: total === 0 ? 100 : Math.round(((total - withIncident) / total) * 1000) / 10 };
      })
      .sort((a, b) => a.month.localeCompare(b.month) || a.processId.localeCompare(b.processId));
  }

  /** Legal deadlines met and missed, perentorio and ordinatorio apart, per Comune and step (month of the due date). */
  async deadlines(scope: MonitoringScope, filter: MonitoringFilter): Promise<DeadlineRow[]> {
    const rows = (await this.where(this.knex('monitoring_deadline_counts'), scope, filter, 'month')
      .groupBy('process_id', 'comune', 'element_id', 'nature')
      .select({ processId: 'process_id', comune: 'comune', elementId: 'element_id', nature: 'nature' })
      .sum({ met: 'met', missed: 'missed' })
      .orderBy(['process_id', 'comune', 'element_id', 'nature'])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ processId: String(r.processId), comune: String(r.comune), elementId: String(r.elementId), nature: String(r.nature), met: num(r.met), missed: num(r.missed) }));
  }

  /** Hours against the 40-hour target and mandatory training still valid, per Comune and year. */
  async training(scope: MonitoringScope, filter: MonitoringFilter & { anno?: number }): Promise<TrainingRow[]> {
    const q = this.where(this.knex('monitoring_training'), scope, { comune: filter.comune }, undefined);
    if (filter.anno) q.where('anno', filter.anno);
    const rows = (await q
      .groupBy('comune', 'anno')
      .select({ comune: 'comune', anno: 'anno' })
      .count({ n: '*' })
      .avg({ ore: 'ore' })
      .sum({ validi: 'obbligatori_validi', totali: 'obbligatori_totali' })
      .select(this.knex.raw('sum(case when raggiunto then 1 else 0 end) as raggiunti'))
      .orderBy(['anno', 'comune'])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ comune: String(r.comune), anno: num(r.anno), dipendenti: num(r.n), obiettivoRaggiunto: num(r.raggiunti), oreMedie: Math.round(num(r.ore) * 100) / 100, obbligatoriValidi: num(r.validi), obbligatoriTotali: num(r.totali) }));
  }

  /** The employees behind a Comune's training figure. */
  async trainingEmployees(scope: MonitoringScope, comune: string, anno?: number): Promise<Array<{ codiceFiscale: string; nominativo: string; anno: number; ore: number; obiettivo: number; raggiunto: boolean; obbligatoriValidi: number; obbligatoriTotali: number; processInstanceKey: string }>> {
    const q = this.where(this.knex('monitoring_training'), scope, { comune }, undefined);
    if (anno) q.where('anno', anno);
    const rows = (await q.orderBy(['anno', 'nominativo']).limit(2000)) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ codiceFiscale: String(r.codice_fiscale), nominativo: String(r.nominativo), anno: num(r.anno), ore: num(r.ore), obiettivo: num(r.obiettivo), raggiunto: Boolean(r.raggiunto), obbligatoriValidi: num(r.obbligatori_validi), obbligatoriTotali: num(r.obbligatori_totali), processInstanceKey: String(r.process_instance_key) }));
  }

  /** The cases behind one figure, a page at a time with the total (newest first; steps longest first). */
  async cases(scope: MonitoringScope, filter: MonitoringFilter, figure: CaseFigure, paging: { page?: number; pageSize?: number } = {}): Promise<CasePage> {
    const page = Math.max(1, paging.page ?? 1);
    const pageSize = Math.max(1, paging.pageSize ?? CASE_PAGE_SIZE);
    const { query, columns, order } = this.figureQuery(scope, filter, figure);
    const [{ n }] = (await query.clone().count({ n: '*' })) as Array<{ n: unknown }>;
    const rows = (await query
      .leftJoin('monitoring_cases as mc', 'mc.process_instance_key', `${columns.table}.process_instance_key`)
      .select({ pik: `${columns.table}.process_instance_key`, pid: `${columns.table}.process_id`, comune: `${columns.table}.comune`, detail: `${columns.table}.${columns.detail}`, at: `${columns.table}.${columns.at}`, number: 'mc.case_number' })
      .orderBy([...order.map(([c, o]) => ({ column: `${columns.table}.${c}`, order: o })), { column: `${columns.table}.process_instance_key`, order: 'asc' }])
      .offset((page - 1) * pageSize)
      .limit(pageSize)) as Array<Record<string, unknown>>;
    const items = rows.map((r) => ({ processInstanceKey: String(r.pik), caseNumber: r.number ? String(r.number) : null, processId: String(r.pid), comune: String(r.comune ?? ''), detail: String(r.detail ?? ''), at: String(r.at ?? '') }));
    return { items, total: num(n), page, pageSize };
  }

  private figureQuery(scope: MonitoringScope, filter: MonitoringFilter, figure: CaseFigure): { query: Knex.QueryBuilder; columns: { table: string; detail: string; at: string }; order: Array<[string, 'asc' | 'desc']> } {
    switch (figure.kind) {
      case 'opened':
      case 'closed': {
        const month = figure.kind === 'opened' ? 'opened_month' : 'closed_month';
        const q = this.where(this.knex('monitoring_cases as f'), scope, filter, month, 'f');
        if (figure.kind === 'closed') q.whereNotNull('f.closed_month');
        const at = figure.kind === 'opened' ? 'started_at' : 'ended_at';
        return { query: q, columns: { table: 'f', detail: 'end_state', at }, order: [[at, 'desc']] };
      }
      case 'step': {
        const q = this.where(this.knex('monitoring_steps as f'), scope, filter, 'month', 'f');
        if (figure.elementId) q.where('f.element_id', figure.elementId);
        return { query: q, columns: { table: 'f', detail: 'duration_ms', at: 'month' }, order: [['duration_ms', 'desc']] };
      }
      case 'incident':
        return { query: this.where(this.knex('monitoring_incidents as f'), scope, filter, 'month', 'f'), columns: { table: 'f', detail: 'error_type', at: 'created_at' }, order: [['created_at', 'desc']] };
      case 'deadline': {
        const q = this.where(this.knex('monitoring_deadlines as f'), scope, filter, 'month', 'f');
        if (figure.elementId !== undefined) q.where('f.element_id', figure.elementId);
        if (figure.nature !== undefined) q.where('f.nature', figure.nature);
        if (figure.met !== undefined) q.where('f.met', figure.met);
        return { query: q, columns: { table: 'f', detail: 'variable', at: 'due_at' }, order: [['due_at', 'desc']] };
      }
      case 'waiting': {
        const q = this.where(this.knex('monitoring_waiting_tasks as f'), scope, { ...filter, from: undefined, to: undefined }, undefined, 'f');
        if (figure.candidateGroup !== undefined) q.where('f.candidate_group', figure.candidateGroup);
        // a task any of several groups may claim: once, not once per group
        else q.whereRaw('f.candidate_group = (select min(w.candidate_group) from monitoring_waiting_tasks w where w.user_task_key = f.user_task_key)');
        if (figure.elementId !== undefined) q.where('f.element_id', figure.elementId);
        return { query: q, columns: { table: 'f', detail: 'element_id', at: 'created_at' }, order: [['created_at', 'asc']] };
      }
    }
  }
}

export type CaseFigure =
  | { kind: 'opened' | 'closed' | 'incident' }
  | { kind: 'step'; elementId?: string }
  | { kind: 'deadline'; elementId?: string; nature?: string; met?: boolean }
  | { kind: 'waiting'; candidateGroup?: string; elementId?: string };
