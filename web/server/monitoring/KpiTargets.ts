import type { Knex } from 'knex';
import type { MonitoringScope } from './MonitoringQueries.js';

const DAY = 86_400_000;
const ID = /^[A-Za-z_][\w.-]{0,199}$/;

export interface KpiTarget {
  id: number;
  name: string;
  processId: string;
  /** '' for the whole case */
  elementId: string;
  maxDays: number;
  targetPercent: number;
  createdBy: string;
  createdAt: string;
}

export interface KpiMonth { month: string; total: number; within: number; percent: number; met: boolean }
export interface KpiEvaluation extends KpiTarget { total: number; within: number; percent: number; met: boolean; trend: KpiMonth[] }

/** A bad target: says which field and why, and nothing is stored. */
export class InvalidKpiTargetError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function requireInteger(body: Record<string, unknown>, field: string, min: number, max: number): number {
  const v = body[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new InvalidKpiTargetError(field, `${field} deve essere un intero tra ${min} e ${max}`);
  return v;
}

export function parseKpiTarget(body: unknown): Omit<KpiTarget, 'id' | 'createdBy' | 'createdAt'> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InvalidKpiTargetError('body', 'il corpo della richiesta deve essere un oggetto JSON');
  const b = body as Record<string, unknown>;
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (name.length === 0 || name.length > 200) throw new InvalidKpiTargetError('name', 'name: un nome da 1 a 200 caratteri');
  if (typeof b.processId !== 'string' || !ID.test(b.processId)) throw new InvalidKpiTargetError('processId', 'processId: l\u2019id BPMN del processo');
  const elementId = b.elementId === undefined || b.elementId === '' ? '' : b.elementId;
  if (typeof elementId !== 'string' || (elementId !== '' && !ID.test(elementId))) throw new InvalidKpiTargetError('elementId', 'elementId: l\u2019id BPMN della fase, o vuoto per l\u2019intero procedimento');
  const known = new Set(['name', 'processId', 'elementId', 'maxDays', 'targetPercent']);
  const unknown = Object.keys(b).find((k) => !known.has(k));
  if (unknown) throw new InvalidKpiTargetError(unknown, `campo sconosciuto: ${unknown}`);
  return { name, processId: b.processId, elementId, maxDays: requireInteger(b, 'maxDays', 1, 3650), targetPercent: requireInteger(b, 'targetPercent', 1, 100) };
}

const fromRow = (r: Record<string, unknown>): KpiTarget => ({ id: Number(r.id), name: String(r.name), processId: String(r.process_id), elementId: String(r.element_id), maxDays: Number(r.max_days), targetPercent: Number(r.target_percent), createdBy: String(r.created_by), createdAt: String(r.created_at) });

/**
 * KPI targets ("contestazione entro 20 giorni nel 90% dei casi", migration 0018) and their
 * evaluation: of the steps (or cases) ended in each month, how many within the days allowed.
 */
export class KpiTargets {
  constructor(private readonly knex: Knex) {}

  async list(): Promise<KpiTarget[]> {
    return ((await this.knex('monitoring_kpi_targets').orderBy('id')) as Array<Record<string, unknown>>).map(fromRow);
  }

  async create(input: Omit<KpiTarget, 'id' | 'createdBy' | 'createdAt'>, createdBy: string): Promise<KpiTarget> {
    const row = { name: input.name, process_id: input.processId, element_id: input.elementId, max_days: input.maxDays, target_percent: input.targetPercent, created_by: createdBy, created_at: new Date().toISOString() };
    const [inserted] = (await this.knex('monitoring_kpi_targets').insert(row).returning('id')) as Array<{ id: number } | number>;
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return fromRow({ id, ...row });
  }

  async get(id: number): Promise<KpiTarget | undefined> {
    const row = (await this.knex('monitoring_kpi_targets').where({ id }).first()) as Record<string, unknown> | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The target with new terms (its author and creation time stay); undefined when there is none. */
  async update(id: number, input: Omit<KpiTarget, 'id' | 'createdBy' | 'createdAt'>): Promise<KpiTarget | undefined> {
    const changed = await this.knex('monitoring_kpi_targets').where({ id }).update({ name: input.name, process_id: input.processId, element_id: input.elementId, max_days: input.maxDays, target_percent: input.targetPercent });
    return changed > 0 ? this.get(id) : undefined;
  }

  async remove(id: number): Promise<boolean> {
    return (await this.knex('monitoring_kpi_targets').where({ id }).delete()) > 0;
  }

  async evaluate(scope: MonitoringScope, filter: { from?: string; to?: string; comune?: string }): Promise<KpiEvaluation[]> {
    const out: KpiEvaluation[] = [];
    for (const t of await this.list()) {
      const whole = t.elementId === '';
      const month = whole ? 'closed_month' : 'month';
      const q = whole ? this.knex('monitoring_cases').where({ process_id: t.processId, end_state: 'COMPLETED' }) : this.knex('monitoring_steps').where({ process_id: t.processId, element_id: t.elementId });
      if (scope.comuni !== 'all') q.whereIn('comune', scope.comuni.length > 0 ? scope.comuni : ['-']);
      if (filter.comune) q.where('comune', filter.comune);
      if (filter.from) q.where(month, '>=', filter.from);
      if (filter.to) q.where(month, '<=', filter.to);
      const rows = (await q
        .groupBy(month)
        .select({ month })
        .count({ n: '*' })
        .select(this.knex.raw('sum(case when duration_ms <= ? then 1 else 0 end) as within', [t.maxDays * DAY]))
        .orderBy(month)) as Array<{ month: string; n: unknown; within: unknown }>;
      const trend = rows.map((r) => {
        const total = Number(r.n);
        const within = Number(r.within ?? 0);
        const percent = total === 0 ? 0 : Math.round((within / total) * 1000) / 10;
        return { month: String(r.month), total, within, percent, met: total > 0 && percent >= t.targetPercent };
      });
      const total = trend.reduce((n, m) => n + m.total, 0);
      const within = trend.reduce((n, m) => n + m.within, 0);
      const percent = total === 0 ? 0 : Math.round((within / total) * 1000) / 10;
      out.push({ ...t, total, within, percent, met: total > 0 && percent >= t.targetPercent, trend });
    }
    return out;
  }
}
