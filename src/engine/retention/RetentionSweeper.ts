import type { Engine } from '../Engine.js';
import { deleteEndedInstances, deleteInstancelessRecords, endedRootInstances } from './deleteEndedInstances.js';
import { AUDIT_TRAIL_EXPORTER, ExporterPositions } from './ExporterPositions.js';
import type { RetentionPolicy } from '../../retentionPolicy.js';

export interface RetentionSweeperOptions {
  policy: RetentionPolicy;
  /** root instances per transaction; default 50 (about 2,500 rows of the benchmark's process) */
  batchSize?: number;
  /** rest between batches while there is work, so commands get the connection in between; default 20 ms */
  pauseMs?: number;
  /** rest once nothing is due; default one minute */
  idleMs?: number;
  /** whose exported position bounds the deletion; default the app's audit trail */
  exporterId?: string;
  onError?: (error: unknown) => void;
}

export interface SweepOutcome {
  instances: number;
  /** message and signal records (no instance of their own) deleted */
  records: number;
  /** the bound used: ended before the TTL cutoff and before the exporter's position (engine time, ms epoch) */
  before?: number;
  /** why nothing could be deleted, when that is the reason */
  waitingFor?: 'exporter';
}

/**
 * Deletes ended instances past ENGINE_RETENTION in the background, in small transactions on the engine's one
 * connection: a command waits at most for one batch, never for the whole sweep. An instance is deleted only when
 * it is past its time to live AND its exporter (the audit follower) has acknowledged a position after its end:
 * with no acknowledgement nothing is deleted. SQLite puts freed pages on its free list and reuses them for new
 * rows, so the file stops growing rather than shrinking (auto_vacuum stays off: switching it on needs a full
 * VACUUM, which would hold the writer for the whole file; run `VACUUM` offline to give space back).
 */
export class RetentionSweeper {
  private readonly positions: ExporterPositions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private wokenWhileRunning = false;

  constructor(
    private readonly engine: Engine,
    private readonly options: RetentionSweeperOptions,
  ) {
    this.positions = new ExporterPositions(engine.knex);
  }

  get policy(): RetentionPolicy {
    return this.options.policy;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** An exporter moved its position: sweep now rather than after the idle rest (no-op while a sweep runs or when stopped). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      // The sweep under way may have read the position before it moved.
      this.wokenWhileRunning = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Deletes one batch of due instances, and of message and signal records as old. */
  async sweepOnce(): Promise<SweepOutcome> {
    const position = await this.positions.get(this.options.exporterId ?? AUDIT_TRAIL_EXPORTER);
    if (!position) return { instances: 0, records: 0, waitingFor: 'exporter' };
    const before = Math.min(this.options.policy.cutoff(this.engine.clock.now()), position.exportedUntil);
    const roots = await endedRootInstances(this.engine.knex, before, this.options.batchSize ?? 50);
    const deleted = await deleteEndedInstances(this.engine.knex, this.engine.store, roots);
    const records = await deleteInstancelessRecords(this.engine.knex, before, 500);
    return { instances: deleted.instances, records, before };
  }

  /** Sweeps batch after batch until nothing is due; how many instances (called ones included) it deleted. */
  async sweepAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { instances, records } = await this.sweepOnce();
      if (instances === 0 && records === 0) return total;
      total += instances;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const run = this.sweepOnce();
      this.running = run;
      run
        .finally(() => (this.running = undefined))
        .then((outcome) => {
          const woken = this.wokenWhileRunning;
          this.wokenWhileRunning = false;
          this.schedule(outcome.instances + outcome.records > 0 ? (this.options.pauseMs ?? 20) : woken ? 0 : (this.options.idleMs ?? 60_000));
        })
        .catch((error) => {
          (this.options.onError ?? ((e) => console.error('engine: retention sweep failed:', e)))(error);
          this.schedule(this.options.idleMs ?? 60_000);
        });
    }, delay);
    this.timer.unref();
  }
}
