import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExpressionSyntax, evaluateExpression } from '../../../src/engine/feel/feel.js';
import { bpmn, completedElements, deployXml, startHarness, type Harness } from '../../support/engineHarness.js';
import { chain, flow } from '../../support/bpmnSnippets.js';

/**
 * `get or else(value, default)`, a Camunda extension among FEEL's boolean built-in functions
 * (docs.camunda.io, 8.4+): the value if not null, otherwise the default. Its name holds the
 * keyword `or`.
 */
describe('FEEL get or else', () => {
  const feel = (expression: string, variables = {}) => evaluateExpression(`=${expression}`, variables);

  it.each([
    ['get or else("this", "default")', 'this'],
    ['get or else(null, "default")', 'default'],
    ['get or else(null, null)', null],
    ['get or else(false, true)', false],
    ['get or else(0, 5)', 0],
    ['get or else(missing, 120)', 120],
    ['get or else(value: null, default: "named")', 'named'],
    ['get or else(default: 2, value: 1)', 1],
    ['get  or   else(null, "spaced")', 'spaced'],
  ])('%s gives %j', (expression, expected) => {
    expect(feel(expression)).toEqual(expected);
  });

  it('reads a variable or falls back', () => {
    expect(feel('get or else(termine, 60) + 1', { termine: 120 })).toBe(121);
    expect(feel('get or else(termine, 60) + 1', {})).toBe(61);
    expect(feel('get or else(pratica.esito, "in corso")', { pratica: {} })).toBe('in corso');
  });

  it('keeps `or` a keyword elsewhere, and the name inside string literals untouched', () => {
    expect(feel('a or b', { a: false, b: true })).toBe(true);
    expect(feel('get or else(null, false) or true')).toBe(true);
    expect(feel('"get or else(null, 1)"')).toBe('get or else(null, 1)');
  });

  it('passes the deploy-time syntax check', () => {
    expect(checkExpressionSyntax('=get or else(x, "default")')).toBeUndefined();
  });

  describe('in a deployed process', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(async () => {
      await h.stop();
    });

    it('deploys and routes on get or else in a gateway condition', async () => {
      // given: without `priorita` the default "normale" applies
      await deployXml(h.zeebe, 'get-or-else.bpmn', bpmn('feel-get-or-else', [
        '<bpmn:startEvent id="start"/>',
        '<bpmn:exclusiveGateway id="split" default="toNormal"/>',
        '<bpmn:endEvent id="urgent"/><bpmn:endEvent id="normal"/>',
        chain('start', 'split'),
        flow('toUrgent', 'split', 'urgent', '=get or else(priorita, "normale") = "urgente"'),
        flow('toNormal', 'split', 'normal'),
      ].join('\n')));
      // when
      const withPriority = (await h.zeebe.createProcessInstance({ bpmnProcessId: 'feel-get-or-else', variables: { priorita: 'urgente' } })).processInstanceKey;
      const without = (await h.zeebe.createProcessInstance({ bpmnProcessId: 'feel-get-or-else', variables: {} })).processInstanceKey;
      // then
      expect(await completedElements(h.embedded, withPriority)).toEqual(['start', 'split', 'urgent', 'feel-get-or-else']);
      expect(await completedElements(h.embedded, without)).toEqual(['start', 'split', 'normal', 'feel-get-or-else']);
    });
  });
});
