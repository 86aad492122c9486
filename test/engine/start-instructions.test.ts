import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';
import { grpc, rawGateway, type RawGateway } from '../support/rawGateway.js';
import { NESTED, REFUSALS, SHARED } from './fixtures/startInstructionModels.js';

describe('CreateProcessInstance start instructions', () => {
  let h: Harness;
  let raw: RawGateway;
  beforeAll(async () => {
    h = await startHarness();
    raw = rawGateway(h.address);
    await deployXml(h.zeebe, 'nested.bpmn', NESTED);
    await deployXml(h.zeebe, 'shared.bpmn', SHARED);
    await deployXml(h.zeebe, 'refusals.bpmn', REFUSALS);
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
    raw.close();
    await h.stop();
  });

  const instanceCount = async (): Promise<number> => Number((await h.embedded.engine.knex('process_instances').count({ n: '*' }))[0].n);
  const isCompleted = async (key: string | number) => (await h.embedded.engine.knex('process_instances').where('key', Number(key)).first())?.state === 'COMPLETED';
  const elementRecords = async (key: string | number) => (await records(h.embedded, key, 'PROCESS_INSTANCE')).map((r) => `${r.element_id}:${r.intent}`);

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

  it('starts inside nested sub-processes: the flow scopes open without their start events, the request variables go to the process', async () => {
    // when
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'nested', variables: { caso: 'P-12' }, startInstructions: [{ elementId: 'review' }] } as never);
    // then: process, outer, inner and the task are activated in that order; no start event ran
    const log = await elementRecords(processInstanceKey);
    const order = ['nested:ELEMENT_ACTIVATED', 'outer:ELEMENT_ACTIVATING', 'outer:ELEMENT_ACTIVATED', 'inner:ELEMENT_ACTIVATING', 'inner:ELEMENT_ACTIVATED', 'review:ELEMENT_ACTIVATING', 'review:ELEMENT_ACTIVATED'];
    expect(order.map((entry) => log.indexOf(entry))).toEqual([...order.map((entry) => log.indexOf(entry))].sort((a, b) => a - b));
    expect(order.every((entry) => log.includes(entry))).toBe(true);
    expect(log.some((entry) => /^(start|outerStart|innerStart):/.test(entry))).toBe(false);
    const variables = await h.embedded.engine.knex('variables').where('name', 'caso');
    expect(variables.map((v: { scope_key: number }) => String(v.scope_key))).toEqual([String(processInstanceKey)]);
    // Zeebe opens the flow scopes by events, so the inner sub-process's input mapping does not run.
    expect(await h.embedded.engine.knex('variables').where('name', 'innerLocal')).toEqual([]);
    // when the job is done, the instance leaves through the sub-processes' ends and the parent flow
    const [job] = await raw.activate({ type: 'nested-review', worker: 'test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await raw.call('CompleteJob', { jobKey: job.key, variables: '{}' });
    await waitFor(() => isCompleted(processInstanceKey), 3000, 'completion');
    expect(await completedElements(h.embedded, processInstanceKey)).toEqual(['review', 'innerEnd', 'inner', 'outerEnd', 'outer', 'after', 'end', 'nested']);
  });

  it('creates one instance of a sub-process that two instructions share (raw gRPC)', async () => {
    // when
    const created = await raw.call('CreateProcessInstance', { bpmnProcessId: 'shared', version: -1, variables: '{}', startInstructions: [{ elementId: 'left' }, { elementId: 'right' }] });
    // then
    const key = created.processInstanceKey as string;
    await waitFor(() => isCompleted(key), 3000, 'completion');
    const log = await elementRecords(key);
    expect(log.filter((entry) => entry === 'box:ELEMENT_ACTIVATED')).toHaveLength(1);
    expect(log.filter((entry) => entry === 'join:ELEMENT_COMPLETED')).toHaveLength(1);
    expect(await completedElements(h.embedded, key)).toEqual(['left', 'right', 'join', 'boxEnd', 'box', 'end', 'shared']);
  });

  it('starts inside an event sub-process without its trigger', async () => {
    // when
    const { processInstanceKey } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'refusals', variables: {}, startInstructions: [{ elementId: 'note' }, { elementId: 'wait' }] } as never);
    // then
    await waitFor(async () => (await completedElements(h.embedded, processInstanceKey)).includes('onTimer'), 3000, 'event sub-process completion');
    const log = await elementRecords(processInstanceKey);
    expect(log).toContain('onTimer:ELEMENT_ACTIVATED');
    expect(log.some((entry) => entry.startsWith('timerStart:'))).toBe(false);
  });

  const refusals: [string, string[], string][] = [
    ['an unknown element', ['wait', 'nowhere'], "Expected to create instance of process with start instructions but no element found with id 'nowhere'."],
    ['an element inside a multi-instance sub-process', ['item'], "Expected to create instance of process with start instructions but the element with id 'item' is inside a multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported."],
    ['the start event of an event sub-process', ['timerStart'], "Expected to create instance of process with start instructions but the element with id 'timerStart' targets unsupported element type 'START_EVENT'. Supported element types are: ["],
    ['the process start event', ['start'], "but the element with id 'start' targets unsupported element type 'START_EVENT'."],
    ['a boundary event', ['late'], "but the element with id 'late' targets unsupported element type 'BOUNDARY_EVENT'."],
    ['a sequence flow', ['f1'], "but the element with id 'f1' targets unsupported element type 'SEQUENCE_FLOW'."],
    ['an event after an event-based gateway', ['reply'], "Expected to create instance of process with start instructions but the element with id 'reply' belongs to an event-based gateway. The creation of elements belonging to an event-based gateway is not supported."],
    ['a flow scope whose subscription fails', ['guarded'], "Expected to subscribe to catch event(s) of 'watched' but "],
  ];
  for (const [what, elementIds, message] of refusals) {
    it(`refuses ${what} with INVALID_ARGUMENT and creates nothing`, async () => {
      // given
      const before = await instanceCount();
      // when
      const failure = await raw.fail('CreateProcessInstance', { bpmnProcessId: 'refusals', version: -1, variables: '{}', startInstructions: elementIds.map((elementId) => ({ elementId })) });
      // then
      expect(failure.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(failure.details).toContain(message);
      expect(await instanceCount()).toBe(before);
    });
  }
});
