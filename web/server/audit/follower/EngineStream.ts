import type { StreamPageRequest } from './EngineEventSource.js';
import { advance, emptyCursor, isBehind, type FollowerCursorStore, type TimeCursor } from './FollowerCursorStore.js';

/** One engine history stream the follower copies into the trail. */
export interface StreamDefinition<T> {
  /** row of audit_follower_cursors */
  name: string;
  read(page: StreamPageRequest): Promise<T[]>;
  /** the item's time in the stream's order and its key; no time: not yet placed, skipped */
  position(item: T): { time?: string; key: string };
  /**
   * Records a batch, in order, in one append; items already in the trail are left out. Resolves
   * once the batch is committed (the cursor moves past it only then).
   */
  record(items: T[]): Promise<void>;
}

export interface EngineStreamOptions {
  pageSize: number;
  /** at most this many items per append */
  batchSize: number;
  /** how far reading may run ahead of recording */
  maxPending: number;
  /** how long an item waits, after the follower first saw it, before it is recorded (0: at once) */
  graceMs: number;
  now?: () => number;
}

interface Pending<T> {
  item: T;
  time: string;
  key: string;
  seenAt: number;
}

/**
 * Follows one stream through pages of the Camunda REST API: reads ahead of what is recorded (an
 * in-memory cursor) so that a grace period runs for a whole burst at once, not item by item, and
 * records ripe items in batches. Only the cursor of what is committed in the trail is persisted: a
 * restart re-reads from there, and the trail check in `record` drops what was appended just before
 * a crash, so nothing is skipped and nothing is doubled.
 */
export class EngineStream<T> {
  private committed: TimeCursor | undefined;
  private readCursor: TimeCursor | undefined;
  private readonly pending: Pending<T>[] = [];
  private readonly now: () => number;

  constructor(
    private readonly definition: StreamDefinition<T>,
    private readonly cursors: FollowerCursorStore,
    private readonly options: EngineStreamOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get name(): string {
    return this.definition.name;
  }

  /** Items read and not yet recorded. */
  get backlog(): number {
    return this.pending.length;
  }

  /** When the oldest unripe item ripens (ms epoch), if one waits. */
  get nextRipeAt(): number | undefined {
    const first = this.pending[0];
    return first ? first.seenAt + this.options.graceMs : undefined;
  }

  /** Reads what the engine shows now and records every ripe item. */
  async poll(): Promise<void> {
    if (!this.committed) {
      this.committed = await this.cursors.load<TimeCursor>(this.definition.name, emptyCursor());
      this.readCursor = this.committed;
    }
    for (;;) {
      const read = await this.readAhead();
      const recorded = await this.recordRipe();
      // A full read-ahead buffer that could all be recorded: there may be more to read now.
      if (!(read && recorded && this.pending.length === 0)) return;
    }
  }

  /** Reads pages until the stream is caught up or the buffer is full; whether it stopped because the buffer filled. */
  private async readAhead(): Promise<boolean> {
    let from = 0;
    while (this.pending.length < this.options.maxPending) {
      const cursor = this.readCursor!;
      const page = await this.definition.read({ since: cursor.since, from, limit: this.options.pageSize });
      const seenAt = this.now();
      let fresh = 0;
      let next = cursor;
      for (const item of page) {
        const { time, key } = this.definition.position(item);
        if (!time || isBehind(next, time, key)) continue;
        this.pending.push({ item, time, key, seenAt });
        next = advance(next, time, key);
        fresh++;
      }
      this.readCursor = next;
      if (page.length < this.options.pageSize) return false;
      // A whole page already read: a run of items at one instant longer than a page; page on inside it.
      from = fresh === 0 ? from + page.length : 0;
    }
    return true;
  }

  /** Records the ripe prefix of the buffer, batch by batch; whether everything pending was ripe. */
  private async recordRipe(): Promise<boolean> {
    for (;;) {
      const now = this.now();
      let ripe = 0;
      while (ripe < this.pending.length && ripe < this.options.batchSize && now - this.pending[ripe].seenAt >= this.options.graceMs) ripe++;
      if (ripe === 0) return this.pending.length === 0;
      const batch = this.pending.slice(0, ripe);
      await this.definition.record(batch.map((p) => p.item));
      let cursor = this.committed!;
      for (const p of batch) cursor = advance(cursor, p.time, p.key);
      await this.cursors.save(this.definition.name, cursor);
      this.committed = cursor;
      this.pending.splice(0, ripe);
    }
  }
}
