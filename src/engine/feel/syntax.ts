import { parseExpression } from 'feelin';

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/**
 * Why an expression is malformed, or undefined. Two kinds of problem:
 * - error nodes: lezer recovers from a syntax error by inserting an error node and parsing on, so
 *   a tree can look complete while it is not; any error node anywhere refuses the expression;
 * - a comparison with no left operand (`> 1`, the second operator of `x > > 1`, `x == 1`,
 *   `x <> 1`): lezer-feel accepts such a unary comparison wherever an expression may stand,
 *   because it parses unary tests and expressions with one grammar. feel-scala accepts it only
 *   as the test on the right of `in` (`x in > 5`, `x in (> 1, < 0)`).
 */
export function findSyntaxProblem(source: string, context: Record<string, unknown>): string | undefined {
  const tree = parseExpression(source, context, undefined);
  let problem: string | undefined;
  tree.iterate({
    enter(ref) {
      if (problem) return false;
      const node = ref.node;
      if (node.type.isError) problem = describeError(node, source);
      else if (node.name === 'SimplePositiveUnaryTest' && node.firstChild?.name === 'CompareOp' && node.parent?.name !== 'PositiveUnaryTest') {
        const op = node.firstChild;
        problem = `comparison operator '${source.slice(op.from, op.to)}' at character ${op.from + 1} has no left operand`;
      }
      return !problem;
    },
  });
  return problem;
}

function describeError(node: SyntaxNode, source: string): string {
  if (node.from < node.to) return `unexpected '${source.slice(node.from, node.to)}' at character ${node.from + 1}`;
  const rest = source.slice(node.from).trim();
  if (rest === '') return 'the expression is incomplete';
  return `unexpected '${rest.slice(0, 20)}' at character ${source.length - source.slice(node.from).trimStart().length + 1}`;
}
