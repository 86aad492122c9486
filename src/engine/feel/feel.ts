import { evaluate, FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { camundaBuiltins, FeelAssertionError } from './builtins.js';
import { comparisonBuiltins, withCamundaComparisons } from './rewrite.js';
import { findSyntaxProblem } from './syntax.js';
import { withoutBigInts } from '../exactJson.js';

const builtins = { ...camundaBuiltins, ...comparisonBuiltins };

/** Values as they travel in variables: JSON. */
/** Integers beyond 2^53 are bigints (see exactJson.ts). */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };
export type Variables = Record<string, JsonValue>;

/** A failure to evaluate an expression at run time; becomes an incident. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    /** The incident type Zeebe raises for this failure. */
    readonly incidentType: 'EXTRACT_VALUE_ERROR' | 'IO_MAPPING_ERROR' | 'CONDITION_ERROR' | 'CALLED_ELEMENT_ERROR' | 'FORM_NOT_FOUND' | 'CALLED_DECISION_ERROR' | 'DECISION_EVALUATION_ERROR' = 'EXTRACT_VALUE_ERROR',
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** In Zeebe a property value starting with `=` is a FEEL expression; anything else is a static value. */
export function isExpression(text: string): boolean {
  return text.trimStart().startsWith('=');
}

function body(text: string): string {
  return text.trimStart().slice(1);
}

/** Returns an error message when the expression does not parse, else undefined. */
export function checkExpressionSyntax(text: string): string | undefined {
  if (!isExpression(text)) return undefined;
  const source = body(text).trim();
  if (source === '') return `failed to parse expression '${text}': expression is empty`;
  // Parsed, not evaluated: deployment runs no expression.
  const problem = findSyntaxProblem(source, builtins);
  return problem && `failed to parse expression '${source}': ${problem}`;
}

/** A feelin result as JSON: temporal values as their ISO text, functions dropped. */
export function toJson(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof FeelDate || value instanceof FeelDateTime || value instanceof FeelTime || value instanceof FeelDuration) {
    return value.toString();
  }
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return toJson((value as { toJSON(): unknown }).toJSON());
    const out: Record<string, JsonValue> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (typeof entry !== 'function') out[key] = toJson(entry);
    }
    return out;
  }
  return null;
}

/** Evaluates a property that is either static text or a `=FEEL` expression. */
export function evaluateExpression(text: string, variables: Variables): JsonValue {
  if (!isExpression(text)) return text;
  const source = body(text);
  try {
    // FEEL here computes with doubles: a big integer is read as its nearest double (Zeebe's FEEL uses
    // BigDecimal). Values that no expression touches keep their exact digits.
    const context = { ...withoutBigInts(variables), ...builtins };
    const { value } = evaluate(withCamundaComparisons(source, context, Object.keys(variables)), context);
    return toJson(value);
  } catch (error) {
    if (error instanceof FeelAssertionError) throw new ExpressionError(`Assertion failure on evaluate the expression '${source}': ${error.message}`);
    throw new ExpressionError(`failed to evaluate expression '${source}': ${(error as Error).message}`);
  }
}

function typeName(value: JsonValue): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  if (typeof value === 'object') return 'OBJECT';
  return typeof value === 'number' ? 'NUMBER' : typeof value === 'boolean' ? 'BOOLEAN' : 'STRING';
}

function expectType<T extends JsonValue>(text: string, value: JsonValue, expected: string, ok: (v: JsonValue) => v is T): T {
  if (ok(value)) return value;
  throw new ExpressionError(`Expected result of the expression '${body(text) || text}' to be '${expected}', but was '${typeName(value)}'.`);
}

export function evaluateBoolean(text: string, variables: Variables): boolean {
  return expectType(text, evaluateExpression(text, variables), 'BOOLEAN', (v): v is boolean => typeof v === 'boolean');
}

export function evaluateString(text: string, variables: Variables): string {
  const value = evaluateExpression(text, variables);
  if (typeof value === 'number') return String(value);
  return expectType(text, value, 'STRING', (v): v is string => typeof v === 'string');
}

export function evaluateNumber(text: string, variables: Variables): number {
  const value = evaluateExpression(text, variables);
  if (typeof value === 'string' && !isExpression(text) && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return expectType(text, value, 'NUMBER', (v): v is number => typeof v === 'number');
}

export function evaluateArray(text: string, variables: Variables): JsonValue[] {
  return expectType(text, evaluateExpression(text, variables), 'ARRAY', (v): v is JsonValue[] => Array.isArray(v));
}

/** A list of strings given as a comma list (static) or a FEEL list/string. */
export function evaluateStringList(text: string, variables: Variables): string[] {
  if (!isExpression(text)) return text.split(',').map((s) => s.trim()).filter(Boolean);
  const value = evaluateExpression(text, variables);
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new ExpressionError(`Expected result of the expression '${body(text)}' to be 'ARRAY' of strings, but was '${typeName(value)}'.`);
}
