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
  /** where its grace period starts (ms epoch) */
  since: number;
}

/** How far before the follower saw it an item's own engine time may be and still start its grace period. */
const PLAUSIBLE_VISIBILITY_MS = 10_000;
const PAGES_PER_ROUND = 2;

/**
 * The grace period runs from the engine's time of the item when that is a plausible real time
 * (a little before the follower saw it), else from when the follower saw it: an engine clock pinned
 * in the past (tests) or skewed must not make items ripe at once and race the app's own entry.
 */
function graceStart(time: string, seenAt: number): number {
  const at = Date.parse(time);
  return Number.isFinite(at) && at <= seenAt && seenAt - at <= PLAUSIBLE_VISIBILITY_MS ? at : seenAt;
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
  /** offset inside the run of items at `readCursor.since`, while whole pages of it were already read */
  private readFrom = 0;
  private readonly pending: Pending<T>[] = [];
  private readonly now: () => number;
  /** the last poll read to the end of what the engine showed and recorded all of it */
  private caughtUp = false;

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
    return first ? first.since + this.options.graceMs : undefined;
  }

  /**
   * Up to when (engine time, ms epoch) every item of this stream is in the trail, given that the last poll began
   * after `mark` (an engine instant before which everything was on the engine's disk): `mark` itself when that
   * poll read to the end and recorded all; else the time of the first item not recorded (the one waiting for its
   * grace period, or the cursor's own instant, where more items may follow).
   */
  exportedBefore(mark: number): number {
    if (this.caughtUp) return mark;
    const first = this.pending[0]?.time ?? this.committed?.since;
    const at = first === undefined ? NaN : Date.parse(first);
    return Number.isFinite(at) ? Math.min(at, mark) : Number.NEGATIVE_INFINITY;
  }

  /**
   * Reads what the engine shows now and records every ripe item. With `mark` (the engine's export mark, taken
   * before this poll: everything earlier was visible to it), a poll that reads to the end and records all moves the
   * cursor up to the mark: nothing earlier can appear any more, and retention may delete what lies behind it, which
   * must not shift the offset paging inside the cursor's own instant.
   */
  async poll(mark?: number): Promise<void> {
    this.caughtUp = false;
    if (!this.committed) {
      this.committed = await this.cursors.load<TimeCursor>(this.definition.name, emptyCursor());
      this.readCursor = this.committed;
    }
    for (;;) {
      // A few pages, then record what is ripe: a backlog (after a restart) is recorded as it is read.
      const more = await this.readAhead(PAGES_PER_ROUND);
      const recorded = await this.recordRipe();
      if (!more) {
        this.caughtUp = this.pending.length === 0;
        if (this.caughtUp && mark !== undefined) await this.moveTo(new Date(mark).toISOString());
        return;
      }
      if (recorded === 0 && this.pending.length >= this.options.maxPending) return;
    }
  }

  private async moveTo(since: string): Promise<void> {
    if (this.committed!.since !== undefined && since <= this.committed!.since) return;
    const cursor: TimeCursor = { since, seenAtSince: [] };
    await this.cursors.save(this.definition.name, cursor);
    this.committed = cursor;
    this.readCursor = cursor;
    this.readFrom = 0;
  }

  /** Reads up to `pages` pages, until the stream is caught up or the buffer is full; whether there may be more to read. */
  private async readAhead(pages: number): Promise<boolean> {
    for (let n = 0; n < pages; n++) {
      if (this.pending.length >= this.options.maxPending) return true;
      const cursor = this.readCursor!;
      const page = await this.definition.read({ since: cursor.since, from: this.readFrom, limit: this.options.pageSize });
      const seenAt = this.now();
      let fresh = 0;
      let next = cursor;
      for (const item of page) {
        const { time, key } = this.definition.position(item);
        if (!time || isBehind(next, time, key)) continue;
        this.pending.push({ item, time, key, since: graceStart(time, seenAt) });
        next = advance(next, time, key);
        fresh++;
      }
      this.readCursor = next;
      // A whole page already read: a run of items at one instant longer than a page; page on inside it.
      this.readFrom = fresh === 0 ? this.readFrom + page.length : 0;
      if (page.length < this.options.pageSize) return false;
    }
    return true;
  }

  /** Records the ripe prefix of the buffer, batch by batch; how many items it recorded. */
  private async recordRipe(): Promise<number> {
    let recorded = 0;
    for (;;) {
      const now = this.now();
      let ripe = 0;
      while (ripe < this.pending.length && ripe < this.options.batchSize && now - this.pending[ripe].since >= this.options.graceMs) ripe++;
      if (ripe === 0) return recorded;
      const batch = this.pending.slice(0, ripe);
      await this.definition.record(batch.map((p) => p.item));
      let cursor = this.committed!;
      for (const p of batch) cursor = advance(cursor, p.time, p.key);
      await this.cursors.save(this.definition.name, cursor);
      this.committed = cursor;
      this.pending.splice(0, ripe);
      recorded += ripe;
    }
  }
}
