import type { Knex } from 'knex';

const TABLE = 'audit_follower_cursors';

/** Where each engine stream was read up to; one JSON row per stream (migration 0009). */
export class FollowerCursorStore {
  constructor(private readonly knex: Knex) {}

  async load<T>(name: string, initial: T): Promise<T> {
    const row = (await this.knex(TABLE).where({ name }).first()) as { state: string } | undefined;
    return row ? ({ ...initial, ...(JSON.parse(row.state) as T) } as T) : initial;
  }

  async save<T>(name: string, state: T): Promise<void> {
    await this.knex(TABLE)
      .insert({ name, state: JSON.stringify(state), updated_at: new Date().toISOString() })
      .onConflict('name')
      .merge();
  }
}

/** A position in a time-ordered stream: the latest time read, and the keys already read at that time. */
export interface TimeCursor {
  since?: string;
  seenAtSince: string[];
}

export const emptyCursor = (): TimeCursor => ({ seenAtSince: [] });

/** Whether an item at `time` with `key` is already behind the cursor. */
export function isBehind(cursor: TimeCursor, time: string, key: string): boolean {
  if (cursor.since === undefined) return false;
  return time < cursor.since || (time === cursor.since && cursor.seenAtSince.includes(key));
}

export function advance(cursor: TimeCursor, time: string, key: string): TimeCursor {
  if (cursor.since === undefined || time > cursor.since) return { since: time, seenAtSince: [key] };
  return { since: cursor.since, seenAtSince: [...cursor.seenAtSince, key] };
}
