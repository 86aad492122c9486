import { describe, expect, it } from 'vitest';
import { evaluateDrg } from '../../../src/engine/dmn/evaluateDrg.js';
import { parseDmn } from '../../../src/engine/dmn/parseDmn.js';
import type { DrgModel } from '../../../src/engine/dmn/model.js';

const NS = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

/** A one-input, one-output table on `points`: rules are [unary test, output entry]. */
const xmlText = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

function table(hitPolicy: string, rules: [string, string][], extra = '', outputValues = ''): string {
  const body = rules
    .map(([test, out], i) => `<rule id="r${i + 1}"><inputEntry id="i${i + 1}"><text>${xmlText(test)}</text></inputEntry><outputEntry id="o${i + 1}"><text>${xmlText(out)}</text></outputEntry></rule>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${NS}" id="drg" name="DRG" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="d" name="D">
    <decisionTable id="t" hitPolicy="${hitPolicy}" ${extra}>
      <input id="in" label="Points"><inputExpression id="ie" typeRef="number"><text>points</text></inputExpression></input>
      <output id="out" name="result" typeRef="string">${outputValues ? `<outputValues><text>${outputValues}</text></outputValues>` : ''}</output>
      ${body}
    </decisionTable>
  </decision>
</definitions>`;
}

async function drg(xml: string): Promise<DrgModel> {
  const parsed = await parseDmn(xml);
  expect(parsed.problems).toEqual([]);
  return parsed.drg as DrgModel;
}

const OVERLAPPING: [string, string][] = [['>= 10', '"low"'], ['>= 20', '"high"'], ['< 5', '"none"']];

describe('decision tables', () => {
  it('UNIQUE: the one matching rule, null when none, a failure naming the policy when several match', async () => {
    // given
    const model = await drg(table('UNIQUE', OVERLAPPING));
    // when / then
    expect(evaluateDrg(model, 'd', { points: 12 }).output).toBe('low');
    expect(evaluateDrg(model, 'd', { points: 7 }).output).toBeNull();
    const failed = evaluateDrg(model, 'd', { points: 25 });
    expect(failed.failedDecisionId).toBe('d');
    expect(failed.failureMessage).toMatch(/^Expected to evaluate decision 'd', but multiple values aren't allowed for UNIQUE hit policy/);
  });

  it('FIRST takes the first match in rule order; RULE ORDER lists all; COLLECT lists all', async () => {
    expect(evaluateDrg(await drg(table('FIRST', OVERLAPPING)), 'd', { points: 25 }).output).toBe('low');
    expect(evaluateDrg(await drg(table('RULE ORDER', OVERLAPPING)), 'd', { points: 25 }).output).toEqual(['low', 'high']);
    expect(evaluateDrg(await drg(table('COLLECT', OVERLAPPING)), 'd', { points: 25 }).output).toEqual(['low', 'high']);
    expect(evaluateDrg(await drg(table('RULE ORDER', OVERLAPPING)), 'd', { points: 7 }).output).toBeNull();
  });

  it('PRIORITY and OUTPUT ORDER rank by the output values list', async () => {
    // given: "high" ranks before "low"
    const values = '"high","low","none"';
    // when / then
    expect(evaluateDrg(await drg(table('PRIORITY', OVERLAPPING, '', values)), 'd', { points: 25 }).output).toBe('high');
    expect(evaluateDrg(await drg(table('OUTPUT ORDER', OVERLAPPING, '', values)), 'd', { points: 25 }).output).toEqual(['high', 'low']);
  });

  it('ANY accepts several matches with equal output and fails on different ones', async () => {
    const model = await drg(table('ANY', [['>= 10', '"x"'], ['>= 20', '"x"'], ['>= 30', '"y"']]));
    expect(evaluateDrg(model, 'd', { points: 25 }).output).toBe('x');
    expect(evaluateDrg(model, 'd', { points: 35 }).failureMessage).toMatch(/different values aren't allowed for ANY hit policy/);
  });

  it('COLLECT aggregations: SUM 3+5=8, MIN 3, MAX 5, COUNT 2; over no match COUNT and SUM are null (dmn-scala)', async () => {
    const rules: [string, string][] = [['>= 10', '3'], ['>= 20', '5'], ['< 0', '100']];
    const at = async (aggregation: string, points: number) => evaluateDrg(await drg(table('COLLECT', rules, `aggregation="${aggregation}"`)), 'd', { points }).output;
    expect(await at('SUM', 25)).toBe(8);
    expect(await at('MIN', 25)).toBe(3);
    expect(await at('MAX', 25)).toBe(5);
    expect(await at('COUNT', 25)).toBe(2);
    expect(await at('COUNT', 5)).toBeNull();
    expect(await at('SUM', 5)).toBeNull();
  });

  it('reports the evaluated inputs and the matched rules with their 1-based index', async () => {
    const result = evaluateDrg(await drg(table('RULE ORDER', OVERLAPPING)), 'd', { points: 25 });
    const [decision] = result.evaluatedDecisions;
    expect(decision.evaluatedInputs).toEqual([{ inputId: 'in', inputName: 'Points', inputValue: 25 }]);
    expect(decision.matchedRules.map((r) => [r.ruleId, r.ruleIndex])).toEqual([['r1', 1], ['r2', 2]]);
    expect(decision.matchedRules[1].evaluatedOutputs).toEqual([{ outputId: 'out', outputName: 'result', outputValue: 'high' }]);
  });

  it('a literal expression reads the result of its required decision table under the table id', async () => {
    // given
    const xml = table('FIRST', OVERLAPPING).replace('</definitions>', `
  <decision id="final" name="Final">
    <informationRequirement id="ir"><requiredDecision href="#d" /></informationRequirement>
    <literalExpression id="le"><text>"level " + d</text></literalExpression>
  </decision>
</definitions>`);
    // when
    const result = evaluateDrg(await drg(xml), 'final', { points: 12 });
    // then
    expect(result.output).toBe('level low');
    expect(result.evaluatedDecisions.map((e) => [e.decisionId, e.decisionType])).toEqual([['d', 'DECISION_TABLE'], ['final', 'LITERAL_EXPRESSION']]);
  });
});

describe('invalid DMN', () => {
  it('names the rule with a malformed unary test, a wrong entry count, and a missing required decision', async () => {
    expect((await parseDmn(table('UNIQUE', [['>= >', '"x"']]))).problems).toEqual([{ elementId: 'r1', message: "failed to parse unary-tests '>= >' at character 5" }]);
    const twoEntries = table('UNIQUE', [['1', '"x"']]).replace('<inputEntry id="i1"><text>1</text></inputEntry>', '<inputEntry id="i1"><text>1</text></inputEntry><inputEntry id="i1b"><text>2</text></inputEntry>');
    expect((await parseDmn(twoEntries)).problems[0]).toEqual({ elementId: 'r1', message: 'the rule has 2 input entries, but the table has 1 inputs' });
    const missing = table('UNIQUE', [['1', '"x"']]).replace('<decisionTable', '<informationRequirement id="q"><requiredDecision href="#nope" /></informationRequirement><decisionTable');
    expect((await parseDmn(missing)).problems).toEqual([{ elementId: 'd', message: "the required decision 'nope' is not in this resource" }]);
    expect((await parseDmn('not xml')).problems[0].message).toMatch(/^the resource is not a DMN 1.1-1.3 document/);
  });
});
