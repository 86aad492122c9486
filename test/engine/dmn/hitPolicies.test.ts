import { describe, expect, it } from 'vitest';
import { evaluateDrg, type DrgEvaluation } from '../../../src/engine/dmn/evaluateDrg.js';
import type { DrgModel } from '../../../src/engine/dmn/model.js';
import { parseDmn } from '../../../src/engine/dmn/parseDmn.js';

// Hit policies as Camunda's DMN engine evaluates them: camunda/dmn-scala
// src/main/scala/org/camunda/dmn/evaluation/DecisionTableEvaluator.scala (eval, applyDefaultOutputEntries,
// applyHitPolicy, singleOutputValue, multipleOutputValues, sortByPriority, singleNumberValues) and its
// tests src/test/scala/org/camunda/dmn/DecisionTableHitPolicyTest.scala and DecisionTableTest.scala.

const esc = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

interface Output {
  name: string;
  values?: string;
  default?: string;
}

/** A table on `points` with the given outputs; each rule is [input test, ...output entries]. */
function dmn(hitPolicy: string, outputs: Output[], rules: string[][], aggregation?: string): string {
  const outs = outputs
    .map((o, i) => `<output id="out${i}" name="${o.name}">${o.values ? `<outputValues id="ov${i}"><text>${esc(o.values)}</text></outputValues>` : ''}${o.default ? `<defaultOutputEntry id="do${i}"><text>${esc(o.default)}</text></defaultOutputEntry>` : ''}</output>`)
    .join('');
  const body = rules
    .map(([test, ...entries], r) => `<rule id="r${r + 1}"><inputEntry id="i${r}"><text>${esc(test)}</text></inputEntry>${entries.map((e, j) => `<outputEntry id="o${r}_${j}"><text>${esc(e)}</text></outputEntry>`).join('')}</rule>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg" name="DRG" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="d" name="D">
    <decisionTable id="t" hitPolicy="${hitPolicy}"${aggregation ? ` aggregation="${aggregation}"` : ''}>
      <input id="in"><inputExpression id="ie"><text>points</text></inputExpression></input>
      ${outs}${body}
    </decisionTable>
  </decision>
</definitions>`;
}

async function evaluate(xml: string, points: number): Promise<DrgEvaluation> {
  const parsed = await parseDmn(xml);
  expect(parsed.problems).toEqual([]);
  return evaluateDrg(parsed.drg as DrgModel, 'd', { points });
}

const ONE: Output[] = [{ name: 'level' }];
const NUMBERS = [['>= 10', '3'], ['>= 20', '5'], ['< 0', '100']];
const ruleIndexes = (result: DrgEvaluation): number[] => result.evaluatedDecisions[0].matchedRules.map((r) => r.ruleIndex);

describe('hit policies as dmn-scala evaluates them', () => {
  it('no matching rule is null under every hit policy: COLLECT gives null, not []', async () => {
    for (const policy of ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER']) {
      // when: 5 points match no rule
      const result = await evaluate(dmn(policy, ONE, NUMBERS), 5);
      // then
      expect([policy, result.output, result.failureMessage]).toEqual([policy, null, undefined]);
      expect(ruleIndexes(result)).toEqual([]);
    }
  });

  it('COLLECT with COUNT or SUM over no matching rule is null, not 0', async () => {
    for (const aggregation of ['COUNT', 'SUM', 'MIN', 'MAX']) {
      expect([aggregation, (await evaluate(dmn('COLLECT', ONE, NUMBERS, aggregation), 5)).output]).toEqual([aggregation, null]);
    }
  });

  it('no matching rule gives the default output entry; one default of two outputs is a bare value, two a context', async () => {
    // given
    const rules = [['>= 10', '"x"', '1']];
    // when / then
    expect((await evaluate(dmn('COLLECT', [{ name: 'level', default: '"none"' }], [['>= 10', '"x"']]), 5)).output).toBe('none');
    expect((await evaluate(dmn('UNIQUE', [{ name: 'level', default: '"none"' }, { name: 'n' }], rules), 5)).output).toBe('none');
    expect((await evaluate(dmn('UNIQUE', [{ name: 'level', default: '"none"' }, { name: 'n', default: '0' }], rules), 5)).output).toEqual({ level: 'none', n: 0 });
  });

  it('COLLECT with SUM, MIN, MAX, COUNT aggregates the matching rules', async () => {
    expect((await evaluate(dmn('COLLECT', ONE, NUMBERS, 'SUM'), 25)).output).toBe(8);
    expect((await evaluate(dmn('COLLECT', ONE, NUMBERS, 'MIN'), 25)).output).toBe(3);
    expect((await evaluate(dmn('COLLECT', ONE, NUMBERS, 'MAX'), 25)).output).toBe(5);
    expect((await evaluate(dmn('COLLECT', ONE, NUMBERS, 'COUNT'), 25)).output).toBe(2);
  });

  it('COLLECT with SUM adds as decimals (Scala BigDecimal): 0.1 + 0.2 is 0.3, -0.05 + 1 - 1.25 is -0.3', async () => {
    expect((await evaluate(dmn('COLLECT', ONE, [['>= 10', '0.1'], ['>= 20', '0.2']], 'SUM'), 25)).output).toBe(0.3);
    expect((await evaluate(dmn('COLLECT', ONE, [['>= 10', '-0.05'], ['>= 20', '1'], ['>= 20', '-1.25']], 'SUM'), 25)).output).toBe(-0.3);
  });

  it('COLLECT with an aggregation fails on an output that is not a number, null included', async () => {
    // given: rule 2 has an empty output entry (null)
    const xml = dmn('COLLECT', ONE, [['>= 10', '3'], ['>= 20', '']], 'SUM');
    // when
    const result = await evaluate(xml, 25);
    // then
    expect(result.failureMessage).toBe("Expected to evaluate decision 'd', but expected number but found 'null'");
    expect((await evaluate(dmn('COLLECT', ONE, [['>= 10', '"3"']], 'MAX'), 25)).failureMessage).toBe(`Expected to evaluate decision 'd', but expected number but found '"3"'`);
  });

  it('UNIQUE with several matching rules fails, and still reports the rules that matched', async () => {
    // when
    const result = await evaluate(dmn('UNIQUE', ONE, [['>= 10', '"low"'], ['>= 20', '"high"']]), 25);
    // then
    expect(result.failedDecisionId).toBe('d');
    expect(result.failureMessage).toBe(`Expected to evaluate decision 'd', but multiple values aren't allowed for UNIQUE hit policy. found: '["low","high"]'`);
    expect(ruleIndexes(result)).toEqual([1, 2]);
  });

  it('ANY with differing outputs fails; with equal outputs gives the value and reports every matching rule', async () => {
    // given
    const xml = dmn('ANY', ONE, [['>= 10', '"x"'], ['>= 20', '"x"'], ['>= 30', '"y"']]);
    // when
    const equal = await evaluate(xml, 25);
    const differing = await evaluate(xml, 35);
    // then
    expect(equal.output).toBe('x');
    expect(ruleIndexes(equal)).toEqual([1, 2]);
    expect(differing.failureMessage).toBe(`Expected to evaluate decision 'd', but different values aren't allowed for ANY hit policy. found: '["x","y"]'`);
  });

  it('FIRST gives and reports the first matching rule only', async () => {
    const result = await evaluate(dmn('FIRST', ONE, NUMBERS), 25);
    expect(result.output).toBe(3);
    expect(ruleIndexes(result)).toEqual([1]);
  });

  it('PRIORITY gives the rule whose output ranks first in outputValues, reporting every matching rule in rule order', async () => {
    // given
    const xml = dmn('PRIORITY', [{ name: 'level', values: '"high","low"' }], [['>= 10', '"low"'], ['>= 20', '"high"'], ['>= 30', '"other"']]);
    // when
    const result = await evaluate(xml, 35);
    // then
    expect(result.output).toBe('high');
    expect(ruleIndexes(result)).toEqual([1, 2, 3]);
  });

  it('OUTPUT ORDER sorts by priority, an unlisted value last, equal priorities in rule order', async () => {
    // given
    const xml = dmn('OUTPUT ORDER', [{ name: 'level', values: '"high","low"' }], [['>= 10', '"other"'], ['>= 10', '"low"'], ['>= 20', '"high"'], ['>= 10', '"low2"']]);
    // when
    const result = await evaluate(xml, 25);
    // then
    expect(result.output).toEqual(['high', 'low', 'other', 'low2']);
    expect(ruleIndexes(result)).toEqual([1, 2, 3, 4]);
  });

  it('OUTPUT ORDER with two outputs ranks by the first output, then the second', async () => {
    // given
    const outputs = [{ name: 'a', values: '"x","y"' }, { name: 'b', values: '1,2' }];
    const xml = dmn('OUTPUT ORDER', outputs, [['-', '"y"', '1'], ['-', '"x"', '2'], ['-', '"x"', '1']]);
    // when / then
    expect((await evaluate(xml, 1)).output).toEqual([{ a: 'x', b: 1 }, { a: 'x', b: 2 }, { a: 'y', b: 1 }]);
  });

  it('RULE ORDER and COLLECT list outputs in rule order: bare values with one output column, contexts with several', async () => {
    expect((await evaluate(dmn('RULE ORDER', ONE, NUMBERS), 25)).output).toEqual([3, 5]);
    expect((await evaluate(dmn('COLLECT', ONE, NUMBERS), 25)).output).toEqual([3, 5]);
    const two = [{ name: 'a' }, { name: 'b' }];
    const rules = [['>= 10', '"x"', '1'], ['>= 20', '"y"', '2']];
    expect((await evaluate(dmn('COLLECT', two, rules), 25)).output).toEqual([{ a: 'x', b: 1 }, { a: 'y', b: 2 }]);
    expect((await evaluate(dmn('RULE ORDER', two, rules), 25)).output).toEqual([{ a: 'x', b: 1 }, { a: 'y', b: 2 }]);
  });

  it('a single hit with several output columns is a context by output name, with one a bare value', async () => {
    expect((await evaluate(dmn('FIRST', [{ name: 'a' }, { name: 'b' }], [['>= 10', '"x"', '1']]), 25)).output).toEqual({ a: 'x', b: 1 });
    expect((await evaluate(dmn('UNIQUE', ONE, [['>= 10', '"x"']]), 25)).output).toBe('x');
  });
});
