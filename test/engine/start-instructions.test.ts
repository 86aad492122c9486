import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, deployXml, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

describe('CreateProcessInstance start instructions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await deployXml(h.zeebe, 'resume.bpmn', bpmn('resume', `
      <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="first"><bpmn:extensionElements><zeebe:taskDefinition type="resume-first" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
      <bpmn:intermediateThrowEvent id="second"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:intermediateThrowEvent>
      <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
      <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second" />
      <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="end" />`));
  });
  afterAll(async () => {
    await h.stop();
  });

  it('starts at the given element instead of the start event (a case resumed from paper)', async () => {
    // when
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'resume', variables: {}, startInstructions: [{ elementId: 'second' }] } as never);
    // then
    await waitFor(async () => (await h.embedded.engine.knex('process_instances').where('key', Number(processInstanceKey)).first())?.state === 'COMPLETED', 3000, 'completion');
    expect(await completedElements(h.embedded, processInstanceKey)).toEqual(['second', 'end', 'resume']);
  });

  it('refuses an unknown element with INVALID_ARGUMENT and creates nothing', async () => {
    // given
    const before = await h.embedded.engine.knex('process_instances').count({ n: '*' });
    // when
    const attempt = h.zeebe.createProcessInstance({ bpmnProcessId: 'resume', variables: {}, startInstructions: [{ elementId: 'nowhere' }] } as never);
    // then
    await expect(attempt).rejects.toMatchObject({ code: 3 });
    const after = await h.embedded.engine.knex('process_instances').count({ n: '*' });
    expect(after[0].n).toBe(before[0].n);
  });
});
