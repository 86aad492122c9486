import type { Knex } from 'knex';
import type { EngineClock } from './clock.js';

/**
 * Wakes the processor at the earliest due time among job lock deadlines, back-offs, timers and
 * message TTLs. Due times live in indexed columns; only the next one is kept in memory.
 */
export class Scheduler {
  private handle: NodeJS.Timeout | undefined;
  private scheduledFor = Infinity;
  private stopped = false;
  private checking: Promise<void> | undefined;
  private again = false;
  /** Due times announced while a re-read was under way (the read may not see them). */
  private announced = Infinity;

  constructor(
    private readonly knex: Knex,
    private readonly clock: EngineClock,
    private readonly fire: () => void,
  ) {
    clock.onChange(() => this.reschedule());
  }

  private async nextDue(): Promise<number> {
    const row = (await this.knex
      .select(
        this.knex('jobs').min('deadline').where('state', 'ACTIVATED').as('deadline'),
        this.knex('jobs').min('recur_at').where('state', 'FAILED').as('recur'),
        this.knex('timers').min('due_date').as('timer'),
        this.knex('messages').min('deadline').as('ttl'),
      )
      .first()) as Record<string, number | null>;
    const values = Object.values(row).filter((v): v is number => typeof v === 'number');
    return values.length > 0 ? Math.min(...values) : Infinity;
  }

  /** Re-reads the earliest due time; called after ticks, after commits that removed or moved due times, and when the clock moves. */
  reschedule(): void {
    if (this.stopped) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = this.nextDue()
      .then((due) => {
        const earliest = Math.min(due, this.announced);
        this.announced = Infinity;
        this.arm(earliest);
      })
      .catch(() => undefined)
      .finally(() => {
        this.checking = undefined;
        if (this.again) {
          this.again = false;
          this.reschedule();
        }
      });
  }

  /**
   * A commit wrote a due time (a job lock deadline, a back-off): wake up no later than that, without reading
   * the database. The wake-up may turn out early (the row changed since); the tick after it re-reads.
   */
  dueAt(due: number): void {
    if (this.stopped) return;
    if (this.checking) this.announced = Math.min(this.announced, due);
    else if (due < this.scheduledFor) this.arm(due);
  }

  private arm(due: number): void {
    if (this.stopped) return;
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.scheduledFor = due;
    if (due === Infinity) return;
    const delay = Math.max(0, due - this.clock.now());
    // A pinned clock does not advance by itself: nothing fires until it is moved.
    if (this.clock.isPinned && delay > 0) return;
    this.handle = setTimeout(() => {
      this.handle = undefined;
      this.scheduledFor = Infinity;
      this.fire();
    }, Math.min(delay, 2 ** 31 - 1));
  }

  stop(): void {
    this.stopped = true;
    if (this.handle) clearTimeout(this.handle);
  }

  get nextWakeUp(): number {
    return this.scheduledFor;
  }
}
