import type { Knex } from 'knex';
import { decode, matches, type AnyRow } from './store.js';
import type { Key, TableName } from './tables.js';

export type GroupValue = Key | string;

/**
 * Tables also cached as complete sets of rows per value of one column, so the look-ups the
 * processor repeats on every step (variables of a scope chain, versions of a process) need no query.
 */
export const groupColumns: Partial<Record<TableName, string>> = { variables: 'scope_key', process_definitions: 'bpmn_process_id' };

type Group = Map<Key, AnyRow>;

/**
 * Complete row sets of grouped tables, bounded and least-recently-used first out. The processor is
 * the only writer and tells the cache every row it writes as soon as a batch is processed, so a cached
 * group is the group on disk once the batch in flight is written (a failed write clears the cache).
 *
 * A scope created by this process (key ≥ the first key it generated) has had every one of its rows
 * committed through here; as long as no group with a key that high was dropped, a scope without a
 * group has no rows at all and needs no query. That is what spares a fresh instance its reads.
 */
export class GroupCache {
  private readonly groups = new Map<TableName, Map<GroupValue, Group>>();
  /** Row key → group value, for the rows held in `groups`. */
  private readonly groupOfRow = new Map<TableName, Map<Key, GroupValue>>();
  private readonly rowCounts = new Map<TableName, number>();
  /** Numeric group values at or below this may have rows on disk that no group here holds. */
  private unknownUpTo: number;

  constructor(
    private readonly knex: Knex,
    firstFreshKey: number,
    private readonly maxRowsPerTable: number,
  ) {
    this.unknownUpTo = firstFreshKey - 1;
  }

  private groupsOf(table: TableName): Map<GroupValue, Group> {
    let byValue = this.groups.get(table);
    if (!byValue) this.groups.set(table, (byValue = new Map()));
    return byValue;
  }

  private rowGroupsOf(table: TableName): Map<Key, GroupValue> {
    let rowGroups = this.groupOfRow.get(table);
    if (!rowGroups) this.groupOfRow.set(table, (rowGroups = new Map()));
    return rowGroups;
  }

  private noteUnknown(value: GroupValue): void {
    if (typeof value === 'number' && value > this.unknownUpTo) this.unknownUpTo = value;
  }

  /**
   * Committed rows matching `where`, when `where` names the table's group column: from memory,
   * loading the missing groups whole in one query. Undefined when the table or look-up is not grouped.
   */
  async find(table: TableName, where: Record<string, unknown>): Promise<AnyRow[] | undefined> {
    const column = groupColumns[table];
    const wanted = column === undefined ? undefined : where[column];
    if (column === undefined || wanted === undefined || wanted === null) return undefined;
    const values = (Array.isArray(wanted) ? wanted : [wanted]) as GroupValue[];
    const byValue = this.groupsOf(table);
    const sets = new Map<GroupValue, Group>();
    const missing: GroupValue[] = [];
    for (const value of values) {
      const group = byValue.get(value);
      if (group) {
        byValue.delete(value);
        byValue.set(value, group);
        sets.set(value, group);
      } else if (typeof value === 'number' && value > this.unknownUpTo) {
        sets.set(value, new Map());
      } else missing.push(value);
    }
    if (missing.length > 0) {
      const loaded = new Map<GroupValue, Group>(missing.map((value) => [value, new Map()]));
      for (let i = 0; i < missing.length; i += 500) {
        for (const raw of (await this.knex(table).select('*').whereIn(column, missing.slice(i, i + 500))) as Record<string, unknown>[]) {
          const row = decode(table, raw) as unknown as AnyRow;
          loaded.get(row[column] as GroupValue)?.set(row.key, row);
        }
      }
      for (const [value, rows] of loaded) {
        sets.set(value, rows);
        this.add(table, value, rows);
      }
    }
    const result: AnyRow[] = [];
    for (const value of values) for (const row of sets.get(value)?.values() ?? []) if (matches(row, where)) result.push(row);
    return result;
  }

  /** Keeps the groups complete when a processed batch writes (`row`) or deletes (`null`) a row. */
  written(table: TableName, key: Key, row: AnyRow | null): void {
    const column = groupColumns[table];
    if (column === undefined) return;
    const byValue = this.groupsOf(table);
    const rowGroups = this.rowGroupsOf(table);
    const before = rowGroups.get(key);
    if (before !== undefined && (row === null || row[column] !== before)) {
      if (byValue.get(before)?.delete(key)) this.rowCounts.set(table, (this.rowCounts.get(table) ?? 0) - 1);
      rowGroups.delete(key);
    }
    if (row === null) return;
    const value = row[column] as GroupValue;
    const group = byValue.get(value);
    if (group) {
      const added = !group.has(key);
      group.set(key, row);
      rowGroups.set(key, value);
      if (added) this.count(table, 1, value);
    } else if (typeof value === 'number' && value > this.unknownUpTo) {
      this.add(table, value, new Map([[key, row]]));
    }
  }

  /** After a failed commit nothing cached is trusted any more. */
  clear(): void {
    for (const byValue of this.groups.values()) for (const value of byValue.keys()) this.noteUnknown(value);
    this.groups.clear();
    this.groupOfRow.clear();
    this.rowCounts.clear();
  }

  get size(): number {
    let total = 0;
    for (const count of this.rowCounts.values()) total += count;
    return total;
  }

  private add(table: TableName, value: GroupValue, rows: Group): void {
    this.groupsOf(table).set(value, rows);
    const rowGroups = this.rowGroupsOf(table);
    for (const key of rows.keys()) rowGroups.set(key, value);
    this.count(table, rows.size, value);
  }

  /** Bounded like the row cache: the least recently used groups go first, never the one in use. */
  private count(table: TableName, delta: number, inUse: GroupValue): void {
    let count = (this.rowCounts.get(table) ?? 0) + delta;
    const byValue = this.groupsOf(table);
    while (count > this.maxRowsPerTable) {
      const oldest = byValue.keys().next();
      if (oldest.done || oldest.value === inUse) break;
      count -= this.drop(table, oldest.value);
    }
    this.rowCounts.set(table, count);
  }

  private drop(table: TableName, value: GroupValue): number {
    const group = this.groups.get(table)?.get(value);
    if (!group) return 0;
    this.groups.get(table)?.delete(value);
    const rowGroups = this.groupOfRow.get(table);
    for (const key of group.keys()) rowGroups?.delete(key);
    this.noteUnknown(value);
    return group.size;
  }
}
