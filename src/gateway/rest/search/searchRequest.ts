import type { Knex } from 'knex';
import { badRequest } from '../problems.js';

export interface SortInstruction {
  field: string;
  order: 'asc' | 'desc';
}

export interface SearchRequest {
  from: number;
  limit: number;
  sort: SortInstruction[];
  filter: Record<string, unknown>;
}

/** Camunda's default page size. */
export const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `{page: {from, limit}, sort: [{field, order}], filter}`; anything malformed is a 400 naming the property. */
export function parseSearchRequest(body: unknown, sortFields: readonly string[]): SearchRequest {
  if (body === undefined || body === null || body === '') body = {};
  if (!isObject(body)) badRequest('The request body must be a JSON object');
  const page = body.page ?? {};
  if (!isObject(page)) badRequest("Property 'page' must be an object");
  const limit = page.limit ?? DEFAULT_LIMIT;
  let from = page.from ?? 0;
  if (page.after !== undefined) from = decodeCursor(page.after, 'page.after');
  if (page.before !== undefined) from = Math.max(0, decodeCursor(page.before, 'page.before') - (Number.isInteger(limit) ? (limit as number) : DEFAULT_LIMIT));
  if (!Number.isInteger(from) || (from as number) < 0) badRequest(`Property 'page.from' must be a non-negative integer, got ${JSON.stringify(from)}`);
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIMIT) {
    badRequest(`Property 'page.limit' must be an integer between 1 and ${MAX_LIMIT}, got ${JSON.stringify(limit)}`);
  }
  const sortInput = body.sort ?? [];
  if (!Array.isArray(sortInput)) badRequest("Property 'sort' must be an array of {field, order}");
  const sort = sortInput.map((entry: unknown, i): SortInstruction => {
    if (!isObject(entry) || typeof entry.field !== 'string') badRequest(`Property 'sort[${i}].field' is required`);
    if (!sortFields.includes(entry.field)) badRequest(`Unexpected value '${entry.field}' for 'sort[${i}].field'; expected one of ${sortFields.join(', ')}`);
    const order = entry.order === undefined ? 'asc' : String(entry.order).toLowerCase();
    if (order !== 'asc' && order !== 'desc') badRequest(`Unexpected value '${String(entry.order)}' for 'sort[${i}].order'; expected ASC or DESC`);
    return { field: entry.field, order };
  });
  const filter = body.filter ?? {};
  if (!isObject(filter)) badRequest("Property 'filter' must be an object");
  return { from: from as number, limit: limit as number, sort, filter };
}

export interface SearchResult<T> {
  items: T[];
  page: { totalItems: number; hasMoreTotalItems: boolean; startCursor?: string | null; endCursor?: string | null };
}

/**
 * Cursors are opaque base64 to clients; here they hold the offset of the row after the page end
 * (`after`) or of the page start (`before`), so cursor paging and `from` paging agree.
 */
function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: unknown, property: string): number {
  const match = typeof cursor === 'string' ? /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8')) : null;
  if (!match) badRequest(`Property '${property}' is not a cursor returned by this API`);
  return Number(match[1]);
}

function pageOf(total: number, from: number, count: number): SearchResult<never>['page'] {
  return {
    totalItems: total,
    hasMoreTotalItems: false,
    // Camunda 8.9 writes the cursors of an empty page as null.
    startCursor: count > 0 ? encodeCursor(from) : null,
    endCursor: count > 0 ? encodeCursor(from + count) : null,
  };
}

/**
 * Counts, sorts and pages a filtered query. `columns` maps API sort fields to SQL columns;
 * `tieBreaker` keeps pages stable (Camunda sorts by key last).
 */
export async function runSearch<Row, Item>(
  query: Knex.QueryBuilder,
  request: SearchRequest,
  columns: Record<string, string>,
  tieBreaker: string,
  map: (rows: Row[]) => Promise<Item[]> | Item[],
): Promise<SearchResult<Item>> {
  const count = query.clone().clearSelect().clearOrder().count({ n: '*' }).first() as Promise<{ n: number } | undefined>;
  for (const { field, order } of request.sort) {
    const column = columns[field];
    if (column.includes('(')) query.orderByRaw(`${column} ${order}`);
    else query.orderBy(column, order);
  }
  query.orderBy(tieBreaker, 'asc').offset(request.from).limit(request.limit);
  const [total, rows] = await Promise.all([count, query as Promise<Row[]>]);
  return { items: await map(rows), page: pageOf(Number(total?.n ?? 0), request.from, rows.length) };
}

/** For small tables searched in memory (process definitions). */
export function pageInMemory<T>(items: T[], request: SearchRequest, value: (item: T, field: string) => string | number | boolean | undefined): SearchResult<T> {
  const sorted = [...items];
  if (request.sort.length > 0) {
    sorted.sort((a, b) => {
      for (const { field, order } of request.sort) {
        const x = value(a, field);
        const y = value(b, field);
        if (x === y) continue;
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        return (x < y ? -1 : 1) * (order === 'asc' ? 1 : -1);
      }
      return 0;
    });
  }
  const pageItems = sorted.slice(request.from, request.from + request.limit);
  return { items: pageItems, page: pageOf(sorted.length, request.from, pageItems.length) };
}
