import { appendOnlyGuardStatements, dialectOf, dropAppendOnlyGuardStatements } from '../../src/db/dialect.js';
import type { AppDatabase } from '../../src/db/index.js';
import type { AuditEntryInput } from '../../src/audit/index.js';

/** A clock that ticks one second per call from a fixed instant, so timestamps are predictable. */
export function steppingClock(start = '2025-03-03T08:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

/** A plausible UPD step on instance 2251799813685249 + i, in Comune 048017 (Firenze). */
export function updEntry(i: number, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    actor: { type: 'worker', id: 'disciplinare-worker', jobKey: String(2251799813690000 + i) },
    action: 'job.complete',
    entity: { type: 'job', key: String(2251799813690000 + i), processInstanceKey: '2251799813685249', comune: '048017' },
    data: { step: i, esito: 'ok' },
    legalRule: 'art. 55-bis c. 2 d.lgs. 165/2001',
    ...overrides,
  };
}

/**
 * Runs `tamper` the way someone with direct database access would: the append-only guards are
 * lifted first (a table owner can always do that) and put back afterwards.
 */
export async function tamperAsDatabaseOwner(db: AppDatabase, tamper: (knex: AppDatabase['knex']) => Promise<unknown>): Promise<void> {
  const dialect = dialectOf(db.knex);
  for (const sql of dropAppendOnlyGuardStatements(dialect, 'audit_entries')) await db.knex.raw(sql);
  for (const sql of dropAppendOnlyGuardStatements(dialect, 'audit_anchors')) await db.knex.raw(sql);
  try {
    await tamper(db.knex);
  } finally {
    for (const sql of appendOnlyGuardStatements(dialect, 'audit_entries')) await db.knex.raw(sql);
    for (const sql of appendOnlyGuardStatements(dialect, 'audit_anchors')) await db.knex.raw(sql);
  }
}
