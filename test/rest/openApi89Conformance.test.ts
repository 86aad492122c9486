import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CamundaClientLoose } from '@camunda8/orchestration-cluster-api';
import { bpmn, waitFor } from '../support/engineHarness.js';
import { camunda89Client, NO_WAIT, startRestHarness, type RestHarness } from './restHarness.js';

// Every endpoint of the README's REST table, called through Camunda's own 8.9 client with `fanatical` response
// validation: a response that lacks a field 8.9 requires (null when empty), has one it does not know, or has a
// wrong type fails the call. The assertions below then check the values the client handed back.

const FORM = JSON.stringify({ id: 'c89-form', type: 'default', components: [{ key: 'ok', label: 'OK', type: 'checkbox' }] });

const CHILD = bpmn('c89-child', `
    <bpmn:startEvent id="cs"><bpmn:outgoing>c1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="c1" sourceRef="cs" targetRef="work" />
    <bpmn:serviceTask id="work" name="Work">
      <bpmn:extensionElements><zeebe:taskDefinition type="c89-work" /></bpmn:extensionElements>
      <bpmn:incoming>c1</bpmn:incoming><bpmn:outgoing>c2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="c2" sourceRef="work" targetRef="ce" />
    <bpmn:endEvent id="ce"><bpmn:incoming>c2</bpmn:incoming></bpmn:endEvent>`);

const PARENT = bpmn('c89-parent', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="upd" />
        <zeebe:formDefinition formId="c89-form" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="call" />
    <bpmn:callActivity id="call" name="Call child">
      <bpmn:extensionElements><zeebe:calledElement processId="c89-child" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:callActivity>
    <bpmn:sequenceFlow id="f3" sourceRef="call" targetRef="wait" />
    <bpmn:receiveTask id="wait" name="Wait" messageRef="m1">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
    </bpmn:receiveTask>
    <bpmn:sequenceFlow id="f4" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>`,
  `<bpmn:message id="m1" name="c89-go"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>
   <bpmn:signal id="s1" name="c89-signal" />`)
  .replace('<bpmn:process id="c89-parent" isExecutable="true">', '<bpmn:process id="c89-parent" name="Parent" isExecutable="true"><bpmn:extensionElements><zeebe:versionTag value="v1" /></bpmn:extensionElements>');

/** The client's validation errors carry the zod issues (path: expected … got …); show them in the failure. */
function validationIssues(error: unknown): string {
  let e = error as { message?: string; issues?: unknown; cause?: unknown } | undefined;
  while (e && !Array.isArray(e.issues) && e.cause) e = e.cause as typeof e;
  const issues = Array.isArray(e?.issues) ? ` ${JSON.stringify(e.issues)}` : '';
  return `${(error as Error).message}${issues}`;
}

const files = (...list: [string, string][]) => list.map(([name, text]) => new File([text], name));

describe('REST v2 against Camunda 8.9 schemas (orchestration-cluster-api 9.x, fanatical)', () => {
  let h: RestHarness;
  let c: CamundaClientLoose;
  const seen = new Set<string>();
  const call = async <T>(endpoint: string, run: () => Promise<T>): Promise<T> => {
    seen.add(endpoint);
    return run().catch((error: unknown) => {
      throw new Error(`${endpoint}: ${validationIssues(error)}`, { cause: error });
    });
  };
  let parentKey: string;
  let parentDefinitionKey: string;
  let childInstanceKey: string;
  let userTaskKey: string;

  beforeAll(async () => {
    h = await startRestHarness({ clockControlled: true });
    c = camunda89Client(h.base);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('GET /v2/topology reports an 8.9 gateway with a cluster id', async () => {
    // when
    const topology = await call('GET /v2/topology', () => c.getTopology());
    // then
    expect(topology.gatewayVersion).toMatch(/^8\.9\.\d+/);
    expect(topology.brokers[0].version).toMatch(/^8\.9\.\d+/);
    expect(typeof topology.clusterId === 'string' || topology.clusterId === null).toBe(true);
    expect(topology.clusterId).not.toBeNull();
  });

  it('POST /v2/deployments: every item has all five kinds, the absent ones null', async () => {
    // when
    const result = await call('POST /v2/deployments', () => c.createDeployment({ resources: files(['c89-child.bpmn', CHILD], ['c89-parent.bpmn', PARENT], ['c89.form', FORM]) } as never));
    // then
    const body = result as unknown as { deployments: Record<string, unknown>[] };
    expect(body.deployments).toHaveLength(3);
    for (const item of body.deployments) expect(Object.keys(item).sort()).toEqual(['decisionDefinition', 'decisionRequirements', 'form', 'processDefinition', 'resource']);
    const parent = body.deployments.map((d) => d.processDefinition as { processDefinitionId: string; processDefinitionKey: string } | null).find((p) => p?.processDefinitionId === 'c89-parent');
    expect(body.deployments.filter((d) => d.form !== null)).toHaveLength(1);
    parentDefinitionKey = parent!.processDefinitionKey;
  });

  it('process definitions: search, get, XML, element statistics', async () => {
    // when
    const search = await call('POST /v2/process-definitions/search', () => c.searchProcessDefinitions({ filter: { processDefinitionId: 'c89-child' } }, NO_WAIT));
    const one = await call('GET /v2/process-definitions/{key}', () => c.getProcessDefinition({ processDefinitionKey: parentDefinitionKey } as never, NO_WAIT));
    const xml = await call('GET /v2/process-definitions/{key}/xml', () => c.getProcessDefinitionXml({ processDefinitionKey: parentDefinitionKey } as never, NO_WAIT));
    const stats = await call('POST /v2/process-definitions/{key}/statistics/element-instances', () => c.getProcessDefinitionStatistics({ processDefinitionKey: parentDefinitionKey } as never, NO_WAIT));
    // then
    expect(search.items[0].versionTag).toBeNull();
    expect(one.versionTag).toBe('v1');
    expect(String(xml)).toContain('c89-parent');
    expect(stats.items).toEqual([]);
  });

  it('process instances: create, search, get, statistics, sequence flows, incidents', async () => {
    // when
    const created = await call('POST /v2/process-instances', () => c.createProcessInstance({ processDefinitionId: 'c89-parent', variables: { orderId: 'o-1' } } as never));
    parentKey = created.processInstanceKey;
    const search = await call('POST /v2/process-instances/search', () => c.searchProcessInstances({ filter: { processInstanceKey: parentKey } } as never, NO_WAIT));
    const one = await call('GET /v2/process-instances/{key}', () => c.getProcessInstance({ processInstanceKey: parentKey } as never, NO_WAIT));
    const stats = await call('GET /v2/process-instances/{key}/statistics/element-instances', () => c.getProcessInstanceStatistics({ processInstanceKey: parentKey } as never, NO_WAIT));
    const flows = await call('GET /v2/process-instances/{key}/sequence-flows', () => c.getProcessInstanceSequenceFlows({ processInstanceKey: parentKey } as never, NO_WAIT));
    const incidents = await call('POST /v2/process-instances/{key}/incidents/search', () => c.searchProcessInstanceIncidents({ processInstanceKey: parentKey } as never, NO_WAIT));
    // then
    expect(created.processDefinitionVersion).toBe(1);
    expect(search.page.totalItems).toBe(1);
    expect(search.page.startCursor).not.toBeUndefined();
    expect(one).toMatchObject({ processDefinitionVersionTag: 'v1', parentProcessInstanceKey: null, endDate: null, state: 'ACTIVE' });
    // The root of a top-level instance is the instance itself.
    expect(one.rootProcessInstanceKey as string | null).toBe(parentKey);
    expect(stats.items.find((s) => s.elementId === 'review')?.active).toBe(1);
    expect(flows.items.map((f) => f.sequenceFlowId)).toEqual(['f1']);
    expect(incidents.items).toEqual([]);
  });

  it('user tasks: search, get, form, variables, assign, unassign, update, audit log, complete', async () => {
    // given
    const task = await waitFor(async () => (await c.searchUserTasks({ filter: { processInstanceKey: parentKey } } as never, NO_WAIT)).items[0]);
    seen.add('POST /v2/user-tasks/search');
    userTaskKey = task.userTaskKey;
    expect(task).toMatchObject({ assignee: null, dueDate: null, followUpDate: null, externalFormReference: null });
    expect(task.formKey).not.toBeNull();
    // when
    const one = await call('GET /v2/user-tasks/{key}', () => c.getUserTask({ userTaskKey } as never, NO_WAIT));
    const form = await call('GET /v2/user-tasks/{key}/form', () => c.getUserTaskForm({ userTaskKey } as never, NO_WAIT));
    const variables = await call('POST /v2/user-tasks/{key}/variables/search', () => c.searchUserTaskVariables({ userTaskKey } as never, NO_WAIT));
    await call('POST /v2/user-tasks/{key}/assignment', () => c.assignUserTask({ userTaskKey, assignee: 'anna' } as never));
    const assigned = await c.getUserTask({ userTaskKey } as never, NO_WAIT);
    await call('DELETE /v2/user-tasks/{key}/assignee', () => c.unassignUserTask({ userTaskKey } as never));
    await call('PATCH /v2/user-tasks/{key}', () => c.updateUserTask({ userTaskKey, changeset: { dueDate: '2027-01-15T10:00:00.000Z' } } as never));
    const updated = await c.getUserTask({ userTaskKey } as never, NO_WAIT);
    const audit = await call('POST /v2/user-tasks/{key}/audit-logs/search', () => c.searchUserTaskAuditLogs({ userTaskKey } as never, NO_WAIT));
    await call('POST /v2/user-tasks/{key}/completion', () => c.completeUserTask({ userTaskKey, variables: { ok: true } } as never));
    // then
    expect(one.tags).toEqual([]);
    expect((form as { formId: string }).formId).toBe('c89-form');
    expect(variables.items.map((v) => v.name)).toEqual(['orderId']);
    expect(assigned.assignee).toBe('anna');
    expect(updated).toMatchObject({ assignee: null, dueDate: '2027-01-15T10:00:00.000Z' });
    expect(audit.items.length).toBeGreaterThan(0);
  });

  it('jobs: activate, fail, search, update, throw error, complete; the child instance names its parent and root', async () => {
    // given
    const activate = () => c.activateJobs({ type: 'c89-work', worker: 'c89', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 5_000 } as never);
    const first = await call('POST /v2/jobs/activation', async () => (await waitFor(async () => (await activate()).jobs[0])));
    childInstanceKey = first.processInstanceKey;
    // when
    await call('POST /v2/jobs/{key}/failure', () => c.failJob({ jobKey: first.jobKey, retries: 2, errorMessage: 'try again' } as never));
    const search = await call('POST /v2/jobs/search', () => c.searchJobs({ filter: { processInstanceKey: childInstanceKey } } as never, NO_WAIT));
    const again = await waitFor(async () => (await activate()).jobs[0]);
    await call('PATCH /v2/jobs/{key}', () => c.updateJob({ jobKey: again.jobKey, changeset: { timeout: 120_000 } } as never));
    await call('POST /v2/jobs/{key}/error', () => c.throwJobError({ jobKey: again.jobKey, errorCode: 'no-catch', errorMessage: 'nobody catches it' } as never)).catch(() => undefined);
    const child = await c.getProcessInstance({ processInstanceKey: childInstanceKey } as never, NO_WAIT);
    // then
    expect(search.items[0]).toMatchObject({ retries: 2, errorMessage: 'try again' });
    expect(child).toMatchObject({ parentProcessInstanceKey: parentKey });
    expect(child.rootProcessInstanceKey as string | null).toBe(parentKey);
  });

  it('incidents: search, get, resolve after retries are given back; then the job completes', async () => {
    // given the uncaught error raised an incident on the child
    const found = await waitFor(async () => (await c.searchIncidents({ filter: { processInstanceKey: childInstanceKey } } as never, NO_WAIT)).items[0]);
    seen.add('POST /v2/incidents/search');
    // when
    const one = await call('GET /v2/incidents/{key}', () => c.getIncident({ incidentKey: found.incidentKey } as never, NO_WAIT));
    await call('POST /v2/incidents/{key}/resolution', () => c.resolveIncident({ incidentKey: found.incidentKey } as never));
    const job = await waitFor(async () => (await c.activateJobs({ type: 'c89-work', worker: 'c89', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 1_000 } as never)).jobs[0]);
    await call('POST /v2/jobs/{key}/completion', () => c.completeJob({ jobKey: job.jobKey, variables: { big: 1 } } as never));
    // then
    expect(one.errorType).toBe('UNHANDLED_ERROR_EVENT');
    const child = await waitFor(async () => {
      const instance = await c.getProcessInstance({ processInstanceKey: childInstanceKey } as never, NO_WAIT);
      return instance.state === 'COMPLETED' ? instance : undefined;
    });
    expect(Number.isNaN(Date.parse(child.endDate as string))).toBe(false);
  });

  it('element instances and variables: search, get, set variables; variables search and get', async () => {
    // when
    const search = await call('POST /v2/element-instances/search', () => c.searchElementInstances({ filter: { processInstanceKey: parentKey, elementId: 'wait' } } as never, NO_WAIT));
    const waiting = search.items[0];
    const one = await call('GET /v2/element-instances/{key}', () => c.getElementInstance({ elementInstanceKey: waiting.elementInstanceKey } as never, NO_WAIT));
    await call('PUT /v2/element-instances/{key}/variables', () => c.createElementInstanceVariables({ elementInstanceKey: parentKey, variables: { note: 'set over REST' } } as never));
    const variables = await call('POST /v2/variables/search', () => c.searchVariables({ filter: { processInstanceKey: parentKey, name: 'note' } } as never, NO_WAIT));
    const variable = await call('GET /v2/variables/{key}', () => c.getVariable({ variableKey: variables.items[0].variableKey } as never, NO_WAIT));
    // then
    expect(one).toMatchObject({ elementId: 'wait', state: 'ACTIVE', endDate: null, incidentKey: null });
    expect(variable.value).toBe('"set over REST"');
  });

  it('messages and signals: publish, correlate, broadcast', async () => {
    // when
    const published = await call('POST /v2/messages/publication', () => c.publishMessage({ name: 'c89-nobody', correlationKey: 'x', timeToLive: 0 } as never));
    const correlated = await call('POST /v2/messages/correlation', () => c.correlateMessage({ name: 'c89-go', correlationKey: 'o-1' } as never));
    const signal = await call('POST /v2/signals/broadcast', () => c.broadcastSignal({ signalName: 'c89-signal' } as never));
    // then
    expect(published.messageKey).toMatch(/^\d+$/);
    expect(correlated.processInstanceKey).toBe(parentKey);
    expect(signal.signalKey).toMatch(/^\d+$/);
  });

  it('clock: pin and reset', async () => {
    // when
    await call('PUT /v2/clock', () => c.pinClock({ timestamp: Date.parse('2026-06-01T00:00:00Z') } as never));
    await call('POST /v2/clock/reset', () => c.resetClock());
    // then
    expect(seen.has('POST /v2/clock/reset')).toBe(true);
  });

  it('cancels an instance, and the audit log lists and gets entries', async () => {
    // given
    const created = await c.createProcessInstance({ processDefinitionId: 'c89-parent', variables: { orderId: 'o-2' } } as never);
    // when
    await call('POST /v2/process-instances/{key}/cancellation', () => c.cancelProcessInstance({ processInstanceKey: created.processInstanceKey } as never));
    const logs = await call('POST /v2/audit-logs/search', () => c.searchAuditLogs({ filter: { processInstanceKey: created.processInstanceKey } } as never, NO_WAIT));
    const entry = await call('GET /v2/audit-logs/{key}', () => c.getAuditLog({ auditLogKey: logs.items[0].auditLogKey } as never, NO_WAIT));
    const cancelled = await c.getProcessInstance({ processInstanceKey: created.processInstanceKey } as never, NO_WAIT);
    // then
    expect(logs.items.map((l) => l.operationType)).toContain('CANCEL');
    expect(entry.auditLogKey).toBe(logs.items[0].auditLogKey);
    expect(cancelled.state).toBe('TERMINATED');
  });

  it('covered every endpoint the README lists', () => {
    expect(seen.size).toBe(43);
  });
});
