/**
 * The deepest JSON nesting accepted in variables and request bodies: Jackson's default (StreamReadConstraints
 * maxNestingDepth 1000), which is what Camunda's gateways parse with. Deeper documents are refused as bad input
 * before anything recursive (FEEL, mapping, serialisation) can run out of stack on them.
 */
export const MAX_JSON_DEPTH = 1000;

/** Nesting depth of a parsed JSON value, counted without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The message both gateways give for a too-deep document. */
export function tooDeepMessage(property: string): string {
  return `Property '${property}' is invalid: JSON nested more than ${MAX_JSON_DEPTH} levels deep`;
}
