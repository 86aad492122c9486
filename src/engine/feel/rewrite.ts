import { parseExpression } from 'feelin';
import { between, compareValues, unaryTest, type RelationalOperator } from './comparison.js';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/**
 * Names under which the comparison helpers are passed to feelin. They are added after the
 * variables, so a variable of the same name cannot shadow them.
 */
const RELATIONAL_TEST = '__zeebeRelationalTest';
const BETWEEN_TEST = '__zeebeBetweenTest';
const UNARY_TEST = '__zeebeUnaryTest';

/**
 * Each helper returns a test that feelin applies to the left operand of `in`. Rewriting
 * `a < b` to `a in __zeebeRelationalTest("<", b)` keeps a comparison node in feelin's tree, and
 * feelin decides by that node type that `list[a < b]` filters the list rather than indexes it.
 */
export const comparisonBuiltins: Record<string, (...args: never[]) => unknown> = {
  [RELATIONAL_TEST]: (op: RelationalOperator, right: unknown) => (left: unknown) => compareValues(left, op, right),
  [BETWEEN_TEST]: (low: unknown, high: unknown) => (value: unknown) => between(value, low, high),
  [UNARY_TEST]: (test: unknown) => unaryTest(test),
};

const RELATIONAL = new Set(['<', '<=', '>', '>=']);

function children(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (!child.type.isSkipped) list.push(child);
  return list;
}

/** The node's own text with each child replaced by its rendering (comments and spacing kept). */
function renderChildren(node: SyntaxNode, source: string): string {
  let out = '';
  let pos = node.from;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    out += source.slice(pos, child.from) + render(child, source);
    pos = child.to;
  }
  return out + source.slice(pos, node.to);
}

// Arguments end with a newline so that a line comment in an operand cannot swallow what follows.
const call = (name: string, args: string[]) => `${name}(${args.map((a) => `${a}\n`).join(', ')})`;

// Both parenthesized: the test after `in` extends as far right as it can (`a in t = false` reads
// as `a in (t = false)`), and the left operand keeps its own grouping.
const inTest = (left: string, test: string) => `((${left}\n) in ${test})`;

function renderComparison(node: SyntaxNode, source: string): string | undefined {
  const [left, op, right, and, high] = children(node);
  if (op?.name === 'CompareOp' && right && !and) {
    const operator = source.slice(op.from, op.to);
    // `x > > 1` and the like are syntax errors (refused at deploy); leave them to feelin.
    if (!RELATIONAL.has(operator) || (right.name === 'SimplePositiveUnaryTest' && right.firstChild?.name === 'CompareOp')) return undefined;
    return inTest(render(left, source), call(RELATIONAL_TEST, [JSON.stringify(operator), render(right, source)]));
  }
  if (op?.name === 'between' && high) return inTest(render(left, source), call(BETWEEN_TEST, [render(right, source), render(high, source)]));
  return undefined;
}

function render(node: SyntaxNode, source: string): string {
  if (node.name === 'Comparison') {
    const rendered = renderComparison(node, source);
    if (rendered !== undefined) return rendered;
  }
  // A test on the right of `in`: `x in > 5`, `x in [1..10]`, `x in (< 1, > 9)`, `x in list`.
  if (node.name === 'PositiveUnaryTest') return call(UNARY_TEST, [renderChildren(node, source)]);
  return renderChildren(node, source);
}

function hasError(tree: ReturnType<typeof parseExpression>): boolean {
  let found = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError) found = true;
      return !found;
    },
  });
  return found;
}

/**
 * A name that cannot change how feelin splits an expression into tokens: no space, no `-`, `.`,
 * ..., and no keyword (a context key is read as a name, never as the keyword).
 */
const PLAIN_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies', 'between', 'instance', 'of', 'function', 'external']);
const isPlainName = (name: string) => PLAIN_NAME.test(name) && !KEYWORDS.has(name);
const cache = new Map<string, string>();
const CACHE_LIMIT = 2000;

/**
 * Rewrites relational comparisons, `between` and `in` tests into `in` tests built by the helpers above,
 * guided by feelin's own parse tree (string literals, comments and names are never touched).
 * feelin reads a context name holding spaces or operator characters (`giorni residui`, `a-b`) as one
 * name, so the parse depends on such names; without them the result is cached per expression.
 */
export function withCamundaComparisons(source: string, context: Record<string, unknown>, variableNames: string[]): string {
  if (!/[<>]|between|\bin\b/.test(source)) return source;
  const cacheable = variableNames.every(isPlainName);
  const cached = cacheable ? cache.get(source) : undefined;
  if (cached !== undefined) return cached;
  const tree = parseExpression(source, context, undefined);
  // Malformed input is left alone: feelin reports the syntax error on the original text.
  const rewritten = hasError(tree) ? source : render(tree.topNode, source);
  if (cacheable) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, rewritten);
  }
  return rewritten;
}
