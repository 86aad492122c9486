import { badRequest } from './problems.js';

/** REST v2 keys are JSON strings holding an int64; the engine's keys are safe integers. */
export function parseKeyValue(value: unknown, property: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[0-9]{1,19}$/.test(text)) badRequest(`The value for ${property} is '${String(value)}' but must be a numeric key`);
  const key = Number(text);
  if (!Number.isSafeInteger(key) || key <= 0) badRequest(`The value for ${property} is '${text}' but must be a positive key`);
  return key;
}

/** ISO 8601 date-time (what Camunda accepts in date filters) → epoch millis. */
export function parseTimestamp(value: unknown, property: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) badRequest(`The value for ${property} is '${String(value)}' but must be an RFC 3339 date-time`);
  return ms;
}

export const iso = (epochMillis: number): string => new Date(epochMillis).toISOString();
export const isoOrUndefined = (epochMillis: number | null | undefined): string | undefined => (epochMillis === null || epochMillis === undefined ? undefined : iso(epochMillis));
/** Camunda 8.9 writes an absent date or key as null (the field is required). */
export const isoOrNull = (epochMillis: number | null | undefined): string | null => isoOrUndefined(epochMillis) ?? null;
export const keyOrNull = (key: number | null | undefined): string | null => keyString(key) ?? null;
export const keyString = (key: number | null | undefined): string | undefined => (key === null || key === undefined || key < 0 ? undefined : String(key));

/** Camunda search results show a variable's JSON truncated to this many characters. */
export const VARIABLE_PREVIEW_LIMIT = 8191;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Request-body `variables`: absent means none; anything but an object is a 400. */
export function parseVariablesObject(value: unknown, property = 'variables'): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) badRequest(`Property '${property}' must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  return value;
}

export function requireString(body: Record<string, unknown>, property: string, options: { allowEmpty?: boolean } = {}): string {
  const value = body[property];
  if (value === undefined || value === null) badRequest(`No ${property} provided`);
  if (typeof value !== 'string') badRequest(`Property '${property}' must be a string, got ${typeof value}`);
  if (!options.allowEmpty && value.trim() === '') badRequest(`No ${property} provided`);
  return value;
}

export function optionalString(body: Record<string, unknown>, property: string): string | undefined {
  const value = body[property];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') badRequest(`Property '${property}' must be a string, got ${typeof value}`);
  return value;
}

export function optionalInteger(body: Record<string, unknown>, property: string): number | undefined {
  const value = body[property];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return Number(value);
  if (!Number.isInteger(value)) badRequest(`Property '${property}' must be an integer, got ${JSON.stringify(value)}`);
  return value as number;
}

export function requireBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  if (!isObject(body)) badRequest('The request body must be a JSON object');
  return body;
}
