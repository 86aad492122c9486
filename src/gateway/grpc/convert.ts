import { reject } from '../../engine/errors.js';
import type { Variables } from '../../engine/feel/feel.js';
import { parseExactJson } from '../../engine/exactJson.js';

/** Variables travel as a JSON document that must be an object (Zeebe: "a root level object"). */
export function parseVariables(text: string | undefined, property = 'variables'): Variables {
  if (text === undefined || text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = parseExactJson(text);
  } catch (error) {
    reject('INVALID_ARGUMENT', `Property '${property}' is invalid: Expected document to be valid JSON, but it was not: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'ARRAY' : value === null ? 'NIL' : typeof value === 'string' ? 'STRING' : typeof value === 'number' ? 'NUMBER' : 'BOOLEAN';
    reject('INVALID_ARGUMENT', `Property '${property}' is invalid: Expected document to be a root level object, but was '${kind}'`);
  }
  return value as Variables;
}

/** int64 fields arrive as strings (proto-loader `longs: String`); keys must be positive integers. */
export function parseKey(value: string | number | undefined, property: string): number {
  const key = Number(value);
  if (!Number.isSafeInteger(key) || key <= 0) reject('INVALID_ARGUMENT', `Property '${property}' is invalid: expected a positive key, got '${value}'`);
  return key;
}

export function parseLong(value: string | number | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export function keyString(key: number): string {
  return String(key);
}
