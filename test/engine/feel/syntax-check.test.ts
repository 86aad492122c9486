import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExpressionSyntax } from '../../../src/engine/feel/feel.js';
import { bpmn, startHarness, type Harness } from '../../support/engineHarness.js';
import { chain, flow, straight, task } from '../../support/bpmnSnippets.js';
import { grpc, rawGateway, type RawGateway } from '../../support/rawGateway.js';

/**
 * The FEEL syntax check at deploy time. lezer-feel parses unary tests and expressions with one
 * grammar, so it reads `x > > 1` as `x > (> 1)` and `x == 1` as `x = (= 1)` without an error
 * node; feel-scala refuses both. Zeebe refuses the deployment (INVALID_ARGUMENT) naming the element.
 */
describe('FEEL syntax check', () => {
  describe('checkExpressionSyntax', () => {
    it.each([
      ['=x > > 1', "comparison operator '>' at character 5 has no left operand"],
      ['=x < < 1', "comparison operator '<' at character 5 has no left operand"],
      ['=x == 1', "comparison operator '=' at character 4 has no left operand"],
      ['=x <> 1', "comparison operator '>' at character 4 has no left operand"],
      ['=x = < 1', "comparison operator '<' at character 5 has no left operand"],
      ['=> 1', "comparison operator '>' at character 1 has no left operand"],
      ['=f(> 1)', 'no left operand'],
      ['={a: >= 2}', 'no left operand'],
      ['=[1, 2][> 1]', 'no left operand'],
      ['=amount >= ', 'the expression is incomplete'],
      ['=if x then 1', 'the expression is incomplete'],
      ['=1 2', "unexpected '2' at character 3"],
      ['={a:}', "unexpected '}' at character 4"],
      ['="open', 'unexpected'],
      ['=get or else(x)) ', "unexpected ')'"],
    ])('refuses %s', (expression, problem) => {
      // when
      const message = checkExpressionSyntax(expression);
      // then
      expect(message).toContain(`failed to parse expression '${expression.slice(1).trim()}'`);
      expect(message).toContain(problem);
    });

    it.each([
      ['=x > 1'],
      ['=x in > 5'],
      ['=x in (> 5, < 1)'],
      ['=x in [1..5]'],
      ['=x in ["a", "b"]'],
      ['=[1..5]'],
      ['=x between 1 and 5'],
      ['=list[item > 1]'],
      ['=get or else(x, "default")'],
      ['=is defined(x) and x != null'],
      ['=date and time("2020-01-01T00:00:00Z") < now()'],
      ['={a: 1, b: a > 0}'],
      ['="x > > 1"'],
      ['=x > 1 // x > > 1'],
      ['static text > > 1'],
    ])('accepts %s', (expression) => {
      expect(checkExpressionSyntax(expression)).toBeUndefined();
    });

    it('does not evaluate the expression', () => {
      // given: an expression that fails at run time (not at parse time)
      expect(checkExpressionSyntax('=assert(1, false, "boom")')).toBeUndefined();
      expect(checkExpressionSyntax('=true between 1 and 2')).toBeUndefined();
    });
  });

  describe('at deploy time', () => {
    let h: Harness;
    let raw: RawGateway;
    beforeAll(async () => {
      h = await startHarness();
      raw = rawGateway(h.address);
    });
    afterAll(async () => {
      raw.close();
      await h.stop();
    });

    const deployFails = (xml: string) => raw.fail('DeployResource', { resources: [{ name: 'feel.bpmn', content: Buffer.from(xml) }] });
    const gateway = (id: string, condition: string) =>
      bpmn(id, [
        '<bpmn:startEvent id="s"/>',
        '<bpmn:exclusiveGateway id="g" default="other"/>',
        '<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>',
        chain('s', 'g'),
        flow('bigAmount', 'g', 'e1', condition),
        flow('other', 'g', 'e2'),
      ].join(''));

    it.each([
      ['a doubled operator in a condition', gateway('feel-doubled', '= amount > > 1000'), 'bigAmount', 'amount > > 1000'],
      ['== in a condition', gateway('feel-eqeq', '= esito == "archiviazione"'), 'bigAmount', 'esito == "archiviazione"'],
      ['a doubled operator in an input mapping', bpmn('feel-io', straight({ id: 'mapped', xml: task('mapped', 'x', { inputs: [['=giorni < < 120', 'inTermine']] }) })), 'mapped', 'giorni < < 120'],
    ])('refuses %s with INVALID_ARGUMENT naming the element and the expression', async (_, xml, elementId, expression) => {
      // when
      const failure = await deployFails(xml);
      // then
      expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(failure.details).toContain("Expected to deploy new resources, but encountered the following errors:\n'feel.bpmn'");
      expect(failure.details).toContain(`- Element: ${elementId}`);
      expect(failure.details).toContain(`failed to parse expression '${expression}'`);
      expect(failure.details).toContain('has no left operand');
    });

    it('accepts the valid forms lezer-feel shares with unary tests', async () => {
      // when
      const response = await raw.call('DeployResource', { resources: [{ name: 'ok.bpmn', content: Buffer.from(gateway('feel-unary-ok', '= amount in > 1000 or amount in [1..10]')) }] });
      // then
      expect(response.deployments).toHaveLength(1);
    });
  });
});
