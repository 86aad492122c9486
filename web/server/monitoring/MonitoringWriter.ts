import type { Knex } from 'knex';
import type { EngineElementInstance, EngineIncidentEvent, EngineInstanceEvent } from '../audit/follower/EngineEventSource.js';
import type { CompletedStep, WaitingUserTask } from './MonitoringSource.js';
import { bucketOf, romeMonthOf } from './durationBuckets.js';

export const MONITORING_TABLES = [
  'monitoring_cases',
  'monitoring_case_counts',
  'monitoring_steps',
  'monitoring_duration_buckets',
  'monitoring_incidents',
  'monitoring_incident_counts',
  'monitoring_deadlines',
  'monitoring_deadline_counts',
  'monitoring_waiting_tasks',
  'monitoring_training',
] as const;

/** Elements with no duration of their own to watch: the process itself, gateways, start and end events, flows. */
const NOT_A_STEP = /^(PROCESS|.*GATEWAY|START_EVENT|END_EVENT|SEQUENCE_FLOW|BOUNDARY_EVENT)$/;
const CHUNK = 200;

export interface TrainingOutcome {
  codiceIstat?: unknown;
  codiceFiscale?: unknown;
  nominativo?: unknown;
  ore?: unknown;
  obiettivo?: unknown;
  raggiunto?: unknown;
  obbligatori?: Array<{ valido?: unknown }>;
}

const durationOf = (from?: string, to?: string): number | undefined => {
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
};

interface StepRow { element_instance_key: string; process_instance_key: string; process_id: string; element_id: string; comune: string; month: string; duration_ms: number }

/** A completed step worth a duration (not a gateway, event or flow), as its row; undefined otherwise. */
function stepRowOf(s: EngineElementInstance, processInstanceKey: string, processId: string, comune: string): StepRow | undefined {
  const ms = durationOf(s.startDate, s.endDate);
  if (s.state !== 'COMPLETED' || ms === undefined || NOT_A_STEP.test(s.type ?? '')) return undefined;
  return { element_instance_key: s.elementInstanceKey, process_instance_key: processInstanceKey, process_id: processId, element_id: s.elementId, comune, month: romeMonthOf(s.endDate!), duration_ms: ms };
}

async function bumpBuckets(trx: Knex, processId: string, comune: string, bump: Map<string, { element_id: string; month: string; bucket: number; count: number }>): Promise<void> {
  for (const b of bump.values()) {
    const key = { process_id: processId, element_id: b.element_id, comune, month: b.month, bucket: b.bucket };
    await trx('monitoring_duration_buckets')
      .insert({ ...key, count: b.count })
      .onConflict(['process_id', 'element_id', 'comune', 'month', 'bucket'])
      .merge({ count: trx.raw('?? + ?', ['monitoring_duration_buckets.count', b.count]) });
  }
}

/**
 * Steps not yet held, each with its histogram count: a step is counted once, whether it arrives from
 * the stream of completed steps (running cases too) or with its ended case.
 */
async function recordSteps(trx: Knex, rows: StepRow[]): Promise<void> {
  for (let n = 0; n < rows.length; n += CHUNK) {
    const chunk = rows.slice(n, n + CHUNK);
    const known = new Set((await trx('monitoring_steps').whereIn('element_instance_key', chunk.map((r) => r.element_instance_key)).pluck('element_instance_key')) as string[]);
    const fresh = chunk.filter((r, i) => !known.has(r.element_instance_key) && chunk.findIndex((o) => o.element_instance_key === r.element_instance_key) === i);
    if (fresh.length === 0) continue;
    await trx('monitoring_steps').insert(fresh);
    const groups = new Map<string, { processId: string; comune: string; bump: Map<string, { element_id: string; month: string; bucket: number; count: number }> }>();
    for (const r of fresh) {
      const g = groups.get(`${r.process_id}\u0000${r.comune}`) ?? { processId: r.process_id, comune: r.comune, bump: new Map() };
      groups.set(`${r.process_id}\u0000${r.comune}`, g);
      const bucket = bucketOf(r.duration_ms);
      const key = `${r.element_id}\u0000${r.month}\u0000${bucket}`;
      const b = g.bump.get(key) ?? { element_id: r.element_id, month: r.month, bucket, count: 0 };
      b.count++;
      g.bump.set(key, b);
    }
    for (const g of groups.values()) await bumpBuckets(trx, g.processId, g.comune, g.bump);
  }
}

async function countCase(trx: Knex, processId: string, comune: string, month: string, column: 'opened' | 'closed', by: number): Promise<void> {
  await trx('monitoring_case_counts')
    .insert({ process_id: processId, comune, month, opened: column === 'opened' ? by : 0, closed: column === 'closed' ? by : 0 })
    .onConflict(['process_id', 'comune', 'month'])
    .merge({ [column]: trx.raw('?? + ?', [`monitoring_case_counts.${column}`, by]) });
}

/** Writes the monitoring aggregates; every write is idempotent, so a batch read twice counts once. */
export class MonitoringWriter {
  constructor(private readonly knex: Knex) {}

  async reset(): Promise<void> {
    await this.knex.transaction(async (trx) => {
      for (const table of MONITORING_TABLES) await trx(table).delete();
    });
  }

  async casesStarted(items: EngineInstanceEvent[], comuni: Map<string, string>, numbers: Map<string, string> = new Map()): Promise<void> {
    const rows = items
      .filter((i) => i.startDate)
      .map((i) => ({
        process_instance_key: i.processInstanceKey,
        process_id: i.processDefinitionId,
        comune: comuni.get(i.processInstanceKey) ?? '',
        case_number: numbers.get(i.processInstanceKey) ?? null,
        started_at: i.startDate!,
        opened_month: romeMonthOf(i.startDate!),
      }));
    for (let n = 0; n < rows.length; n += CHUNK) {
      const chunk = rows.slice(n, n + CHUNK);
      await this.knex.transaction(async (trx) => {
        const known = new Set((await trx('monitoring_cases').whereIn('process_instance_key', chunk.map((r) => r.process_instance_key)).pluck('process_instance_key')) as string[]);
        const fresh = chunk.filter((r) => !known.has(r.process_instance_key));
        if (fresh.length === 0) return;
        await trx('monitoring_cases').insert(fresh);
        for (const r of fresh) await countCase(trx, r.process_id, r.comune, r.opened_month, 'opened', 1);
      });
    }
  }

  /**
   * One ended case: its row, its completed steps and their histogram, in one transaction. A case
   * already ended in the table is left alone (read again after a restart), so nothing counts twice.
   */
  async caseEnded(instance: EngineInstanceEvent, comune: string, steps: EngineElementInstance[], caseNumber?: string): Promise<boolean> {
    if (!instance.endDate) return false;
    const start = instance.startDate ?? instance.endDate;
    return this.knex.transaction(async (trx) => {
      const existing = (await trx('monitoring_cases').where({ process_instance_key: instance.processInstanceKey }).first()) as { ended_at: string | null; comune: string } | undefined;
      if (existing?.ended_at) return false;
      const place = comune || existing?.comune || '';
      const closedMonth = romeMonthOf(instance.endDate!);
      const duration = durationOf(start, instance.endDate) ?? 0;
      const ended = { ended_at: instance.endDate, closed_month: closedMonth, end_state: instance.state, duration_ms: duration, comune: place, ...(caseNumber ? { case_number: caseNumber } : {}) };
      if (existing) {
        await trx('monitoring_cases').where({ process_instance_key: instance.processInstanceKey }).update(ended);
        // The Comune became known after the start: the opening moves to it.
        if (existing.comune !== place) {
          await countCase(trx, instance.processDefinitionId, existing.comune, romeMonthOf(start), 'opened', -1);
          await countCase(trx, instance.processDefinitionId, place, romeMonthOf(start), 'opened', 1);
        }
      } else {
        await trx('monitoring_cases').insert({ process_instance_key: instance.processInstanceKey, process_id: instance.processDefinitionId, started_at: start, opened_month: romeMonthOf(start), ...ended });
        await countCase(trx, instance.processDefinitionId, place, romeMonthOf(start), 'opened', 1);
      }
      await countCase(trx, instance.processDefinitionId, place, closedMonth, 'closed', 1);
      // Only a completed case has an end-to-end duration; a cancelled one counts as closed.
      if (instance.state === 'COMPLETED') await bumpBuckets(trx, instance.processDefinitionId, place, new Map([['', { element_id: '', month: closedMonth, bucket: bucketOf(duration), count: 1 }]]));
      // Steps the stream of completed steps has not brought yet (already counted ones are left alone).
      await recordSteps(trx, steps.flatMap((s) => stepRowOf(s, instance.processInstanceKey, instance.processDefinitionId, place) ?? []));
      return true;
    });
  }

  /** Completed steps of any case, running or ended, each counted once in the month it ended. */
  async stepsCompleted(steps: CompletedStep[], comuni: Map<string, string>): Promise<void> {
    const rows = steps.flatMap((s) => stepRowOf(s, s.processInstanceKey, s.processDefinitionId, comuni.get(s.processInstanceKey) ?? '') ?? []);
    if (rows.length > 0) await this.knex.transaction((trx) => recordSteps(trx, rows));
  }

  /** Case numbers that became known after the start (a first step assigns them). */
  async caseNumbers(numbers: Map<string, string>): Promise<void> {
    for (const [key, number] of numbers) await this.knex('monitoring_cases').where({ process_instance_key: key }).whereNull('case_number').update({ case_number: number });
  }

  async incidents(items: EngineIncidentEvent[], comuni: Map<string, string>): Promise<void> {
    const rows = items
      .filter((i) => i.creationTime && i.processInstanceKey)
      .map((i) => ({
        incident_key: i.incidentKey,
        process_instance_key: i.processInstanceKey!,
        process_id: i.processDefinitionId ?? '',
        comune: comuni.get(i.processInstanceKey!) ?? '',
        element_id: i.elementId ?? '',
        error_type: (i.errorType ?? '').slice(0, 100),
        created_at: i.creationTime!,
        month: romeMonthOf(i.creationTime!),
      }));
    for (let n = 0; n < rows.length; n += CHUNK) {
      const chunk = rows.slice(n, n + CHUNK);
      await this.knex.transaction(async (trx) => {
        const known = new Set((await trx('monitoring_incidents').whereIn('incident_key', chunk.map((r) => r.incident_key)).pluck('incident_key')) as string[]);
        const fresh = chunk.filter((r) => !known.has(r.incident_key));
        if (fresh.length === 0) return;
        const piks = [...new Set(fresh.map((r) => r.process_instance_key))];
        const hadIncident = new Set((await trx('monitoring_incidents').whereIn('process_instance_key', piks).distinct('process_instance_key').pluck('process_instance_key')) as string[]);
        const cases = new Map(((await trx('monitoring_cases').whereIn('process_instance_key', piks).select('process_instance_key', 'process_id', 'comune', 'opened_month')) as Array<{ process_instance_key: string; process_id: string; comune: string; opened_month: string }>).map((c) => [c.process_instance_key, c]));
        await trx('monitoring_incidents').insert(fresh);
        for (const r of fresh) {
          // Counted in the month the case opened, so the rate is of the cases opened that month.
          const c = cases.get(r.process_instance_key);
          const key = { process_id: c?.process_id ?? r.process_id, comune: c?.comune ?? r.comune, month: c?.opened_month ?? r.month };
          const first = !hadIncident.has(r.process_instance_key);
          hadIncident.add(r.process_instance_key);
          await trx('monitoring_incident_counts')
            .insert({ ...key, incidents: 1, cases_with_incident: first ? 1 : 0 })
            .onConflict(['process_id', 'comune', 'month'])
            .merge({ incidents: trx.raw('?? + 1', ['monitoring_incident_counts.incidents']), cases_with_incident: trx.raw('?? + ?', ['monitoring_incident_counts.cases_with_incident', first ? 1 : 0]) });
        }
      });
    }
  }

  /** Deadline outcomes not yet held (keyed by their audit entry), each counted once. */
  async deadlines(rows: Array<{ audit_seq: number; process_id: string; comune: string; element_id: string; nature: string; met: boolean; month: string } & Record<string, unknown>>): Promise<void> {
    if (rows.length === 0) return;
    await this.knex.transaction(async (trx) => {
      const known = new Set(((await trx('monitoring_deadlines').whereIn('audit_seq', rows.map((r) => r.audit_seq)).pluck('audit_seq')) as Array<number | string>).map(Number));
      const fresh = rows.filter((r) => !known.has(r.audit_seq));
      for (let n = 0; n < fresh.length; n += CHUNK) await trx('monitoring_deadlines').insert(fresh.slice(n, n + CHUNK));
      for (const r of fresh) {
        const column = r.met ? 'met' : 'missed';
        await trx('monitoring_deadline_counts')
          .insert({ process_id: r.process_id, comune: r.comune, element_id: r.element_id, nature: r.nature, month: r.month, met: r.met ? 1 : 0, missed: r.met ? 0 : 1 })
          .onConflict(['process_id', 'comune', 'element_id', 'nature', 'month'])
          .merge({ [column]: trx.raw('?? + 1', [`monitoring_deadline_counts.${column}`]) });
      }
    });
  }

  async training(processInstanceKey: string, anno: number, outcomes: TrainingOutcome[]): Promise<void> {
    const rows = outcomes
      .filter((o) => typeof o.codiceFiscale === 'string' && Number.isFinite(Number(o.ore)))
      .map((o) => ({
        process_instance_key: processInstanceKey,
        codice_fiscale: String(o.codiceFiscale).slice(0, 16),
        anno,
        comune: typeof o.codiceIstat === 'string' || typeof o.codiceIstat === 'number' ? String(o.codiceIstat).slice(0, 6) : '',
        nominativo: typeof o.nominativo === 'string' ? o.nominativo.slice(0, 200) : '',
        ore: Number(o.ore),
        obiettivo: Number.isFinite(Number(o.obiettivo)) ? Number(o.obiettivo) : 40,
        raggiunto: o.raggiunto === true,
        obbligatori_validi: (o.obbligatori ?? []).filter((c) => c?.valido === true).length,
        obbligatori_totali: (o.obbligatori ?? []).length,
      }));
    for (let n = 0; n < rows.length; n += CHUNK) await this.knex('monitoring_training').insert(rows.slice(n, n + CHUNK)).onConflict(['process_instance_key', 'codice_fiscale']).ignore();
  }

  /** Replaces the snapshot of waiting work with what the engine shows now. */
  async replaceWaiting(tasks: WaitingUserTask[]): Promise<void> {
    const cases = new Map<string, { process_id: string; comune: string }>();
    const keys = [...new Set(tasks.map((t) => t.processInstanceKey))];
    for (let n = 0; n < keys.length; n += CHUNK) {
      for (const r of (await this.knex('monitoring_cases').whereIn('process_instance_key', keys.slice(n, n + CHUNK)).select('process_instance_key', 'process_id', 'comune')) as Array<{ process_instance_key: string; process_id: string; comune: string }>) {
        cases.set(r.process_instance_key, r);
      }
    }
    const rows = tasks.flatMap((t) =>
      (t.candidateGroups.length > 0 ? t.candidateGroups : ['']).map((group) => ({
        user_task_key: t.userTaskKey,
        candidate_group: group,
        process_instance_key: t.processInstanceKey,
        process_id: t.processDefinitionId ?? cases.get(t.processInstanceKey)?.process_id ?? '',
        element_id: t.elementId ?? '',
        comune: cases.get(t.processInstanceKey)?.comune ?? '',
        created_at: t.creationDate ?? new Date().toISOString(),
      })),
    );
    await this.knex.transaction(async (trx) => {
      await trx('monitoring_waiting_tasks').delete();
      for (let n = 0; n < rows.length; n += CHUNK) await trx('monitoring_waiting_tasks').insert(rows.slice(n, n + CHUNK));
    });
  }
}
