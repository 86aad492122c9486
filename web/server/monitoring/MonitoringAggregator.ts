import type { Knex } from 'knex';
import type { EngineIncidentEvent, EngineInstanceEvent } from '../audit/follower/EngineEventSource.js';
import { EngineStream, type StreamDefinition } from '../audit/follower/EngineStream.js';
import { FollowerCursorStore } from '../audit/follower/FollowerCursorStore.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import type { CompletedStep, MonitoringSource } from './MonitoringSource.js';
import { MonitoringWriter, type TrainingOutcome } from './MonitoringWriter.js';
import { romeMonthOf } from './durationBuckets.js';

export interface MonitoringAggregatorOptions {
  /** items per REST page; default 500 */
  pageSize?: number;
  /** how often the snapshot of waiting work is taken again; default 10 s (0: every pass) */
  waitingIntervalMs?: number;
  log?: (line: string) => void;
}

/** The cursor whose absence means the aggregates start over (a new database, or one wiped by hand). */
const ORIGIN = 'monitoring-started';
const CURSORS = [ORIGIN, 'monitoring-steps', 'monitoring-completed', 'monitoring-terminated', 'monitoring-incidents', 'monitoring-deadlines'];
const ISTAT = /^\d{6}$/;

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Keeps the Monitoraggio aggregates (migration 0017) up to date, polled by the engine event
 * follower after its own streams: instances started, completed and cancelled, incidents, from the
 * Camunda REST API with a cursor per stream (the follower's EngineStream), and the steps completed,
 * running cases' too (a completed step of an open case counts as soon as it ends); deadlines met and missed
 * from the audit trail the follower writes; the waiting user tasks as a snapshot. With no cursor it
 * empties its tables and reads the whole history again.
 */
export class MonitoringAggregator {
  private readonly cursors: FollowerCursorStore;
  private readonly writer: MonitoringWriter;
  private readonly streams: Array<EngineStream<never>>;
  private checkedOrigin = false;
  private lastWaiting = 0;

  constructor(
    private readonly knex: Knex,
    private readonly source: MonitoringSource,
    private readonly options: MonitoringAggregatorOptions = {},
  ) {
    this.cursors = new FollowerCursorStore(knex);
    this.writer = new MonitoringWriter(knex);
    const pageSize = options.pageSize ?? 500;
    const stream = <T>(definition: StreamDefinition<T>) => new EngineStream<T>(definition, this.cursors, { pageSize, batchSize: pageSize, maxPending: pageSize * 4, graceMs: 0 });
    this.streams = [
      stream<EngineInstanceEvent>({ name: ORIGIN, read: (p) => source.instancesStarted(p), position: (i) => ({ time: i.startDate, key: i.processInstanceKey }), record: (items) => this.recordStarted(items) }),
      stream<CompletedStep>({ name: 'monitoring-steps', read: (p) => source.elementsCompleted(p), position: (s) => ({ time: s.endDate, key: s.elementInstanceKey }), record: (items) => this.recordSteps(items) }),
      stream<EngineInstanceEvent>({ name: 'monitoring-completed', read: (p) => source.instancesCompleted(p), position: (i) => ({ time: i.endDate, key: i.processInstanceKey }), record: (items) => this.recordEnded(items) }),
      stream<EngineInstanceEvent>({ name: 'monitoring-terminated', read: (p) => source.instancesTerminated(p), position: (i) => ({ time: i.endDate, key: i.processInstanceKey }), record: (items) => this.recordEnded(items) }),
      stream<EngineIncidentEvent>({ name: 'monitoring-incidents', read: (p) => source.incidentsCreated(p), position: (i) => ({ time: i.creationTime, key: i.incidentKey }), record: (items) => this.recordIncidents(items) }),
    ] as Array<EngineStream<never>>;
  }

  async pollOnce(): Promise<void> {
    await this.rebuildIfNew();
    for (const s of this.streams) await s.poll();
    await this.followDeadlines();
    const every = this.options.waitingIntervalMs ?? 10_000;
    if (Date.now() - this.lastWaiting >= every) {
      this.lastWaiting = Date.now();
      await this.snapshotWaiting();
    }
  }

  private async rebuildIfNew(): Promise<void> {
    if (this.checkedOrigin) return;
    const origin = await this.knex('audit_follower_cursors').where({ name: ORIGIN }).first('name');
    if (!origin) {
      (this.options.log ?? (() => undefined))('[monitoring] no cursor: the aggregates are rebuilt from the engine history');
      await this.writer.reset();
      await this.knex('audit_follower_cursors').whereIn('name', CURSORS).delete();
    }
    this.checkedOrigin = true;
  }

  private async comuniOf(keys: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unique = [...new Set(keys)];
    if (unique.length === 0) return found;
    for (let n = 0; n < unique.length; n += 500) {
      const rows = (await this.knex('monitoring_cases').whereIn('process_instance_key', unique.slice(n, n + 500)).whereNot('comune', '').select('process_instance_key', 'comune')) as Array<{ process_instance_key: string; comune: string }>;
      for (const r of rows) found.set(r.process_instance_key, r.comune);
    }
    const unknown = unique.filter((k) => !found.has(k));
    if (unknown.length > 0) {
      for (const v of await this.source.rootVariableOf(unknown, 'codiceIstat')) {
        const code = parseJson(v.value);
        if (v.processInstanceKey && (typeof code === 'string' || typeof code === 'number') && ISTAT.test(String(code))) found.set(v.processInstanceKey, String(code));
      }
    }
    return found;
  }

  /** The case numbers (idProcedimento, idConcorso, ...: the first the case holds) the «Pratiche» page opens a case by. */
  private async numbersOf(keys: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unique = [...new Set(keys)];
    if (unique.length === 0) return found;
    for (const name of BUSINESS_KEY_VARIABLES) {
      const missing = unique.filter((k) => !found.has(k));
      if (missing.length === 0) break;
      for (const v of await this.source.rootVariableOf(missing, name)) {
        const number = parseJson(v.value);
        if (v.processInstanceKey && typeof number === 'string' && number !== '' && number.length <= 100) found.set(v.processInstanceKey, number);
      }
    }
    return found;
  }

  private async recordStarted(items: EngineInstanceEvent[]): Promise<void> {
    const keys = items.map((i) => i.processInstanceKey);
    await this.writer.casesStarted(items, await this.comuniOf(keys), await this.numbersOf(keys));
  }

  /** Completed steps of running and ended cases; a case whose number a step assigned gets it here. */
  private async recordSteps(items: CompletedStep[]): Promise<void> {
    const keys = [...new Set(items.map((i) => i.processInstanceKey))];
    await this.writer.stepsCompleted(items, await this.comuniOf(keys));
    const unnumbered: string[] = [];
    for (let n = 0; n < keys.length; n += 500) {
      unnumbered.push(...((await this.knex('monitoring_cases').whereIn('process_instance_key', keys.slice(n, n + 500)).whereNull('case_number').pluck('process_instance_key')) as string[]));
    }
    await this.writer.caseNumbers(await this.numbersOf(unnumbered));
  }

  private async recordEnded(items: EngineInstanceEvent[]): Promise<void> {
    const keys = items.map((i) => i.processInstanceKey);
    const comuni = await this.comuniOf(keys);
    const numbers = await this.numbersOf(keys);
    const ended: EngineInstanceEvent[] = [];
    for (const instance of items) {
      const steps = await this.source.elementInstances(instance.processInstanceKey);
      if (await this.writer.caseEnded(instance, comuni.get(instance.processInstanceKey) ?? '', steps, numbers.get(instance.processInstanceKey))) ended.push(instance);
    }
    await this.recordTraining(ended.filter((i) => i.state === 'COMPLETED').map((i) => i.processInstanceKey));
  }

  /** F9 leaves `oreFormazione` (hours per employee against the 40-hour target) and `anno` on the case. */
  private async recordTraining(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const hours = await this.source.rootVariableOf(keys, 'oreFormazione');
    if (hours.length === 0) return;
    const years = new Map((await this.source.rootVariableOf(hours.map((h) => h.processInstanceKey!), 'anno')).map((v) => [v.processInstanceKey, Number(parseJson(v.value))]));
    for (const h of hours) {
      const list = parseJson(h.value);
      const anno = years.get(h.processInstanceKey);
      if (!h.processInstanceKey || !Array.isArray(list) || !Number.isInteger(anno)) continue;
      await this.writer.training(h.processInstanceKey, anno!, list as TrainingOutcome[]);
    }
  }

  private async recordIncidents(items: EngineIncidentEvent[]): Promise<void> {
    await this.writer.incidents(items, await this.comuniOf(items.map((i) => i.processInstanceKey).filter((k): k is string => !!k)));
  }

  /**
   * The outcomes the follower's DeadlineWatcher wrote (deadline.met / deadline.missed), each with the
   * nature its deadline.set entry gave the term (perentorio or ordinatorio, from src/domain/deadlines).
   */
  private async followDeadlines(): Promise<void> {
    let { seq } = await this.cursors.load<{ seq: number }>('monitoring-deadlines', { seq: 0 });
    for (;;) {
      const rows = (await this.knex('audit_entries')
        .whereIn('action', ['deadline.met', 'deadline.missed'])
        .andWhere('seq', '>', seq)
        .orderBy('seq')
        .limit(500)
        .select('seq', 'action', 'process_instance_key', 'comune', 'data', 'legal_rule')) as Array<{ seq: number | string; action: string; process_instance_key: string | null; comune: string | null; data: string; legal_rule: string | null }>;
      if (rows.length === 0) return;
      const data = rows.map((r) => (parseJson(r.data) ?? {}) as Record<string, unknown>);
      const setSeqs = data.map((d) => Number(d.deadlineSetSeq)).filter(Number.isFinite);
      const natures = new Map<number, string>();
      for (const s of (await this.knex('audit_entries').whereIn('seq', setSeqs).select('seq', 'data')) as Array<{ seq: number | string; data: string }>) {
        const natura = (parseJson(s.data) as Record<string, unknown> | undefined)?.natura;
        natures.set(Number(s.seq), natura === 'perentorio' || natura === 'ordinatorio' ? natura : '');
      }
      const piks = rows.map((r) => r.process_instance_key).filter((k): k is string => !!k);
      const cases = new Map(((await this.knex('monitoring_cases').whereIn('process_instance_key', piks).select('process_instance_key', 'process_id', 'comune')) as Array<{ process_instance_key: string; process_id: string; comune: string }>).map((c) => [c.process_instance_key, c]));
      const inserts = rows.flatMap((r, i) => {
        const d = data[i];
        if (!r.process_instance_key || typeof d.scadeIl !== 'string' || typeof d.variabile !== 'string') return [];
        const c = cases.get(r.process_instance_key);
        return [{
          audit_seq: Number(r.seq),
          process_instance_key: r.process_instance_key,
          process_id: c?.process_id ?? '',
          comune: r.comune ?? c?.comune ?? '',
          element_id: typeof d.elementId === 'string' ? d.elementId : '',
          variable: d.variabile,
          nature: natures.get(Number(d.deadlineSetSeq)) ?? '',
          met: r.action === 'deadline.met',
          due_at: d.scadeIl,
          month: romeMonthOf(d.scadeIl),
          legal_rule: r.legal_rule,
        }];
      });
      await this.writer.deadlines(inserts);
      seq = Number(rows[rows.length - 1].seq);
      await this.cursors.save('monitoring-deadlines', { seq });
      if (rows.length < 500) return;
    }
  }

  private async snapshotWaiting(): Promise<void> {
    const tasks = [];
    for (let from = 0; ; from += 1000) {
      const page = await this.source.waitingUserTasks(from, 1000);
      tasks.push(...page);
      if (page.length < 1000) break;
    }
    await this.writer.replaceWaiting(tasks);
  }
}
