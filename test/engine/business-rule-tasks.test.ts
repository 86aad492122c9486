import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

const DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="brt-drg" name="BRT" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="brt-level" name="Level">
    <decisionTable id="t">
      <input id="in"><inputExpression id="ie"><text>points</text></inputExpression></input>
      <output id="out" name="level" typeRef="string" />
      <rule id="r1"><inputEntry id="a"><text>&gt;= 20</text></inputEntry><outputEntry id="b"><text>"high"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="c"><text>&gt;= 10</text></inputEntry><outputEntry id="d"><text>"mid"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

const task = (decisionId: string) => `
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="rule" />
    <bpmn:businessRuleTask id="rule">
      <bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="level" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:businessRuleTask>
    <bpmn:sequenceFlow id="f2" sourceRef="rule" targetRef="e" />
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>`;

describe('business rule task with zeebe:calledDecision', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.zeebe.deployResource({ name: 'brt.dmn', decision: Buffer.from(DMN) } as never);
    await deployXml(h.zeebe, 'brt.bpmn', bpmn('brt', task('brt-level')));
    await deployXml(h.zeebe, 'brt-missing.bpmn', bpmn('brt-missing', task('no-such-decision')));
  });
  afterAll(async () => {
    await h.stop();
  });

  it('sets the result variable and completes: 12 points match only rule 2', async () => {
    // when
    const result = await h.zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'brt', variables: { points: 12 } });
    // then
    expect(result.variables.level).toBe('mid');
  });

  it('a UNIQUE conflict raises DECISION_EVALUATION_ERROR; after fixing the variable, resolving completes the task', async () => {
    // given: 25 points match both rules of the UNIQUE table
    const created = await h.zeebe.createProcessInstance({ bpmnProcessId: 'brt', variables: { points: 25 } });
    const incident = await waitFor(async () => (await h.embedded.engine.knex('incidents').where('process_instance_key', Number(created.processInstanceKey)).first()) as { key: number; error_type: string; error_message: string; element_instance_key: number } | undefined);
    expect(incident.error_type).toBe('DECISION_EVALUATION_ERROR');
    expect(incident.error_message).toMatch(/^Expected to evaluate decision 'brt-level', but multiple values aren't allowed for UNIQUE hit policy/);
    // when
    await h.zeebe.setVariables({ elementInstanceKey: created.processInstanceKey, variables: { points: 15 }, local: false });
    await h.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    // then
    const level = await waitFor(async () => (await h.embedded.engine.knex('variables').where({ scope_key: Number(created.processInstanceKey), name: 'level' }).first()) as { value: string } | undefined);
    expect(JSON.parse(level.value)).toBe('mid');
  });

  it('an unknown decision id raises CALLED_DECISION_ERROR', async () => {
    // when
    const created = await h.zeebe.createProcessInstance({ bpmnProcessId: 'brt-missing', variables: {} });
    // then
    const incident = await waitFor(async () => (await h.embedded.engine.knex('incidents').where('process_instance_key', Number(created.processInstanceKey)).first()) as { error_type: string; error_message: string } | undefined);
    expect(incident.error_type).toBe('CALLED_DECISION_ERROR');
    expect(incident.error_message).toBe("Expected to evaluate decision 'no-such-decision', but no decision found for id 'no-such-decision'");
  });

  it('refuses a called decision without a result variable at deployment', async () => {
    await expect(deployXml(h.zeebe, 'bad.bpmn', bpmn('brt-bad', task('brt-level').replace(' resultVariable="level"', '')))).rejects.toThrow(/Attribute 'resultVariable' must be present on 'zeebe:calledDecision'/);
  });
});
