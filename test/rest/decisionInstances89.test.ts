import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CamundaClientLoose } from '@camunda8/orchestration-cluster-api';
import { bpmn } from '../support/engineHarness.js';
import { camunda89Client, http, NO_WAIT, startRestHarness, type RestHarness } from './restHarness.js';

// Decision instances over REST through Camunda's own 8.9 client with `fanatical` response validation (see
// openApi89Conformance): one instance per decision an evaluation evaluated, required decisions included.

const DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="di-drg" name="DI DRG" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="diTier" name="Tier">
    <variable id="v" name="tier" />
    <literalExpression id="le"><text>if amount &gt;= 100 then "gold" else "silver"</text></literalExpression>
  </decision>
  <decision id="diDiscount" name="Discount">
    <informationRequirement id="ir"><requiredDecision href="#diTier" /></informationRequirement>
    <decisionTable id="t">
      <input id="inTier" label="Tier"><inputExpression id="ie1" typeRef="string"><text>tier</text></inputExpression></input>
      <input id="inAmount" label="Amount"><inputExpression id="ie2" typeRef="number"><text>amount</text></inputExpression></input>
      <output id="outDiscount" name="discount" typeRef="number" />
      <rule id="gold500"><inputEntry id="a1"><text>"gold"</text></inputEntry><inputEntry id="a2"><text>&gt;= 500</text></inputEntry><outputEntry id="a3"><text>0.2</text></outputEntry></rule>
      <rule id="gold"><inputEntry id="b1"><text>"gold"</text></inputEntry><inputEntry id="b2"><text>&lt; 500</text></inputEntry><outputEntry id="b3"><text>0.1</text></outputEntry></rule>
      <rule id="silver"><inputEntry id="c1"><text>"silver"</text></inputEntry><inputEntry id="c2"><text>-</text></inputEntry><outputEntry id="c3"><text>0</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="diOverlap" name="Overlap">
    <decisionTable id="u">
      <input id="inPoints"><inputExpression id="ie3"><text>amount</text></inputExpression></input>
      <output id="outOverlap" name="o" typeRef="string" />
      <rule id="o1"><inputEntry id="d1"><text>&gt;= 10</text></inputEntry><outputEntry id="d2"><text>"a"</text></outputEntry></rule>
      <rule id="o2"><inputEntry id="e1"><text>&gt;= 20</text></inputEntry><outputEntry id="e2"><text>"b"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

const PROCESS = bpmn('di-order', `
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="rule" />
    <bpmn:businessRuleTask id="rule">
      <bpmn:extensionElements><zeebe:calledDecision decisionId="diDiscount" resultVariable="discount" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:businessRuleTask>
    <bpmn:sequenceFlow id="f2" sourceRef="rule" targetRef="e" />
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>`);

function validationIssues(error: unknown): string {
  let e = error as { message?: string; issues?: unknown; cause?: unknown } | undefined;
  while (e && !Array.isArray(e.issues) && e.cause) e = e.cause as typeof e;
  return `${(error as Error).message}${Array.isArray(e?.issues) ? ` ${JSON.stringify(e.issues)}` : ''}`;
}

const checked = <T>(run: () => Promise<T>): Promise<T> => run().catch((error: unknown) => {
  throw new Error(validationIssues(error), { cause: error });
});

describe('decision instances over REST v2 against Camunda 8.9 schemas (fanatical)', () => {
  let h: RestHarness;
  let c: CamundaClientLoose;
  const keys = { discount: '', tier: '', overlap: '', restEvaluation: '', failedEvaluation: '', processInstance: '', processDefinition: '' };
  const search = (body: unknown) => checked(() => c.searchDecisionInstances(body as never, NO_WAIT));

  beforeAll(async () => {
    h = await startRestHarness({ clockControlled: true });
    c = camunda89Client(h.base);
    const deployed = (await checked(() => c.createDeployment({ resources: [new File([DMN], 'di.dmn'), new File([PROCESS], 'di-order.bpmn')] } as never))) as unknown as { deployments: Record<string, any>[] };
    const definition = (id: string) => deployed.deployments.find((d) => d.decisionDefinition?.decisionDefinitionId === id)?.decisionDefinition.decisionDefinitionKey as string;
    keys.discount = definition('diDiscount');
    keys.tier = definition('diTier');
    keys.overlap = definition('diOverlap');
    keys.processDefinition = deployed.deployments.find((d) => d.processDefinition)?.processDefinition.processDefinitionKey;
    // standalone: 150 is gold, below 500: rule 2 of the table
    keys.restEvaluation = (await checked(() => c.evaluateDecision({ decisionDefinitionId: 'diDiscount', variables: { amount: 150 } } as never))).decisionEvaluationKey;
    // a UNIQUE conflict: 25 matches both rules
    keys.failedEvaluation = (await checked(() => c.evaluateDecision({ decisionDefinitionId: 'diOverlap', variables: { amount: 25 } } as never))).decisionEvaluationKey;
    // a business rule task: 40 is silver, rule 3
    const created = await checked(() => c.createProcessInstance({ processDefinitionId: 'di-order', variables: { amount: 40 }, awaitCompletion: true } as never));
    keys.processInstance = created.processInstanceKey;
  });
  afterAll(async () => {
    await h.stop();
  });

  it('searches by decisionDefinitionKey, sorted by decisionEvaluationKey descending: the business rule task, then the standalone evaluation', async () => {
    // when
    const found = await search({ filter: { decisionDefinitionKey: keys.discount }, sort: [{ field: 'decisionEvaluationKey', order: 'DESC' }] });
    // then
    expect(found.page.totalItems).toBe(2);
    const [fromProcess, standalone] = found.items;
    expect(fromProcess).toMatchObject({
      decisionDefinitionId: 'diDiscount',
      decisionDefinitionName: 'Discount',
      decisionDefinitionVersion: 1,
      decisionDefinitionType: 'DECISION_TABLE',
      state: 'EVALUATED',
      result: '0',
      evaluationFailure: null,
      processInstanceKey: keys.processInstance,
      rootProcessInstanceKey: keys.processInstance,
      processDefinitionKey: keys.processDefinition,
      rootDecisionDefinitionKey: keys.discount,
      tenantId: '<default>',
    });
    expect(fromProcess.elementInstanceKey).toMatch(/^[0-9]+$/);
    expect(standalone).toMatchObject({
      decisionEvaluationKey: keys.restEvaluation,
      decisionEvaluationInstanceKey: `${keys.restEvaluation}-2`,
      result: '0.1',
      processInstanceKey: null,
      rootProcessInstanceKey: null,
      processDefinitionKey: null,
      elementInstanceKey: null,
    });
  });

  it('searches by processInstanceKey: the required literal expression and the table, both rooted at the table', async () => {
    // when
    const found = await search({ filter: { processInstanceKey: keys.processInstance }, sort: [{ field: 'decisionEvaluationInstanceKey' }] });
    // then
    expect(found.items.map((i) => [i.decisionDefinitionId, i.decisionDefinitionType, i.result, i.rootDecisionDefinitionKey])).toEqual([
      ['diTier', 'LITERAL_EXPRESSION', '"silver"', keys.discount],
      ['diDiscount', 'DECISION_TABLE', '0', keys.discount],
    ]);
    expect(new Set(found.items.map((i) => i.decisionEvaluationKey)).size).toBe(1);
    // the element instance is the business rule task of that process instance
    const element = await checked(() => c.getElementInstance({ elementInstanceKey: found.items[1].elementInstanceKey } as never, NO_WAIT));
    expect([element.elementId, element.processInstanceKey]).toEqual(['rule', keys.processInstance]);
  });

  it('searches by state FAILED and by decisionDefinitionType', async () => {
    // when
    const failed = await search({ filter: { state: 'FAILED' } });
    const literal = await search({ filter: { decisionDefinitionType: 'LITERAL_EXPRESSION', decisionDefinitionKey: { $in: [keys.tier] } } });
    const evaluated = await search({ filter: { state: { $neq: 'FAILED' } } });
    const liked = await search({ filter: { state: { $like: 'FAIL*' } } });
    // then
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ decisionDefinitionKey: keys.overlap, decisionEvaluationKey: keys.failedEvaluation, state: 'FAILED', result: 'null' });
    expect(failed.items[0].evaluationFailure).toMatch(/^Expected to evaluate decision 'diOverlap', but multiple values aren't allowed for UNIQUE hit policy/);
    expect(literal.items.map((i) => i.result).sort()).toEqual(['"gold"', '"silver"']);
    expect(evaluated.page.totalItems).toBe(4);
    expect(liked.items.map((i) => i.state)).toEqual(['FAILED']);
  });

  it('pages with limit and the endCursor', async () => {
    // when
    const first = await search({ page: { limit: 2 }, sort: [{ field: 'decisionEvaluationInstanceKey', order: 'ASC' }] });
    const next = await search({ page: { limit: 2, after: first.page.endCursor }, sort: [{ field: 'decisionEvaluationInstanceKey', order: 'ASC' }] });
    const all = await search({ sort: [{ field: 'decisionEvaluationInstanceKey', order: 'ASC' }] });
    // then
    expect(first.page.totalItems).toBe(5);
    const since = await search({ filter: { evaluationDate: { $gte: all.items[0].evaluationDate } } });
    const before = await search({ filter: { evaluationDate: { $lt: '2000-01-01T00:00:00Z' } } });
    expect([since.page.totalItems, before.page.totalItems, before.page.endCursor]).toEqual([5, 0, null]);
    expect(all.items).toHaveLength(5);
    expect([...first.items, ...next.items].map((i) => i.decisionEvaluationInstanceKey)).toEqual(all.items.slice(0, 4).map((i) => i.decisionEvaluationInstanceKey));
  });

  it('gets one with its evaluated inputs and matched rules, values as JSON text', async () => {
    // when
    const one = await checked(() => c.getDecisionInstance({ decisionEvaluationInstanceKey: `${keys.restEvaluation}-2` } as never, NO_WAIT));
    const failed = await checked(() => c.getDecisionInstance({ decisionEvaluationInstanceKey: `${keys.failedEvaluation}-1` } as never, NO_WAIT));
    // then
    expect(one).toMatchObject({ decisionDefinitionId: 'diDiscount', decisionDefinitionKey: keys.discount, result: '0.1', state: 'EVALUATED' });
    expect(one.evaluatedInputs).toEqual([
      { inputId: 'inTier', inputName: 'Tier', inputValue: '"gold"' },
      { inputId: 'inAmount', inputName: 'Amount', inputValue: '150' },
    ]);
    expect(one.matchedRules).toEqual([
      { ruleId: 'gold', ruleIndex: 2, evaluatedOutputs: [{ outputId: 'outDiscount', outputName: 'discount', outputValue: '0.1', ruleId: 'gold', ruleIndex: 2 }] },
    ]);
    // a failed UNIQUE still reports both rules that matched (as dmn-scala's audit log does)
    expect(failed.matchedRules.map((r) => r.ruleId)).toEqual(['o1', 'o2']);
    expect(failed.evaluatedInputs).toEqual([{ inputId: 'inPoints', inputName: 'amount', inputValue: '25' }]);
  });

  it('answers 404 for an unknown key, and 400 naming the field for a bad filter or key, a malformed one', async () => {
    // when
    const unknown = await http(h.base, 'GET', '/v2/decision-instances/1-1');
    const malformed = await http(h.base, 'GET', '/v2/decision-instances/abc');
    const badState = await http(h.base, 'POST', '/v2/decision-instances/search', { filter: { state: 'DONE' } });
    const badField = await http(h.base, 'POST', '/v2/decision-instances/search', { filter: { decisionKey: '1' } });
    const badKey = await http(h.base, 'POST', '/v2/decision-instances/search', { filter: { decisionEvaluationInstanceKey: '12' } });
    const badSort = await http(h.base, 'POST', '/v2/decision-instances/search', { sort: [{ field: 'result' }] });
    // then
    expect([unknown.status, unknown.body.detail]).toEqual([404, "Decision instance with key '1-1' not found"]);
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toContain('decisionEvaluationInstanceKey');
    expect([badState.status, badState.body.detail]).toEqual([400, `Unexpected value "DONE" for filter 'state'; expected one of EVALUATED, FAILED, UNSPECIFIED, UNKNOWN`]);
    expect(badField.status).toBe(400);
    expect(badField.body.detail).toMatch(/^Unsupported filter property 'decisionKey'; supported: decisionEvaluationInstanceKey, state,/);
    expect([badKey.status, badKey.body.detail]).toEqual([400, `Filter 'decisionEvaluationInstanceKey' must be '<decisionEvaluationKey>-<index>', got "12"`]);
    expect(badSort.status).toBe(400);
    expect(badSort.body.detail).toContain("'sort[0].field'");
  });
});
