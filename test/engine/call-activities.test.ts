import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

/** Call activities as ZEEBE-SEMANTICS.md §9 describes them, driven through @camunda8/sdk. */

interface CallOptions {
  processId: string;
  propagateAllChildVariables?: boolean;
  propagateAllParentVariables?: boolean;
  inputs?: [string, string][];
  outputs?: [string, string][];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function callActivity(id: string, options: CallOptions): string {
  const flags = [
    options.propagateAllChildVariables === false ? ' propagateAllChildVariables="false"' : '',
    options.propagateAllParentVariables === false ? ' propagateAllParentVariables="false"' : '',
  ].join('');
  const io = options.inputs || options.outputs
    ? `<zeebe:ioMapping>${(options.inputs ?? []).map(([s, t]) => `<zeebe:input source="${esc(s)}" target="${t}"/>`).join('')}${(options.outputs ?? [])
      .map(([s, t]) => `<zeebe:output source="${esc(s)}" target="${t}"/>`).join('')}</zeebe:ioMapping>`
    : '';
  return `<bpmn:callActivity id="${id}"><bpmn:extensionElements><zeebe:calledElement processId="${esc(options.processId)}"${flags}/>${io}</bpmn:extensionElements></bpmn:callActivity>`;
}

function serviceTask(id: string, type: string): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:serviceTask>`;
}

/** start → element → end. */
function around(id: string, element: string, extra = ''): string {
  return `<bpmn:startEvent id="start"/>${element}<bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${id}"/><bpmn:sequenceFlow id="f2" sourceRef="${id}" targetRef="end"/>${extra}`;
}

interface InstanceRow {
  key: number;
  state: string;
  bpmn_process_id: string;
  parent_process_instance_key: number | null;
  parent_element_instance_key: number | null;
}

describe('call activities', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const activate = async (type: string, max = 10) =>
    h.zeebe.activateJobs({ type, worker: 'call-test', timeout: 60_000, maxJobsToActivate: max, requestTimeout: -1 } as never);
  const start = async (processId: string, variables: Record<string, unknown> = {}) =>
    (await h.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: variables as never })).processInstanceKey;
  const instance = async (key: string | number) => (await h.embedded.engine.knex('process_instances').where('key', Number(key)).first()) as InstanceRow;
  const childOf = async (parentKey: string) =>
    waitFor(async () => (await h.embedded.engine.knex('process_instances').where('parent_process_instance_key', Number(parentKey)).first()) as InstanceRow | undefined, 5000, 'child instance');
  const rootVariables = async (key: string | number) => {
    const rows = (await h.embedded.engine.knex('variables').where('scope_key', Number(key))) as { name: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value)]));
  };

  beforeAll(async () => {
    // The called process: one task, whose worker adds `fromChild`.
    await deployXml(h.zeebe, 'ca-child.bpmn', bpmn('ca-child', around('childWork', serviceTask('childWork', 'ca-child-work'))));
  });

  it('starts the child with the parent variables and merges its root variables back', async () => {
    // given
    await deployXml(h.zeebe, 'ca-all.bpmn', bpmn('ca-all', around('call', callActivity('call', { processId: 'ca-child' }))));
    const key = await start('ca-all', { pratica: 'P-1', anno: 2024 });
    // when
    const [job] = await activate('ca-child-work');
    expect(job.variables).toEqual({ pratica: 'P-1', anno: 2024 });
    const child = await instance(job.processInstanceKey);
    expect(child).toMatchObject({ bpmn_process_id: 'ca-child', parent_process_instance_key: Number(key), state: 'ACTIVE' });
    await h.zeebe.completeJob({ jobKey: job.key, variables: { fromChild: 'ok' } });
    // then
    await waitFor(async () => (await instance(key)).state === 'COMPLETED', 5000, 'parent completion');
    expect(await rootVariables(key)).toEqual({ pratica: 'P-1', anno: 2024, fromChild: 'ok' });
    expect((await instance(child.key)).state).toBe('COMPLETED');
    const completed = (await records(h.embedded, key, 'PROCESS_INSTANCE')).filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => r.element_id);
    expect(completed).toEqual(['start', 'call', 'end', 'ca-all']);
  });

  it('passes only input-mapping results when propagateAllParentVariables is false, and narrows the return by output mappings', async () => {
    // given
    await deployXml(h.zeebe, 'ca-mapped.bpmn', bpmn('ca-mapped', around('call', callActivity('call', {
      processId: '="ca-" + which', propagateAllParentVariables: false, inputs: [['=pratica', 'id']], outputs: [['=fromChild', 'esito']],
    }))));
    const key = await start('ca-mapped', { pratica: 'P-2', which: 'child', secret: 'x' });
    // when
    const [job] = await activate('ca-child-work');
    expect(job.variables).toEqual({ id: 'P-2' });
    await h.zeebe.completeJob({ jobKey: job.key, variables: { fromChild: 'done', other: 1 } });
    // then
    await waitFor(async () => (await instance(key)).state === 'COMPLETED', 5000, 'parent completion');
    expect(await rootVariables(key)).toEqual({ pratica: 'P-2', which: 'child', secret: 'x', esito: 'done' });
  });

  it('evaluates a FEEL process id after the input mappings', async () => {
    // given
    await deployXml(h.zeebe, 'ca-dynamic.bpmn', bpmn('ca-dynamic', around('call', callActivity('call', { processId: '=target', inputs: [['="ca-" + kind', 'target']] }))));
    // when
    const key = await start('ca-dynamic', { kind: 'child' });
    // then
    const child = await childOf(key);
    expect(child.bpmn_process_id).toBe('ca-child');
    await h.zeebe.cancelProcessInstance(key);
  });

  it('returns nothing when propagateAllChildVariables is false and there are no output mappings', async () => {
    // given
    await deployXml(h.zeebe, 'ca-none.bpmn', bpmn('ca-none', around('call', callActivity('call', { processId: 'ca-child', propagateAllChildVariables: false }))));
    const key = await start('ca-none', { a: 1 });
    const [job] = await activate('ca-child-work');
    // when
    await h.zeebe.completeJob({ jobKey: job.key, variables: { fromChild: 'lost' } });
    // then
    await waitFor(async () => (await instance(key)).state === 'COMPLETED', 5000, 'parent completion');
    expect(await rootVariables(key)).toEqual({ a: 1 });
  });

  it('terminates the child when the parent is canceled, and refuses to cancel the child directly', async () => {
    // given
    await deployXml(h.zeebe, 'ca-cancel.bpmn', bpmn('ca-cancel', around('call', callActivity('call', { processId: 'ca-child' }))));
    const key = await start('ca-cancel');
    const child = await childOf(key);
    // when / then: the child cannot be canceled on its own
    await expect(h.zeebe.cancelProcessInstance(String(child.key))).rejects.toThrow(/FAILED_PRECONDITION/);
    // when
    await h.zeebe.cancelProcessInstance(key);
    // then
    expect((await instance(key)).state).toBe('TERMINATED');
    expect((await instance(child.key)).state).toBe('TERMINATED');
    expect((await records(h.embedded, child.key, 'JOB')).map((r) => r.intent)).toEqual(['CREATED', 'CANCELED']);
  });

  it('ends the child when an interrupting boundary event on the call activity fires (error thrown in the child)', async () => {
    // given
    const body = `${callActivity('call', { processId: 'ca-child' })}
      <bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="e"/></bpmn:boundaryEvent>
      <bpmn:endEvent id="caughtEnd"/><bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="caughtEnd"/>`;
    await deployXml(h.zeebe, 'ca-error.bpmn', bpmn('ca-error', around('call', body), '<bpmn:error id="e" errorCode="RIFIUTO"/>'));
    const key = await start('ca-error');
    const [job] = await activate('ca-child-work');
    // when
    await h.zeebe.throwError({ jobKey: job.key, errorCode: 'RIFIUTO', errorMessage: 'rifiutato' });
    // then
    await waitFor(async () => (await instance(key)).state === 'COMPLETED', 5000, 'parent completion');
    expect((await instance(job.processInstanceKey)).state).toBe('TERMINATED');
    const completed = (await records(h.embedded, key, 'PROCESS_INSTANCE')).filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => r.element_id);
    expect(completed).toContain('caughtEnd');
  });

  it('keeps an incident in the child visible, with the parent recorded as parent', async () => {
    // given: the child's task fails with no retries left
    await deployXml(h.zeebe, 'ca-incident.bpmn', bpmn('ca-incident', around('call', callActivity('call', { processId: 'ca-child' }))));
    const key = await start('ca-incident');
    const [job] = await activate('ca-child-work');
    // when
    await h.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'protocollo non raggiungibile' } as never);
    // then
    const incident = (await h.embedded.engine.knex('incidents').where('process_instance_key', Number(job.processInstanceKey)).first()) as { error_type: string; element_id: string; bpmn_process_id: string };
    expect(incident).toMatchObject({ error_type: 'JOB_NO_RETRIES', element_id: 'childWork', bpmn_process_id: 'ca-child' });
    expect(await instance(job.processInstanceKey)).toMatchObject({ parent_process_instance_key: Number(key), state: 'ACTIVE' });
    expect((await instance(key)).state).toBe('ACTIVE');
  });

  it('raises CALLED_ELEMENT_ERROR when the called process is not deployed, and goes on once it is', async () => {
    // given
    await deployXml(h.zeebe, 'ca-missing.bpmn', bpmn('ca-missing', around('call', callActivity('call', { processId: 'ca-later' }))));
    const key = await start('ca-missing', { x: 1 });
    // then
    const incident = await waitFor(async () => (await h.embedded.engine.knex('incidents').where('process_instance_key', Number(key)).first()) as
      { key: number; error_type: string; element_id: string; error_message: string } | undefined);
    expect(incident).toMatchObject({ error_type: 'CALLED_ELEMENT_ERROR', element_id: 'call' });
    expect(incident.error_message).toContain("'ca-later'");
    // when
    await deployXml(h.zeebe, 'ca-later.bpmn', bpmn('ca-later', around('laterWork', serviceTask('laterWork', 'ca-later-work'))));
    await h.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    // then
    const [job] = await activate('ca-later-work');
    expect(job.variables).toEqual({ x: 1 });
    await h.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await waitFor(async () => (await instance(key)).state === 'COMPLETED', 5000, 'parent completion');
  });

  it('calls the process once per item as a multi-instance call activity', async () => {
    // given: only the output mapping comes back (with all child variables, the child's copy of the
    // output collection would overwrite the body's, as in Zeebe)
    const call = `<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="ca-child" propagateAllChildVariables="false"/>
      <zeebe:ioMapping><zeebe:output source="=fromChild" target="fromChild"/></zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=comuni" inputElement="comune" outputCollection="esiti" outputElement="=fromChild"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:callActivity>`;
    await deployXml(h.zeebe, 'ca-mi.bpmn', bpmn('ca-mi', around('call', call)));
    const key = await start('ca-mi', { comuni: ['Bra', 'Alba'] });
    // when
    const jobs = await activate('ca-child-work');
    expect(jobs.map((j) => j.variables.comune).sort()).toEqual(['Alba', 'Bra']);
    for (const job of jobs) await h.zeebe.completeJob({ jobKey: job.key, variables: { fromChild: `ok ${String(job.variables.comune)}` } });
    // then
    await waitFor(async () => (await instance(key)).state === 'COMPLETED', 5000, 'parent completion');
    expect((await rootVariables(key)).esiti).toEqual(['ok Bra', 'ok Alba']);
    // the output element was local to each iteration
    expect(await rootVariables(key)).not.toHaveProperty('fromChild');
  });

  it("calls the version deployed together with the caller with bindingType 'deployment'", async () => {
    // given: caller and child v1 in one deployment, child v2 later
    const caller = bpmn('ca-bound', around('call', '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="ca-bound-child" bindingType="deployment"/></bpmn:extensionElements></bpmn:callActivity>'));
    const child = (type: string) => bpmn('ca-bound-child', around('work', serviceTask('work', type)));
    await h.zeebe.deployResources([
      { name: 'ca-bound.bpmn', process: Buffer.from(caller) },
      { name: 'ca-bound-child.bpmn', process: Buffer.from(child('ca-bound-v1')) },
    ] as never);
    await deployXml(h.zeebe, 'ca-bound-child.bpmn', child('ca-bound-v2'));
    // when
    const key = await start('ca-bound');
    // then: v1's job, not v2's
    const [job] = await activate('ca-bound-v1');
    expect(job).toBeDefined();
    expect(await activate('ca-bound-v2')).toEqual([]);
    await h.zeebe.cancelProcessInstance(key);
  });

  it('refuses a call activity without a called element, or with a binding type it does not support, at deploy time', async () => {
    const versionTag = bpmn('ca-tag', around('call', '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="x" bindingType="versionTag" versionTag="v1"/></bpmn:extensionElements></bpmn:callActivity>'));
    await expect(deployXml(h.zeebe, 'ca-tag.bpmn', versionTag)).rejects.toThrow(/versionTag/);
    // when / then
    const xml = bpmn('ca-invalid', around('call', '<bpmn:callActivity id="call"/>'));
    await expect(deployXml(h.zeebe, 'ca-invalid.bpmn', xml)).rejects.toThrow(/calledElement/);
  });
});
