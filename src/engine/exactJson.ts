import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * JSON for variable values that keeps integers beyond 2^53 exact, as Zeebe does (its variables are
 * MessagePack with int64). Such an integer is held as a `bigint`; every other number stays a `number`.
 * Plain `JSON.parse`/`JSON.stringify` run whenever the text or value cannot hold one (the common case):
 * no run of 16 digits means no unsafe integer, and `JSON.stringify` throws on a bigint.
 */
const LONG_DIGIT_RUN = /[0-9]{16}/;

function parseNumber(text: string): number | bigint {
  return isInteger(text) && !isSafeNumber(text) ? BigInt(text) : Number(text);
}

/** Whether a JSON text may hold an integer beyond 2^53 (a run of 16 digits). */
export function mayHoldUnsafeInteger(text: string): boolean {
  return LONG_DIGIT_RUN.test(text);
}

export function parseExactJson(text: string): unknown {
  return LONG_DIGIT_RUN.test(text) ? parse(text, null, parseNumber) : JSON.parse(text);
}

export function stringifyExactJson(value: unknown): string {
  try {
    return JSON.stringify(value) as string;
  } catch (error) {
    if (!(error instanceof TypeError) || !/BigInt/i.test(error.message)) throw error;
    return stringify(value) as string;
  }
}

/** The same value with bigints as (nearest) numbers, for code that computes with doubles (FEEL). */
export function withoutBigInts<T>(value: T): T {
  if (typeof value === 'bigint') return Number(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let changed: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = withoutBigInts(item);
      if (next !== item) (changed ??= [...value])[i] = next;
    });
    return (changed ?? value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let changed: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const next = withoutBigInts(item);
    if (next !== item) (changed ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return (changed ?? value) as T;
}
