import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CamundaClientLoose } from '@camunda8/orchestration-cluster-api';
import { camunda89Client, deploy, http, NO_WAIT, startRestHarness, type RestHarness } from './restHarness.js';

// DMN over REST through Camunda's own 8.9 client with `fanatical` response validation (see openApi89Conformance).

const DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="c89-drg" name="C89 DRG" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="c89-level" name="Level">
    <decisionTable id="t" hitPolicy="FIRST">
      <input id="in" label="Points"><inputExpression id="ie" typeRef="number"><text>points</text></inputExpression></input>
      <output id="out" name="level" typeRef="string" />
      <rule id="r1"><inputEntry id="a"><text>&gt;= 20</text></inputEntry><outputEntry id="b"><text>"high"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="c"><text>-</text></inputEntry><outputEntry id="d"><text>"low"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="c89-unique" name="Unique">
    <decisionTable id="u">
      <input id="in2"><inputExpression id="ie2"><text>points</text></inputExpression></input>
      <output id="out2" typeRef="string" />
      <rule id="u1"><inputEntry id="e"><text>&gt; 1</text></inputEntry><outputEntry id="f"><text>"a"</text></outputEntry></rule>
      <rule id="u2"><inputEntry id="g"><text>&gt; 2</text></inputEntry><outputEntry id="h"><text>"b"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

function validationIssues(error: unknown): string {
  let e = error as { message?: string; issues?: unknown; cause?: unknown } | undefined;
  while (e && !Array.isArray(e.issues) && e.cause) e = e.cause as typeof e;
  return `${(error as Error).message}${Array.isArray(e?.issues) ? ` ${JSON.stringify(e.issues)}` : ''}`;
}

const checked = <T>(run: () => Promise<T>): Promise<T> => run().catch((error: unknown) => {
  throw new Error(validationIssues(error), { cause: error });
});

describe('DMN over REST v2 against Camunda 8.9 schemas (fanatical)', () => {
  let h: RestHarness;
  let c: CamundaClientLoose;
  beforeAll(async () => {
    h = await startRestHarness({ clockControlled: true });
    c = camunda89Client(h.base);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('deploys a DRD: two decisions then their decision requirements; evaluates by id; a UNIQUE conflict is a failure in the result', async () => {
    // when
    const deployed = (await checked(() => c.createDeployment({ resources: [new File([DMN], 'c89.dmn')] } as never))) as unknown as { deployments: Record<string, any>[] };
    // then
    expect(deployed.deployments.map((d) => d.decisionDefinition?.decisionDefinitionId ?? d.decisionRequirements?.decisionRequirementsId)).toEqual(['c89-level', 'c89-unique', 'c89-drg']);
    const drg = deployed.deployments[2].decisionRequirements;
    expect(drg).toMatchObject({ decisionRequirementsName: 'C89 DRG', version: 1, resourceName: 'c89.dmn' });
    expect(deployed.deployments[0].decisionDefinition.decisionRequirementsKey).toBe(drg.decisionRequirementsKey);

    // when: 25 points match both rules; FIRST takes rule 1
    const evaluated = await checked(() => c.evaluateDecision({ decisionDefinitionId: 'c89-level', variables: { points: 25 } } as never));
    // then
    expect(evaluated.output).toBe('"high"');
    expect(evaluated.failureMessage).toBeNull();
    expect(evaluated.evaluatedDecisions[0].matchedRules.map((r) => r.ruleIndex)).toEqual([1]);
    expect(evaluated.evaluatedDecisions[0].evaluatedInputs[0]).toMatchObject({ inputId: 'in', inputName: 'Points', inputValue: '25' });
    expect(evaluated.evaluatedDecisions[0].decisionEvaluationInstanceKey).toBe(`${evaluated.decisionEvaluationKey}-1`);

    // when: 5 points match both rules of the UNIQUE table
    const failed = await checked(() => c.evaluateDecision({ decisionDefinitionKey: deployed.deployments[1].decisionDefinition.decisionDefinitionKey, variables: { points: 5 } } as never));
    // then
    expect(failed.failedDecisionDefinitionId).toBe('c89-unique');
    expect(failed.failureMessage).toMatch(/^Expected to evaluate decision 'c89-unique', but multiple values aren't allowed for UNIQUE hit policy/);
  });

  it('searches decision definitions (latest versions) and decision requirements, gets one and its XML', async () => {
    // when
    const definitions = await checked(() => c.searchDecisionDefinitions({ filter: { decisionRequirementsId: 'c89-drg', isLatestVersion: true }, sort: [{ field: 'decisionDefinitionId', order: 'desc' }] } as never, NO_WAIT));
    const requirements = await checked(() => c.searchDecisionRequirements({ filter: { decisionRequirementsId: 'c89-drg' } } as never, NO_WAIT));
    const one = await checked(() => c.getDecisionDefinition({ decisionDefinitionKey: definitions.items[0].decisionDefinitionKey } as never, NO_WAIT));
    const xml = await checked(() => c.getDecisionDefinitionXml({ decisionDefinitionKey: definitions.items[0].decisionDefinitionKey } as never, NO_WAIT));
    // then
    expect(definitions.items.map((d) => d.decisionDefinitionId)).toEqual(['c89-unique', 'c89-level']);
    expect(definitions.items[0]).toMatchObject({ name: 'Unique', version: 1, decisionRequirementsName: 'C89 DRG', decisionRequirementsVersion: 1 });
    expect(requirements.items.map((r) => [r.decisionRequirementsName, r.resourceName])).toEqual([['C89 DRG', 'c89.dmn']]);
    expect(one.decisionDefinitionId).toBe('c89-unique');
    expect(String(xml)).toContain('id="c89-unique"');
  });

  it('refuses an unknown decision with 404 and an invalid .dmn with 400 naming the rule, deploying nothing', async () => {
    // when
    const unknown = await http(h.base, 'POST', '/v2/decision-definitions/evaluation', { decisionDefinitionId: 'nope' });
    // then
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe("Expected to evaluate decision 'nope', but no decision found for id 'nope'");

    // when
    const invalid = await deploy(h.base, [{ name: 'bad.dmn', content: DMN.replace('&gt;= 20', '&gt;= &gt;').replaceAll('c89-', 'bad-') }]);
    // then
    expect(invalid.status).toBe(400);
    expect(invalid.body.detail).toContain("'bad.dmn':");
    expect(invalid.body.detail).toContain('- Element: r1');
    const after = await http(h.base, 'POST', '/v2/decision-definitions/evaluation', { decisionDefinitionId: 'bad-level' });
    expect(after.status).toBe(404);
  });
});
