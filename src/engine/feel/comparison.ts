import { FeelDate, FeelDateTime, FeelDuration, FeelRange, FeelTime, isFunction, isRange } from 'feelin';

/**
 * Camunda's FEEL (feel-scala ≥ 1.17, Camunda 8.3+) compares only values of the same type: `<`, `<=`,
 * `>`, `>=`, `between` and unary tests (`x in > 5`, `x in [1..10]`) give `null` for values of
 * different types or for a `null` operand (docs: "Boolean expressions", "Both values must be of the
 * same type. Otherwise, the result is null."; feel-scala#708). feelin orders mixed values with
 * JavaScript's `<`, so `1 < "a"` is false and `date("2020-01-01") > 3` is true. These helpers are
 * called in place of those operators (see rewrite.ts); the ordering itself stays feelin's.
 * `=` and `!=` are left to feelin, which already gives `null` for different types.
 */

/** The FEEL type of a value, fine enough to tell apart the types feel-scala refuses to compare. */
function feelType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return typeof value;
  if (value instanceof FeelDate) return 'date';
  if (value instanceof FeelTime) return 'time';
  if (value instanceof FeelDateTime) return 'date and time';
  // feel-scala keeps the two kinds of duration apart (ValYearMonthDuration, ValDayTimeDuration).
  if (value instanceof FeelDuration) return value.yearsMonths ? 'years and months duration' : 'days and time duration';
  if (Array.isArray(value)) return 'list';
  if (isRange(value)) return 'range';
  if (typeof value === 'function' || isFunction(value)) return 'function';
  return 'context';
}

/** Ordered types, mapped to the element type feelin's ranges use for them. */
const ORDERED: Record<string, string> = {
  number: 'number',
  string: 'string',
  date: 'date',
  time: 'time',
  'date and time': 'date time',
  'years and months duration': 'duration',
  'days and time duration': 'duration',
};

export type RelationalOperator = '<' | '<=' | '>' | '>=';

/** `left op right` with Camunda's null rules; the ordering of same-typed values is feelin's. */
export function compareValues(left: unknown, op: RelationalOperator, right: unknown): boolean | null {
  const type = feelType(left);
  if (type !== feelType(right)) return null;
  const valueType = ORDERED[type];
  if (!valueType) return null;
  const below = op === '<' || op === '<=';
  const range = new FeelRange({
    start: below ? null : right,
    end: below ? right : null,
    'start included': op === '>=',
    'end included': op === '<=',
    valueType,
  });
  return range.includes(left);
}

/** `value between low and high` is `value >= low and value <= high` (DMN 1.5 §10.3.2.8), null unless all three share a type. */
export function between(value: unknown, low: unknown, high: unknown): boolean | null {
  const type = feelType(value);
  if (type !== feelType(low) || type !== feelType(high)) return null;
  const atLeast = compareValues(value, '>=', low);
  const atMost = compareValues(value, '<=', high);
  return atLeast === null || atMost === null ? null : atLeast && atMost;
}

/**
 * The right side of `in` after evaluation. A range (an interval, or a unary comparison such as
 * `> 5`, which feelin evaluates to an open range) becomes a test that gives null for a value of
 * another type; anything else (a list, a value, a function) keeps feelin's membership rules.
 */
export function unaryTest(test: unknown): unknown {
  if (!isRange(test)) return test;
  return (value: unknown) => {
    if (value === null || value === undefined) return null;
    if (isRange(value)) return test.includes(value);
    const type = feelType(value);
    for (const bound of [test.start, test.end]) {
      if (bound !== null && bound !== undefined && feelType(bound) !== type) return null;
    }
    return ORDERED[type] ? test.includes(value) : null;
  };
}
