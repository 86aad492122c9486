import type { Knex } from 'knex';
import type { Store } from '../state/store.js';
import type { Key, TableName } from '../state/tables.js';

/** Runtime tables holding rows of one process instance, by `process_instance_key`. */
const INSTANCE_TABLES: TableName[] = [
  'element_instances',
  'variables',
  'jobs',
  'incidents',
  'user_tasks',
  'message_subscriptions',
  'message_start_locks',
  'timers',
  'signal_subscriptions',
  // The decisions a business rule task of the instance evaluated. A choice: a standalone evaluation
  // (EvaluateDecision, no process instance) is kept, since retention here removes only what an ended
  // instance owns and nothing ties a standalone evaluation to one.
  'decision_instances',
];
/** SQLite's bound-parameter limit is far above this; small lists keep each statement short. */
const IN_CHUNK = 500;

/**
 * The ended root instances (no parent) that retention may delete: ended before `before` (engine time), oldest first,
 * none with a called instance still running. Called instances go with their root, as Camunda cleans a hierarchy.
 */
export async function endedRootInstances(knex: Knex, before: number, limit: number): Promise<Key[]> {
  const rows = (await knex('process_instances as p')
    .select('p.key')
    .whereNot('p.state', 'ACTIVE')
    .whereNotNull('p.end_date')
    .where('p.end_date', '<', before)
    .whereNull('p.parent_process_instance_key')
    .whereNotExists(knex('process_instances as c').select(knex.raw('1')).whereRaw('c.parent_process_instance_key = p.key').where('c.state', 'ACTIVE'))
    .orderBy('p.end_date')
    .limit(limit)) as { key: Key }[];
  return rows.map((r) => Number(r.key));
}

/** The instances and every instance they called, at any depth. */
async function withDescendants(trx: Knex.Transaction, roots: Key[]): Promise<Key[]> {
  const all = new Set<Key>(roots);
  let level = roots;
  while (level.length > 0) {
    const next: Key[] = [];
    for (let i = 0; i < level.length; i += IN_CHUNK) {
      const rows = (await trx('process_instances').select('key').whereIn('parent_process_instance_key', level.slice(i, i + IN_CHUNK))) as { key: Key }[];
      for (const { key } of rows) if (!all.has(Number(key))) next.push(Number(key));
    }
    for (const key of next) all.add(key);
    level = next;
  }
  return [...all];
}

export interface DeletedRows {
  instances: number;
  rows: Partial<Record<TableName | 'records', number>>;
}

/**
 * Deletes, in one transaction, the given ended root instances with their called instances: every runtime row and
 * every record of the log that carries their key, and the instance rows themselves. Then the engine's read cache
 * forgets those rows, so a later command on one of them meets NOT_FOUND as after Camunda's cleanup. Nothing a
 * running instance holds is touched: every row deleted carries the key of an ended instance.
 */
export async function deleteEndedInstances(knex: Knex, store: Store, roots: Key[]): Promise<DeletedRows> {
  const forgotten: { table: TableName; key: Key }[] = [];
  const deleted: DeletedRows = { instances: 0, rows: {} };
  if (roots.length === 0) return deleted;
  await knex.transaction(async (trx) => {
    const keys = await withDescendants(trx, roots);
    for (let i = 0; i < keys.length; i += IN_CHUNK) {
      const chunk = keys.slice(i, i + IN_CHUNK);
      for (const table of INSTANCE_TABLES) {
        const rowKeys = (await trx(table).whereIn('process_instance_key', chunk).pluck('key')) as Key[];
        if (rowKeys.length === 0) continue;
        for (let j = 0; j < rowKeys.length; j += IN_CHUNK) await trx(table).whereIn('key', rowKeys.slice(j, j + IN_CHUNK)).delete();
        for (const key of rowKeys) forgotten.push({ table, key: Number(key) });
        deleted.rows[table] = (deleted.rows[table] ?? 0) + rowKeys.length;
      }
      deleted.rows.records = (deleted.rows.records ?? 0) + (await trx('records').whereIn('process_instance_key', chunk).delete());
      deleted.instances += await trx('process_instances').whereIn('key', chunk).delete();
      for (const key of chunk) forgotten.push({ table: 'process_instances', key });
    }
  });
  for (const { table, key } of forgotten) {
    store.forget(table, key);
    store.groups.written(table, key, null);
  }
  deleted.rows.process_instances = deleted.instances;
  return deleted;
}

/**
 * Records that belong to no instance and to no definition: messages published, correlated or expired, and signals
 * broadcast. Those older than `before` go too (at most `limit` per call), except a message's while it is still
 * buffered; deployment and definition records stay with the definitions they describe.
 */
export async function deleteInstancelessRecords(knex: Knex, before: number, limit: number): Promise<number> {
  const positions = knex('records')
    .select('position')
    .whereIn('value_type', ['MESSAGE', 'SIGNAL'])
    .whereNull('process_instance_key')
    .where('timestamp', '<', before)
    .whereNotIn('key', knex('messages').select('key'))
    .limit(limit);
  return knex('records').whereIn('position', positions).delete();
}
