import { evaluate, unaryTest } from 'feelin';
import { camundaBuiltins, FeelAssertionError } from '../feel/builtins.js';
import { toJson, type JsonValue } from '../feel/feel.js';

/** A decision that cannot be evaluated; the message follows dmn-scala's wording as Zeebe reports it. */
export class DecisionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionFailure';
  }
}

export type FeelContext = Record<string, unknown>;

function failure(source: string, error: unknown): DecisionFailure {
  if (error instanceof FeelAssertionError) return new DecisionFailure(`Assertion failure on evaluate the expression '${source}': ${error.message}`);
  return new DecisionFailure(`failed to evaluate expression '${source}': ${(error as Error).message}`);
}

/** Evaluates a FEEL expression of a decision (input expression, output entry, literal expression); empty is null. */
export function evaluateDecisionExpression(source: string, context: FeelContext): JsonValue {
  if (source === '') return null;
  try {
    return toJson(evaluate(source, { ...context, ...camundaBuiltins }).value);
  } catch (error) {
    throw failure(source, error);
  }
}

/** Whether the input value satisfies an input entry's unary tests; empty or `-` matches anything. */
export function satisfies(tests: string, input: JsonValue, context: FeelContext): boolean {
  if (tests === '' || tests === '-') return true;
  try {
    return unaryTest(tests, { ...context, ...camundaBuiltins, '?': input }).value === true;
  } catch (error) {
    throw failure(tests, error);
  }
}

/** Splits a unary-tests list (`"high","medium","low"`) at its top-level commas, for priority ranking. */
export function splitUnaryTests(tests: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < tests.length; i++) {
    const c = tests[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(tests.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(tests.slice(start).trim());
  return parts.filter((p) => p !== '');
}
