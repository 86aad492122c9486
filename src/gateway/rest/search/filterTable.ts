import type { Knex } from 'knex';
import { applyFilter, asEnum, asEpochMillis, asInteger, asKey, asString, checkFilterFields } from './filters.js';

/** How one API filter field is matched by a column (or an SQL expression over the row). */
export interface ColumnFilter {
  column: string;
  /** Reads the API value(s) as the column's, naming `field` in the 400 when it cannot. */
  convert: (field: string) => (v: unknown) => unknown;
  /** Allows `$gt`, `$gte`, `$lt`, `$lte`. */
  ordered?: boolean;
  /** Allows `$like`. */
  like?: boolean;
}

/**
 * A field the search accepts but matches with code of its own, written out after the table is
 * applied: exists sub-queries, booleans, fields computed in memory, values this gateway refuses.
 */
export const CUSTOM = 'custom';

/**
 * A search's filter fields, in the order the "supported:" list of the 400 names them; each maps to
 * its column or is `CUSTOM`.
 */
export type FilterTable = Readonly<Record<string, ColumnFilter | typeof CUSTOM>>;

export const key = (column: string): ColumnFilter => ({ column, convert: asKey });
export const exactString = (column: string): ColumnFilter => ({ column, convert: asString });
export const likeString = (column: string): ColumnFilter => ({ column, convert: asString, like: true });
export const integer = (column: string): ColumnFilter => ({ column, convert: asInteger, ordered: true });
export const epochMillis = (column: string): ColumnFilter => ({ column, convert: asEpochMillis, ordered: true });
/** An enum whose API values map onto one or more stored values. */
export const enumOf = (column: string, mapping: Record<string, string[]>): ColumnFilter => ({ column, convert: (field) => asEnum(field, mapping) });

/** An enum mapping for values stored as the API writes them. */
export const storedAsIs = (values: readonly string[]): Record<string, string[]> => Object.fromEntries(values.map((v) => [v, [v]]));

/** Rejects filter properties the table does not name. */
export function checkFilterTable(filter: Record<string, unknown>, table: FilterTable): void {
  checkFilterFields(filter, Object.keys(table));
}

/** Applies the table's column filters in its order; `CUSTOM` fields are left to the caller. */
export function applyFilterTable(query: Knex.QueryBuilder, filter: Record<string, unknown>, table: FilterTable): void {
  for (const [field, spec] of Object.entries(table)) {
    if (spec === CUSTOM) continue;
    applyFilter(query, spec.column, filter[field], field, spec.convert(field), { ordered: spec.ordered, like: spec.like });
  }
}
