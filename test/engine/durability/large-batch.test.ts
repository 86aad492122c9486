import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, startHarness, type Harness } from '../../support/engineHarness.js';

describe('group commit of a large batch', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('writes a batch of more than 500 rows per table in one commit (SQLite caps a compound SELECT at 500 terms)', async () => {
    // given
    await deployXml(h.zeebe, 'wait.bpmn', bpmn('large-batch', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="large-batch-work" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />`));
    // when: 700 creates queued at once land in one or two batches of several thousand rows
    const created = await Promise.all(
      Array.from({ length: 700 }, (_, i) => h.embedded.engine.execute<{ processInstanceKey: number }>({ type: 'createInstance', bpmnProcessId: 'large-batch', variables: { i } } as never)),
    );
    // then
    expect(new Set(created.map((c) => c.processInstanceKey)).size).toBe(700);
    const jobs = (await h.embedded.engine.knex('jobs').where('type', 'large-batch-work').count('* as n').first()) as { n: number };
    expect(Number(jobs.n)).toBe(700);
  });
});
