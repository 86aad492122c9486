import type { Knex } from 'knex';

export type SessionData = Record<string, unknown>;

interface SessionRow {
  id: string;
  user_id: string | null;
  data: string;
  created_at: string;
  expires_at: string;
}

/**
 * Server-side sessions, shaped as koa-session's external `store` (get/set/destroy), so the cookie
 * carries only the key. A `userId` string in the session data is also kept in its own column, so
 * deleting a user ends that user's sessions (ON DELETE CASCADE).
 */
export class SessionStore {
  constructor(
    private readonly knex: Knex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async get(key: string): Promise<SessionData | undefined> {
    const row = (await this.knex('sessions').where({ id: key }).first()) as SessionRow | undefined;
    if (!row || row.expires_at <= this.clock().toISOString()) return undefined;
    return JSON.parse(row.data) as SessionData;
  }

  async set(key: string, session: SessionData, maxAgeMs: number): Promise<void> {
    const now = this.clock();
    const row: SessionRow = {
      id: key,
      user_id: typeof session.userId === 'string' ? session.userId : null,
      data: JSON.stringify(session),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + maxAgeMs).toISOString(),
    };
    await this.knex('sessions')
      .insert(row)
      .onConflict('id')
      .merge(['user_id', 'data', 'expires_at']);
  }

  async destroy(key: string): Promise<void> {
    await this.knex('sessions').where({ id: key }).delete();
  }

  /** Ends every session of a user except `keep` (the one making the change); returns how many ended. */
  async destroyForUser(userId: string, keep?: string): Promise<number> {
    const q = this.knex('sessions').where({ user_id: userId });
    if (keep) q.whereNot({ id: keep });
    return q.delete();
  }

  /** Removes expired sessions; returns how many. Call it now and then (e.g. hourly). */
  async deleteExpired(): Promise<number> {
    return this.knex('sessions').where('expires_at', '<=', this.clock().toISOString()).delete();
  }
}
