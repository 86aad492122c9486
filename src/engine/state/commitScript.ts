import type { Knex } from 'knex';
import type { RecordRow } from './tables.js';
import { stringifyExactJson } from '../exactJson.js';

/**
 * A batch's commit as ONE SQL script that SQLite runs on its own thread (`sqlite3_exec`): BEGIN, every
 * statement, COMMIT. Through knex each statement of a transaction was a round trip to the SQLite thread and
 * back through the main thread's event loop (about ten per batch); while the main thread processed the next
 * batch, every one of them waited for a free turn, so a batch took 10–20 ms to reach the disk with 0.5 ms of
 * SQL in it. One script is one round trip.
 *
 * The data travels as JSON texts that SQLite unpacks with `json_each`, as string literals. They come from
 * `JSON.stringify`, which escapes every control character, so they hold no NUL (that would end the script);
 * a quote is doubled, the only escape an SQLite string literal has. A row holding something else than numbers,
 * strings, booleans and null cannot go this way (`scriptable` says so): no engine table has such a column (JSON
 * columns are encoded to text first), so `Batch.commit` refuses the batch rather than keep a second write path.
 */

type Row = Record<string, unknown>;

/** Rows per statement when they travel as one JSON text. */
const JSON_ROWS_PER_STATEMENT = 5_000;
const KEYS_PER_DELETE = 1_000;

const isPlain = (value: unknown): boolean => value === null || value === undefined || typeof value !== 'object';

/** Whether every value of the rows can be written through a JSON text (see the file's comment). */
export function scriptable(rows: Iterable<Row>): boolean {
  for (const row of rows) for (const name in row) if (!isPlain(row[name])) return false;
  return true;
}

/** A JSON text as an SQLite string literal. */
export function jsonLiteral(json: string): string {
  return `'${json.includes("'") ? json.replaceAll("'", "''") : json}'`;
}

/** `insert … select … from json_each(<rows>)`, as upserts on `key` when `upsert`; `columns` in the tuples' order. */
function insertFromJson(table: string, columns: readonly string[], tuplesJson: string, upsert: boolean): string {
  const quoted = columns.map((c) => `"${c}"`);
  const conflict = upsert ? ` on conflict ("key") do update set ${quoted.filter((c) => c !== '"key"').map((c) => `${c} = excluded.${c}`).join(', ')}` : '';
  // `where true`: SQLite needs it to tell the upsert clause from a join constraint after a SELECT.
  return `insert into "${table}" (${quoted.join(', ')}) select ${columns.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(${jsonLiteral(tuplesJson)}) where true${conflict}`;
}

/** Statements replacing (by `key`) the rows given; every row must be `scriptable`. */
export function upsertStatements(table: string, rows: readonly Row[]): string[] {
  if (rows.length === 0) return [];
  const names = new Set<string>();
  for (const row of rows) for (const name in row) names.add(name);
  const columns = [...names];
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += JSON_ROWS_PER_STATEMENT) {
    const tuples = rows.slice(i, i + JSON_ROWS_PER_STATEMENT).map((row) => columns.map((column) => row[column] ?? null));
    statements.push(insertFromJson(table, columns, JSON.stringify(tuples), true));
  }
  return statements;
}

/** Statements deleting the rows with these keys (engine keys: safe integers). */
export function deleteStatements(table: string, keys: readonly number[]): string[] {
  const statements: string[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_DELETE) {
    const part = keys.slice(i, i + KEYS_PER_DELETE);
    for (const key of part) if (!Number.isSafeInteger(key)) throw new Error(`engine: cannot delete ${table} row with key ${String(key)}: not an integer`);
    statements.push(`delete from "${table}" where "key" in (${part.join(',')})`);
  }
  return statements;
}

const RECORD_COLUMNS = ['position', 'key', 'timestamp', 'record_type', 'value_type', 'intent', 'process_instance_key', 'element_id', 'value', 'actor_id', 'actor_type'];

/**
 * Statements appending a batch's records from `firstPosition` on; each record goes straight into its JSON
 * tuple, its value as exact JSON text. Returns them with the next free position.
 */
export function recordStatements(records: readonly Omit<RecordRow, 'position'>[], firstPosition: number): { statements: string[]; next: number } {
  let position = firstPosition;
  const statements: string[] = [];
  for (let i = 0; i < records.length; i += JSON_ROWS_PER_STATEMENT) {
    const end = Math.min(records.length, i + JSON_ROWS_PER_STATEMENT);
    const tuples: string[] = [];
    for (let j = i; j < end; j++) {
      const r = records[j];
      tuples.push(JSON.stringify([position++, r.key, r.timestamp, r.record_type, r.value_type, r.intent, r.process_instance_key, r.element_id, stringifyExactJson(r.value), r.actor_id ?? null, r.actor_type ?? null]));
    }
    statements.push(insertFromJson('records', RECORD_COLUMNS, `[${tuples.join(',')}]`, false));
  }
  return { statements, next: position };
}

interface SqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

const exec = (connection: SqliteConnection, sql: string): Promise<void> =>
  new Promise((resolve, reject) => connection.exec(sql, (error) => (error ? reject(error) : resolve())));

/**
 * Runs the statements as one transaction in one script on the engine's single connection, taken from knex's
 * pool for the time of the write so no other query runs inside the transaction; `opened` is called once the
 * script is on its way (the next batch may be processed meanwhile: its reads wait behind it). On failure the
 * transaction is rolled back before the connection goes back to the pool, and the error is SQLite's.
 */
export async function runScript(knex: Knex, statements: readonly string[], opened: () => void): Promise<void> {
  const client = knex.client as { acquireConnection(): Promise<SqliteConnection>; releaseConnection(connection: SqliteConnection): Promise<unknown> };
  const connection = await client.acquireConnection();
  try {
    const written = exec(connection, `BEGIN;\n${statements.join(';\n')};\nCOMMIT;`);
    opened();
    await written.catch(async (error: Error) => {
      // A failed statement leaves the transaction open; a failed COMMIT may already have ended it.
      await exec(connection, 'ROLLBACK').catch(() => undefined);
      throw error;
    });
  } finally {
    await client.releaseConnection(connection);
  }
}
