/**
 * Camunda's FEEL extensions that `feelin` does not ship, passed to it as context functions.
 * Names follow docs.camunda.io "FEEL built-in functions"; only those the models here use or that
 * are cheap to provide. `is defined` treats null as undefined (feelin cannot tell them apart).
 */
export const camundaBuiltins: Record<string, (...args: never[]) => unknown> = {
  'is defined': (value: unknown) => value !== null && value !== undefined,
  'is empty': (value: unknown) =>
    Array.isArray(value) ? value.length === 0 : typeof value === 'string' ? value.length === 0 : value == null,
  'is blank': (value: unknown) => typeof value === 'string' && value.trim().length === 0,
  // The name holds the keyword `or`: feelin's tokenizer reads it as one name only because it is a
  // key of the context given to the parser (as for `is defined`). `$args` names the parameters
  // for named invocation (`default` cannot be a JavaScript parameter name).
  'get or else': Object.assign((value: unknown, fallback: unknown) => value ?? fallback, { $args: ['value', 'default'] }),
  assert: (value: unknown, condition: unknown, cause?: unknown) => {
    if (condition !== true) throw new FeelAssertionError(typeof cause === 'string' ? cause : 'The condition is not fulfilled');
    return value;
  },
  'context put': (context: unknown, key: unknown, value: unknown) =>
    typeof context === 'object' && context !== null && typeof key === 'string'
      ? { ...(context as Record<string, unknown>), [key]: value }
      : null,
  'context merge': (contexts: unknown) =>
    Array.isArray(contexts) ? Object.assign({}, ...contexts.filter((c) => typeof c === 'object' && c !== null)) : null,
  'to json': (value: unknown) => JSON.stringify(value ?? null),
  'from json': (value: unknown) => {
    if (typeof value !== 'string') return null;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  },
  uuid: () => crypto.randomUUID(),
  trim: (value: unknown) => (typeof value === 'string' ? value.trim() : null),
};

export class FeelAssertionError extends Error {}
