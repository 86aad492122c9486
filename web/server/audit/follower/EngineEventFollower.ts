import type { AuditActor, AuditDatabase, AuditTrail } from '../../../../src/audit/index.js';
import { CaseLookup } from './CaseLookup.js';
import { DeadlineWatcher } from './DeadlineWatcher.js';
import type { EngineEventSource, EngineIncidentEvent } from './EngineEventSource.js';
import { advance, emptyCursor, FollowerCursorStore, isBehind, type TimeCursor } from './FollowerCursorStore.js';

export interface EngineEventFollowerOptions {
  /** default 2 s */
  intervalMs?: number;
  /**
   * How long an instance start, cancellation or task completion must have been visible in the engine
   * before the follower records it, so that the web route that caused it records it first (with the
   * user as actor) and the follower then skips it. Default 5 s.
   */
  graceMs?: number;
  pageSize?: number;
  /** how often the timer also checks open deadlines against the engine's element history; default 30 s */
  deadlineIntervalMs?: number;
  onError?: (error: unknown) => void;
}

const ENGINE: AuditActor = { type: 'engine', id: 'engine' };

interface IncidentCursor extends TimeCursor {
  /** incidents recorded as created and not yet as resolved */
  open: string[];
}

/**
 * Feeds the audit trail from the engine's own history, read through the Camunda REST API v2:
 * instances started and cancelled (from any client, not only this app), incidents and their
 * resolution, user tasks completed outside the app, and deadlines met or missed. Entries are linked
 * by the engine's keys; each stream keeps a cursor (table audit_follower_cursors), and every entry
 * is checked against the trail before it is appended, so a restart or an overlap never doubles one.
 */
export class EngineEventFollower {
  private readonly cursors: FollowerCursorStore;
  private readonly lookup: CaseLookup;
  private readonly deadlines: DeadlineWatcher;
  private readonly firstSeen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private lastDeadlineCheck = 0;
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
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return;
      const deadlines = Date.now() - this.lastDeadlineCheck >= (this.options.deadlineIntervalMs ?? 30_000);
      this.running = this.pollOnce({ deadlines }).catch((e) => (this.options.onError ?? defaultOnError)(e)).finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.options.intervalMs ?? 2000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over every stream; resolves when everything visible now has been recorded. */
  async pollOnce(options: { deadlines?: boolean } = {}): Promise<void> {
    await this.followInstancesStarted();
    await this.followIncidents();
    await this.followTasksCompleted();
    await this.followInstancesCancelled();
    // Deadlines cost one element-history read per open case: checked less often than the streams.
    if (options.deadlines ?? true) {
      this.lastDeadlineCheck = Date.now();
      await this.deadlines.poll();
    }
  }

  private get pageSize(): number {
    return this.options.pageSize ?? 200;
  }

  /** Items the app may record itself are left for one grace period; the stream stops at the first unripe one. */
  private ripe(id: string): boolean {
    const grace = this.options.graceMs ?? 5000;
    if (grace <= 0) return true;
    const now = Date.now();
    const seen = this.firstSeen.get(id);
    if (seen === undefined) {
      this.firstSeen.set(id, now);
      return false;
    }
    if (now - seen < grace) return false;
    this.firstSeen.delete(id);
    return true;
  }

  private async followInstancesStarted(): Promise<void> {
    await this.follow('instances-started', (since) => this.source.instancesStartedSince(since, this.pageSize), (i) => ({ time: i.startDate, key: i.processInstanceKey }), async (i) => {
      if (!this.ripe(`start:${i.processInstanceKey}`)) return 'wait';
      if (!(await this.lookup.recorded('instance.start', i.processInstanceKey))) {
        const comune = await this.lookup.comuneOf(i.processInstanceKey);
        await this.trail.append({
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
        });
      }
      return 'done';
    });
  }

  private async followInstancesCancelled(): Promise<void> {
    await this.follow('instances-cancelled', (since) => this.source.instancesTerminatedSince(since, this.pageSize), (i) => ({ time: i.endDate, key: i.processInstanceKey }), async (i) => {
      if (!this.ripe(`cancel:${i.processInstanceKey}`)) return 'wait';
      if (!(await this.lookup.recorded('instance.cancel', i.processInstanceKey))) {
        const comune = await this.lookup.comuneOf(i.processInstanceKey);
        await this.trail.append({
          actor: ENGINE,
          action: 'instance.cancel',
          entity: { type: 'process-instance', key: i.processInstanceKey, ...(comune ? { comune } : {}) },
          data: { processDefinitionId: i.processDefinitionId, parentProcessInstanceKey: i.parentProcessInstanceKey ?? null, endDate: i.endDate ?? null },
        });
      }
      return 'done';
    });
  }

  private async followTasksCompleted(): Promise<void> {
    await this.follow('tasks-completed', (since) => this.source.userTasksCompletedSince(since, this.pageSize), (t) => ({ time: t.completionDate, key: t.userTaskKey }), async (t) => {
      if (!this.ripe(`task:${t.userTaskKey}`)) return 'wait';
      if (!(await this.lookup.recorded('task.complete', t.userTaskKey))) {
        const comune = await this.lookup.comuneOf(t.processInstanceKey);
        // Not through the web app: the engine's audit log says which client or user it authenticated for it.
        const completedBy = (await this.source.userTaskCompletedBy?.(t.userTaskKey).catch(() => undefined)) ?? null;
        await this.trail.append({
          actor: ENGINE,
          action: 'task.complete',
          entity: { type: 'user-task', key: t.userTaskKey, ...(t.processInstanceKey ? { processInstanceKey: t.processInstanceKey } : {}), ...(comune ? { comune } : {}) },
          // Completed outside this app (another Camunda client): the engine knows the assignee, not the form.
          data: { outsideWebApp: true, completedBy, elementId: t.elementId ?? null, elementInstanceKey: t.elementInstanceKey ?? null, assignee: t.assignee ?? null, completionDate: t.completionDate ?? null, source: 'engine' },
        });
      }
      return 'done';
    });
  }

  private async followIncidents(): Promise<void> {
    const name = 'incidents';
    let cursor = await this.cursors.load<IncidentCursor>(name, { ...emptyCursor(), open: [] });
    for (;;) {
      const page = await this.source.incidentsCreatedSince(cursor.since, this.pageSize);
      let progressed = false;
      for (const incident of page) {
        if (!incident.creationTime || isBehind(cursor, incident.creationTime, incident.incidentKey)) continue;
        if (!(await this.lookup.recorded('incident.create', incident.incidentKey))) await this.recordIncident('incident.create', incident);
        cursor = { ...advance(cursor, incident.creationTime, incident.incidentKey), open: [...cursor.open, incident.incidentKey] };
        progressed = true;
      }
      await this.cursors.save(name, cursor);
      if (!progressed || page.length < this.pageSize) break;
    }
    // Resolution has no time of its own in the API: look at the incidents still open.
    const stillOpen: string[] = [];
    const byKey = new Map((await this.source.incidentsByKeys(cursor.open)).map((i) => [i.incidentKey, i]));
    for (const key of cursor.open) {
      const incident = byKey.get(key);
      if (incident && incident.state !== 'RESOLVED') {
        stillOpen.push(key);
        continue;
      }
      if (!(await this.lookup.recorded('incident.resolve', key))) await this.recordIncident('incident.resolve', incident ?? { incidentKey: key });
    }
    await this.cursors.save(name, { ...cursor, open: stillOpen });
  }

  private async recordIncident(action: 'incident.create' | 'incident.resolve', i: EngineIncidentEvent): Promise<void> {
    const comune = await this.lookup.comuneOf(i.processInstanceKey);
    await this.trail.append({
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
    });
  }

  /**
   * Reads one time-ordered stream from its cursor. `positionOf` gives an item's time and key (none:
   * skipped); `handle` records it, or answers 'wait' to stop here until the next poll.
   */
  private async follow<T>(
    name: string,
    fetch: (since: string | undefined) => Promise<T[]>,
    positionOf: (item: T) => { time?: string; key: string },
    handle: (item: T) => Promise<'done' | 'wait'>,
  ): Promise<void> {
    let cursor = await this.cursors.load<TimeCursor>(name, emptyCursor());
    for (;;) {
      const page = await fetch(cursor.since);
      let progressed = false;
      let waiting = false;
      for (const item of page) {
        const { time, key } = positionOf(item);
        if (!time || isBehind(cursor, time, key)) continue;
        if ((await handle(item)) === 'wait') {
          waiting = true;
          break;
        }
        cursor = advance(cursor, time, key);
        progressed = true;
      }
      if (progressed) await this.cursors.save(name, cursor);
      if (waiting || !progressed || page.length < this.pageSize) return;
    }
  }
}

function defaultOnError(error: unknown): void {
  console.error('[audit] engine event follower:', error);
}
