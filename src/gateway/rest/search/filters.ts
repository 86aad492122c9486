import type { Knex } from 'knex';
import { badRequest } from '../problems.js';
import { parseKeyValue, parseTimestamp } from '../values.js';

type Operators = Record<string, unknown>;

function operators(value: unknown, field: string): Operators | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const allowed = ['$eq', '$neq', '$exists', '$gt', '$gte', '$lt', '$lte', '$in', '$notIn', '$like'];
    for (const op of Object.keys(value)) if (!allowed.includes(op)) badRequest(`Unsupported operator '${op}' in filter '${field}'`);
    return value as Operators;
  }
  return undefined;
}

function list(value: unknown, field: string, op: string): unknown[] {
  if (!Array.isArray(value)) badRequest(`Filter '${field}.${op}' must be an array`);
  return value;
}

/** Camunda's `$like` uses `*` (any run) and `?` (one character); SQL LIKE needs its own wildcards escaped. */
function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%').replace(/\?/g, '_');
}

/**
 * Applies one field's filter: a plain value means `$eq`; an object holds operators. `convert` turns
 * each API value into the column's value (keys into numbers, dates into epoch millis, enums into
 * the engine's states) and may return several values for one (ACTIVE = ACTIVATING…TERMINATING).
 */
export function applyFilter(
  query: Knex.QueryBuilder,
  column: string,
  value: unknown,
  field: string,
  convert: (v: unknown) => unknown | unknown[] = (v) => v,
  options: { ordered?: boolean; like?: boolean } = {},
): void {
  if (value === undefined) return;
  // A plain column is bound as an identifier; an SQL expression (json_extract(...), julianday(...)) is used as written.
  const expr = column.includes('(') ? column : '??';
  const id = column.includes('(') ? [] : [column];
  const many = (v: unknown): Knex.Value[] => {
    const c = convert(v);
    return (Array.isArray(c) ? c : [c]) as Knex.Value[];
  };
  const whereIn = (values: Knex.Value[], not = false): void => {
    if (values.length === 0) {
      if (!not) query.whereRaw('0 = 1');
      return;
    }
    const marks = values.map(() => '?').join(', ');
    if (not) query.whereRaw(`(${expr} IS NULL OR ${expr} NOT IN (${marks}))`, [...id, ...id, ...values]);
    else query.whereRaw(`${expr} IN (${marks})`, [...id, ...values]);
  };
  const ops = operators(value, field);
  if (!ops) {
    if (value === null) badRequest(`Filter '${field}' must not be null`);
    whereIn(many(value));
    return;
  }
  for (const [op, operand] of Object.entries(ops)) {
    if (operand === undefined) continue;
    switch (op) {
      case '$eq':
        whereIn(many(operand));
        break;
      case '$neq':
        whereIn(many(operand), true);
        break;
      case '$exists':
        if (typeof operand !== 'boolean') badRequest(`Filter '${field}.$exists' must be a boolean`);
        query.whereRaw(`${expr} IS ${operand ? 'NOT ' : ''}NULL`, id);
        break;
      case '$in':
        whereIn(list(operand, field, op).flatMap(many));
        break;
      case '$notIn':
        whereIn(list(operand, field, op).flatMap(many), true);
        break;
      case '$like':
        if (!options.like) badRequest(`Operator '$like' is not supported for filter '${field}'`);
        if (typeof operand !== 'string') badRequest(`Filter '${field}.$like' must be a string`);
        query.whereRaw(`${expr} LIKE ? ESCAPE '\\'`, [...id, likePattern(operand)]);
        break;
      default: {
        if (!options.ordered) badRequest(`Operator '${op}' is not supported for filter '${field}'`);
        const sql = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op] as string;
        query.whereRaw(`${expr} ${sql} ?`, [...id, many(operand)[0]]);
      }
    }
  }
}

export const asString = (field: string) => (v: unknown): string => {
  if (typeof v !== 'string') badRequest(`Filter '${field}' must be a string, got ${JSON.stringify(v)}`);
  return v;
};

export const asKey = (field: string) => (v: unknown): number => parseKeyValue(v, `filter.${field}`);

export const asInteger = (field: string) => (v: unknown): number => {
  if (!Number.isInteger(v)) badRequest(`Filter '${field}' must be an integer, got ${JSON.stringify(v)}`);
  return v as number;
};

export const asEpochMillis = (field: string) => (v: unknown): number => parseTimestamp(v, `filter.${field}`);

/** An enum filter whose API values map onto one or more stored values. */
export const asEnum = (field: string, mapping: Record<string, string[]>) => (v: unknown): string[] => {
  if (typeof v !== 'string' || !(v in mapping)) badRequest(`Unexpected value ${JSON.stringify(v)} for filter '${field}'; expected one of ${Object.keys(mapping).join(', ')}`);
  return mapping[v];
};

export function asBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') badRequest(`Filter '${field}' must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

/** Rejects filter properties this gateway does not know, instead of silently ignoring them. */
export function checkFilterFields(filter: Record<string, unknown>, known: readonly string[]): void {
  for (const name of Object.keys(filter)) {
    if (!known.includes(name)) badRequest(`Unsupported filter property '${name}'; supported: ${known.join(', ')}`);
  }
}
