import type { AuditAction, AuditActor, AuditDatabase, AuditEntryInput, AuditTrail } from '../../../../src/audit/index.js';
import { CaseLookup } from './CaseLookup.js';
import { DeadlineWatcher } from './DeadlineWatcher.js';
import type { EngineEventSource, EngineIncidentEvent, EngineInstanceEvent, EngineUserTaskEvent } from './EngineEventSource.js';
import { EngineStream, type StreamDefinition } from './EngineStream.js';
import type { ExportAcknowledger } from './EngineExportAcknowledger.js';
import { FollowerCursorStore } from './FollowerCursorStore.js';

export interface EngineEventFollowerOptions {
  /** how long the follower rests when it has caught up; default 500 ms */
  intervalMs?: number;
  /**
   * How long an instance start, cancellation or task completion must have been visible in the engine
   * before the follower records it, so that the web route that caused it records it first (with the
   * user as actor) and the follower then skips it. Default 2 s.
   */
  graceMs?: number;
  /** items per REST search page; default 500 */
  pageSize?: number;
  /** entries per append to the trail; default 500 */
  batchSize?: number;
  /** how often the timer also checks open deadlines against the engine's element history; default 30 s */
  deadlineIntervalMs?: number;
  onError?: (error: unknown) => void;
  /** read models kept from the same engine history, polled after the trail's streams (e.g. the Monitoraggio aggregates) */
  aggregates?: Array<{ pollOnce(): Promise<void> }>;
  /** the clock grace periods are measured on (tests) */
  now?: () => number;
  /**
   * The embedded engine's exporter position (ENGINE_RETENTION): after each complete pass the follower acknowledges
   * up to when the trail holds every instance's history, so retention deletes nothing the trail lacks.
   */
  exports?: ExportAcknowledger;
}

const ENGINE: AuditActor = { type: 'engine', id: 'engine' };
const INCIDENTS_OPEN = 'incidents-open';

/**
 * Feeds the audit trail from the engine's own history, read through the Camunda REST API v2 only
 * (so it runs unchanged on Camunda 8): instances started and cancelled (from any client, not only
 * this app), incidents and their resolution, user tasks completed outside the app, and deadlines
 * met or missed. Each stream is read in pages and appended in batches (EngineStream), with a cursor
 * per stream in audit_follower_cursors; every batch is checked against the trail before it is
 * appended, so a restart or an overlap never doubles an entry.
 */
export class EngineEventFollower {
  private readonly cursors: FollowerCursorStore;
  private readonly lookup: CaseLookup;
  private readonly deadlines: DeadlineWatcher;
  private readonly streams: EngineStream<never>[];
  private readonly incidents: EngineStream<EngineIncidentEvent>;
  private openIncidents: Set<string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private lastDeadlineCheck = 0;
  /** the export mark taken before the last pass that checked deadlines */
  private deadlineMark: number | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: AuditDatabase,
    private readonly trail: AuditTrail,
    private readonly source: EngineEventSource,
    private readonly options: EngineEventFollowerOptions = {},
  ) {
    this.cursors = new FollowerCursorStore(db.knex);
    this.lookup = new CaseLookup(db.knex, source);
    this.deadlines = new DeadlineWatcher(trail, this.lookup, source, db);
    const pageSize = options.pageSize ?? 500;
    const stream = <T>(definition: StreamDefinition<T>, graced: boolean) =>
      new EngineStream<T>(definition, this.cursors, { pageSize, batchSize: options.batchSize ?? 500, maxPending: pageSize * 10, graceMs: graced ? (options.graceMs ?? 2000) : 0, now: options.now });
    this.incidents = stream(this.incidentStream(), false);
    this.streams = [
      stream(this.instancesStartedStream(), true),
      this.incidents,
      stream(this.tasksCompletedStream(), true),
      stream(this.instancesCancelledStream(), true),
    ] as EngineStream<never>[];
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      const deadlines = Date.now() - this.lastDeadlineCheck >= (this.options.deadlineIntervalMs ?? 30_000);
      this.running = this.pollOnce({ deadlines })
        .catch((e) => (this.options.onError ?? defaultOnError)(e))
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          // Rest for the interval, or less when a waiting item ripens sooner.
          const ripeAt = Math.min(...this.streams.map((s) => s.nextRipeAt ?? Infinity));
          const rest = Math.max(10, Math.min(this.options.intervalMs ?? 500, ripeAt - Date.now()));
          this.timer = setTimeout(tick, rest);
          this.timer.unref();
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over every stream; resolves when everything visible now and ripe has been recorded. */
  async pollOnce(options: { deadlines?: boolean } = {}): Promise<void> {
    // Taken before anything is read: whatever ended before it is visible to this pass. An engine that cannot give
    // one only delays retention: the trail is still fed.
    const mark = await this.options.exports?.mark().catch((error: unknown) => this.reportExportError(error));
    for (const stream of this.streams) await stream.poll(mark);
    await this.followIncidentResolutions();
    // Deadlines cost one element-history read per open case: checked less often than the streams.
    if (options.deadlines ?? true) {
      this.lastDeadlineCheck = Date.now();
      await this.deadlines.poll();
      this.deadlineMark = mark;
    }
    for (const aggregate of this.options.aggregates ?? []) await aggregate.pollOnce();
    if (mark !== undefined) await this.acknowledgeExported(mark).catch((error: unknown) => this.reportExportError(error));
  }

  private reportExportError(error: unknown): undefined {
    (this.options.onError ?? defaultOnError)(new Error(`exported position not acknowledged (retention waits): ${(error as Error)?.message ?? String(error)}`));
    return undefined;
  }

  /**
   * The trail holds every instance that ended before the earliest of: each stream's first item not yet recorded
   * (or the mark, for a stream read to its end), and the mark of the last deadline check (a case's deadline
   * outcome is read from its element history, which retention deletes). Incident resolutions were followed in
   * this same pass. While a deadline waits (or one is in the trail unread), nothing past the last deadline check.
   */
  private async acknowledgeExported(mark: number): Promise<void> {
    const deadlineBound = (await this.deadlines.idle()) ? mark : this.deadlineMark;
    if (deadlineBound === undefined) return;
    let until = Math.min(mark, deadlineBound);
    for (const stream of this.streams) until = Math.min(until, stream.exportedBefore(mark));
    if (Number.isFinite(until)) await this.options.exports!.acknowledge(until);
  }

  /** Items read from the engine and not yet in the trail, per stream. */
  backlog(): Record<string, number> {
    return Object.fromEntries(this.streams.map((s) => [s.name, s.backlog]));
  }

  /** Appends, in order, the entries for the items the trail does not hold yet. */
  private async appendNew<T>(items: T[], action: AuditAction, entityType: string, keyOf: (item: T) => string, pikOf: (item: T) => string | undefined, entry: (item: T, comune: string | undefined) => AuditEntryInput | Promise<AuditEntryInput>): Promise<void> {
    const recorded = await this.lookup.recordedKeys(action, entityType, items.map(keyOf));
    const fresh = items.filter((i) => !recorded.has(keyOf(i)));
    if (fresh.length === 0) return;
    const comuni = await this.lookup.comuniOf(fresh.map(pikOf));
    const seen = new Set<string>();
    const inputs: AuditEntryInput[] = [];
    for (const item of fresh) {
      // The same key twice in one batch (a page overlap) is one entry.
      if (seen.has(keyOf(item))) continue;
      seen.add(keyOf(item));
      const pik = pikOf(item);
      inputs.push(await entry(item, pik ? comuni.get(pik) : undefined));
    }
    await this.trail.appendAll(inputs);
  }

  private instancesStartedStream(): StreamDefinition<EngineInstanceEvent> {
    return {
      name: 'instances-started',
      read: (page) => this.source.instancesStarted(page),
      position: (i) => ({ time: i.startDate, key: i.processInstanceKey }),
      record: (items) =>
        this.appendNew(items, 'instance.start', 'process-instance', (i) => i.processInstanceKey, (i) => i.processInstanceKey, (i, comune) => ({
          actor: ENGINE,
          action: 'instance.start',
          entity: { type: 'process-instance', key: i.processInstanceKey, ...(comune ? { comune } : {}) },
          data: {
            processDefinitionId: i.processDefinitionId,
            processDefinitionKey: i.processDefinitionKey,
            version: i.processDefinitionVersion ?? null,
            parentProcessInstanceKey: i.parentProcessInstanceKey ?? null,
            startDate: i.startDate ?? null,
          },
        })),
    };
  }

  private instancesCancelledStream(): StreamDefinition<EngineInstanceEvent> {
    return {
      name: 'instances-cancelled',
      read: (page) => this.source.instancesTerminated(page),
      position: (i) => ({ time: i.endDate, key: i.processInstanceKey }),
      record: (items) =>
        this.appendNew(items, 'instance.cancel', 'process-instance', (i) => i.processInstanceKey, (i) => i.processInstanceKey, (i, comune) => ({
          actor: ENGINE,
          action: 'instance.cancel',
          entity: { type: 'process-instance', key: i.processInstanceKey, ...(comune ? { comune } : {}) },
          data: { processDefinitionId: i.processDefinitionId, parentProcessInstanceKey: i.parentProcessInstanceKey ?? null, endDate: i.endDate ?? null },
        })),
    };
  }

  private tasksCompletedStream(): StreamDefinition<EngineUserTaskEvent> {
    return {
      name: 'tasks-completed',
      read: (page) => this.source.userTasksCompleted(page),
      position: (t) => ({ time: t.completionDate, key: t.userTaskKey }),
      record: (items) =>
        this.appendNew(items, 'task.complete', 'user-task', (t) => t.userTaskKey, (t) => t.processInstanceKey, async (t, comune) => ({
          actor: ENGINE,
          action: 'task.complete',
          entity: { type: 'user-task', key: t.userTaskKey, ...(t.processInstanceKey ? { processInstanceKey: t.processInstanceKey } : {}), ...(comune ? { comune } : {}) },
          // Completed outside this app (another Camunda client): the engine knows the assignee, not the form.
          // Not through the web app: the engine's audit log says which client or user it authenticated for it.
          data: { outsideWebApp: true, completedBy: (await this.source.userTaskCompletedBy?.(t.userTaskKey).catch(() => undefined)) ?? null, elementId: t.elementId ?? null, elementInstanceKey: t.elementInstanceKey ?? null, assignee: t.assignee ?? null, completionDate: t.completionDate ?? null, source: 'engine' },
        })),
    };
  }

  private incidentStream(): StreamDefinition<EngineIncidentEvent> {
    return {
      name: 'incidents',
      read: (page) => this.source.incidentsCreated(page),
      position: (i) => ({ time: i.creationTime, key: i.incidentKey }),
      record: async (items) => {
        await this.appendNew(items, 'incident.create', 'incident', (i) => i.incidentKey, (i) => i.processInstanceKey, (i, comune) => incidentEntry('incident.create', i, comune));
        // Recorded as created, whether now or before a restart: watched until resolved.
        const open = await this.loadOpenIncidents();
        for (const i of items) open.add(i.incidentKey);
        await this.cursors.save(INCIDENTS_OPEN, { keys: [...open] });
      },
    };
  }

  private async loadOpenIncidents(): Promise<Set<string>> {
    if (!this.openIncidents) {
      // Before the streams were split, the open list lived in the incidents cursor itself.
      const legacy = await this.cursors.load<{ open?: string[] }>('incidents', {});
      this.openIncidents = new Set((await this.cursors.load<{ keys: string[] }>(INCIDENTS_OPEN, { keys: legacy.open ?? [] })).keys);
      // Saved at once: the incidents cursor is rewritten without the old list on its next move.
      await this.cursors.save(INCIDENTS_OPEN, { keys: [...this.openIncidents] });
    }
    return this.openIncidents;
  }

  /** Resolution has no time of its own in the API: look at the incidents still open. */
  private async followIncidentResolutions(): Promise<void> {
    const open = await this.loadOpenIncidents();
    if (open.size === 0) return;
    const byKey = new Map((await this.source.incidentsByKeys([...open])).map((i) => [i.incidentKey, i]));
    // Gone from the engine counts as resolved, as before.
    const resolved = [...open].filter((key) => !byKey.has(key) || byKey.get(key)!.state === 'RESOLVED');
    if (resolved.length === 0) return;
    const items = resolved.map((key) => byKey.get(key) ?? { incidentKey: key });
    await this.appendNew(items, 'incident.resolve', 'incident', (i) => i.incidentKey, (i) => i.processInstanceKey, (i, comune) => incidentEntry('incident.resolve', i, comune));
    for (const key of resolved) open.delete(key);
    await this.cursors.save(INCIDENTS_OPEN, { keys: [...open] });
  }
}

function incidentEntry(action: 'incident.create' | 'incident.resolve', i: EngineIncidentEvent, comune: string | undefined): AuditEntryInput {
  return {
    actor: ENGINE,
    action,
    entity: { type: 'incident', key: i.incidentKey, ...(i.processInstanceKey ? { processInstanceKey: i.processInstanceKey } : {}), ...(comune ? { comune } : {}) },
    data:
      action === 'incident.create'
        ? {
            errorType: i.errorType ?? null,
            errorMessage: i.errorMessage ?? null,
            elementId: i.elementId ?? null,
            elementInstanceKey: i.elementInstanceKey ?? null,
            jobKey: i.jobKey ?? null,
            creationTime: i.creationTime ?? null,
          }
        : { elementId: i.elementId ?? null, state: i.state ?? 'UNKNOWN' },
  };
}

function defaultOnError(error: unknown): void {
  console.error('[audit] engine event follower:', error);
}
