import type { Knex } from 'knex';
import { GroupCache, groupColumns, type GroupValue } from './groupCache.js';
import { deleteStatements, runScript, scriptable, upsertStatements } from './commitScript.js';
import { jsonColumns, type Key, type RecordRow, type TableName, type TableRows } from './tables.js';
import { parseExactJson, stringifyExactJson } from '../exactJson.js';

export type AnyRow = { key: Key } & Record<string, unknown>;
export type Where<T> = { [K in keyof T]?: T[K] | T[K][] };
export interface FindOptions<T> {
  orderBy?: keyof T & string;
  limit?: number;
}

const ABSENT = Symbol('absent');
const CACHE_ROWS_PER_TABLE = 20_000;

export function decode<T extends TableName>(table: T, raw: Record<string, unknown>): TableRows[T] {
  const row = { ...raw };
  for (const column of jsonColumns[table] as string[]) {
    if (typeof row[column] === 'string') row[column] = parseExactJson(row[column] as string);
  }
  return row as unknown as TableRows[T];
}

function encode(table: TableName, row: AnyRow): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const column of jsonColumns[table] as string[]) out[column] = stringifyExactJson(row[column] ?? null);
  return out;
}

export function matches(row: AnyRow, where: Record<string, unknown>): boolean {
  for (const [column, expected] of Object.entries(where)) {
    if (Array.isArray(expected) ? !expected.includes(row[column]) : row[column] !== expected) return false;
  }
  return true;
}

function applyWhere(query: Knex.QueryBuilder, where: Record<string, unknown>): Knex.QueryBuilder {
  for (const [column, expected] of Object.entries(where)) {
    if (Array.isArray(expected)) query.whereIn(column, expected);
    else if (expected === null) query.whereNull(column);
    else query.where(column, expected as Knex.Value);
  }
  return query;
}

/**
 * The engine's state on disk, with a bounded read cache. The processor is the only writer, so a
 * cached row is the row as the last processed batch left it: committed, or being written by the one
 * transaction in flight (a failed write clears the cache). Memory only spares a read.
 */
export class Store {
  private readonly cache = new Map<TableName, Map<Key, AnyRow>>();
  readonly groups: GroupCache;

  /** `firstFreshKey`: the first key this process generates (see GroupCache). */
  constructor(
    readonly knex: Knex,
    firstFreshKey = Number.POSITIVE_INFINITY,
  ) {
    this.groups = new GroupCache(knex, firstFreshKey, CACHE_ROWS_PER_TABLE);
  }

  begin(): Batch {
    return new Batch(this);
  }

  cached(table: TableName, key: Key): AnyRow | undefined {
    return this.cache.get(table)?.get(key);
  }

  remember(table: TableName, row: AnyRow): void {
    let rows = this.cache.get(table);
    if (!rows) this.cache.set(table, (rows = new Map()));
    rows.delete(row.key);
    rows.set(row.key, row);
    if (rows.size > CACHE_ROWS_PER_TABLE) rows.delete(rows.keys().next().value as Key);
  }

  forget(table: TableName, key: Key): void {
    this.cache.get(table)?.delete(key);
  }

  clearCache(): void {
    this.cache.clear();
    this.groups.clear();
  }
}

type UndoEntry = { table: TableName; key: Key; previous: AnyRow | null | typeof ABSENT };

/**
 * One group-commit unit: every command of a batch reads through it and writes into it; `commit`
 * writes everything in one SQLite transaction. A command that fails is rolled back to its mark
 * without touching the other commands of the batch.
 */
export class Batch {
  private readonly pending = new Map<TableName, Map<Key, AnyRow | null>>();
  /** Keys of pending rows by group value, so a grouped look-up does not scan every pending row. */
  private readonly pendingGroups = new Map<TableName, Map<GroupValue, Set<Key>>>();
  private readonly undo: UndoEntry[] = [];
  readonly records: Omit<RecordRow, 'position'>[] = [];
  private readonly effects: (() => void)[] = [];

  constructor(private readonly store: Store) {}

  private pendingOf(table: TableName): Map<Key, AnyRow | null> {
    let rows = this.pending.get(table);
    if (!rows) this.pending.set(table, (rows = new Map()));
    return rows;
  }

  async get<T extends TableName>(table: T, key: Key | null | undefined): Promise<TableRows[T] | undefined> {
    if (key === null || key === undefined) return undefined;
    const pending = this.pending.get(table);
    if (pending?.has(key)) return (pending.get(key) ?? undefined) as TableRows[T] | undefined;
    const cached = this.store.cached(table, key);
    if (cached) return cached as unknown as TableRows[T];
    const raw = await this.store.knex(table).where('key', key).first();
    if (!raw) return undefined;
    const row = decode(table, raw);
    this.store.remember(table, row as unknown as AnyRow);
    return row;
  }

  async find<T extends TableName>(table: T, where: Where<TableRows[T]>, options: FindOptions<TableRows[T]> = {}): Promise<TableRows[T][]> {
    const orderBy = options.orderBy ?? 'key';
    const pending = this.pending.get(table);
    const grouped = await this.store.groups.find(table, where as Record<string, unknown>);
    let rows: AnyRow[];
    if (grouped) rows = grouped;
    else {
      const query = applyWhere(this.store.knex(table).select('*'), where as Record<string, unknown>).orderBy(orderBy);
      if (options.limit !== undefined) query.limit(options.limit + (pending?.size ?? 0));
      rows = ((await query) as Record<string, unknown>[]).map((raw) => decode(table, raw) as unknown as AnyRow);
    }
    let result = rows;
    if (grouped || (pending && pending.size > 0)) {
      if (pending && pending.size > 0) {
        result = rows.filter((row) => !pending.has(row.key));
        result.push(...this.pendingMatches(table, pending, where as Record<string, unknown>));
      }
      result.sort((a, b) => {
        const x = a[orderBy] as number | string;
        const y = b[orderBy] as number | string;
        return x < y ? -1 : x > y ? 1 : a.key - b.key;
      });
    }
    if (options.limit !== undefined) result = result.slice(0, options.limit);
    return result as unknown as TableRows[T][];
  }

  private pendingMatches(table: TableName, pending: Map<Key, AnyRow | null>, where: Record<string, unknown>): AnyRow[] {
    const column = groupColumns[table];
    const wanted = column === undefined ? undefined : where[column];
    const index = this.pendingGroups.get(table);
    const found: AnyRow[] = [];
    if (index && wanted !== undefined && wanted !== null) {
      const seen = new Set<Key>();
      for (const value of (Array.isArray(wanted) ? wanted : [wanted]) as GroupValue[]) {
        for (const key of index.get(value) ?? []) {
          const row = seen.has(key) ? undefined : pending.get(key);
          seen.add(key);
          if (row && matches(row, where)) found.push(row);
        }
      }
      return found;
    }
    for (const row of pending.values()) if (row && matches(row, where)) found.push(row);
    return found;
  }

  put<T extends TableName>(table: T, row: TableRows[T]): void {
    const rows = this.pendingOf(table);
    const key = (row as unknown as AnyRow).key;
    const column = groupColumns[table];
    if (column !== undefined) {
      let index = this.pendingGroups.get(table);
      if (!index) this.pendingGroups.set(table, (index = new Map()));
      const value = (row as unknown as AnyRow)[column] as GroupValue;
      let keys = index.get(value);
      if (!keys) index.set(value, (keys = new Set()));
      keys.add(key);
    }
    this.undo.push({ table, key, previous: rows.has(key) ? (rows.get(key) ?? null) : ABSENT });
    rows.set(key, row as unknown as AnyRow);
  }

  delete(table: TableName, key: Key): void {
    const rows = this.pendingOf(table);
    this.undo.push({ table, key, previous: rows.has(key) ? (rows.get(key) ?? null) : ABSENT });
    rows.set(key, null);
  }

  record(record: Omit<RecordRow, 'position'>): void {
    this.records.push(record);
  }

  /** Runs after the batch is on disk (responses to clients, wake-ups); dropped on rollback. */
  afterCommit(effect: () => void): void {
    this.effects.push(effect);
  }

  mark(): { undo: number; records: number; effects: number } {
    return { undo: this.undo.length, records: this.records.length, effects: this.effects.length };
  }

  rollbackTo(mark: { undo: number; records: number; effects: number }): void {
    while (this.undo.length > mark.undo) {
      const entry = this.undo.pop() as UndoEntry;
      const rows = this.pendingOf(entry.table);
      if (entry.previous === ABSENT) rows.delete(entry.key);
      else rows.set(entry.key, entry.previous);
    }
    this.records.length = mark.records;
    this.effects.length = mark.effects;
  }

  get isEmpty(): boolean {
    return this.records.length === 0 && [...this.pending.values()].every((rows) => rows.size === 0);
  }

  /**
   * Puts the batch's rows in the read caches once its processing is over, before it is written, so the
   * next batch reads them while this one is being written. A failed write clears the caches.
   */
  applyToCache(): void {
    for (const [table, rows] of this.pending) {
      for (const [key, row] of rows) {
        if (row === null) this.store.forget(table, key);
        else this.store.remember(table, row);
        this.store.groups.written(table, key, row);
      }
    }
  }

  /**
   * Writes the batch in one transaction, one script (`commitScript.ts`): `before`, statements that go first
   * (the key high-water mark, the records), then every row deleted or written. `opened` as in `runScript`.
   */
  async commit(before: readonly string[], opened: () => void): Promise<void> {
    const statements = [...before];
    for (const [table, rows] of this.pending) {
      const deleted: Key[] = [];
      const upserts: Record<string, unknown>[] = [];
      for (const [key, row] of rows) {
        if (row === null) deleted.push(key);
        else upserts.push(encode(table, row));
      }
      if (!scriptable(upserts)) throw new Error(`engine: a ${table} row holds a value that is not a number, string, boolean or null`);
      statements.push(...deleteStatements(table, deleted), ...upsertStatements(table, upserts));
    }
    await runScript(this.store.knex, statements, opened);
  }

  runEffects(): void {
    for (const effect of this.effects) effect();
  }
}
