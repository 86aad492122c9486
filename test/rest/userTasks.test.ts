import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v89 from '@camunda/camunda-api-zod-schemas/8.9';
import { problemDetailResponseSchema } from '@camunda/camunda-api-zod-schemas/8.8';
import { bpmn, waitFor } from '../support/engineHarness.js';
import { deploy, expectSchema, http, NO_WAIT, startRestHarness, type RestHarness } from './restHarness.js';

const FORM = JSON.stringify({ id: 'rest-review-form', type: 'default', components: [{ key: 'approved', label: 'Approvato', type: 'checkbox' }] });

const REVIEW = bpmn('rest-review', `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Istruttoria">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="=groups" candidateUsers="anna, bruno" />
        <zeebe:taskSchedule dueDate="=due" />
        <zeebe:priorityDefinition priority="=prio" />
        <zeebe:formDefinition formId="rest-review-form" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>`);

describe('REST v2: user tasks (Tasklist queries and commands) and the audit log', () => {
  let h: RestHarness;
  const instances: string[] = [];
  beforeAll(async () => {
    h = await startRestHarness();
    const deployed = await deploy(h.base, [{ name: 'rest-review.bpmn', content: REVIEW }, { name: 'rest-review.form', content: FORM }], 'designer');
    expect(deployed.status).toBe(200);
    // Camunda 8.9 names all five kinds in each item; the deployed one is the only non-null.
    expect(deployed.body.deployments.map((d: Record<string, unknown>) => Object.keys(d).filter((k) => d[k] !== null)[0]).sort()).toEqual(['form', 'processDefinition']);
    const inputs = [
      { groups: ['upd'], due: '2026-12-01T10:00:00Z', prio: 80 },
      { groups: ['upd', 'segreteria'], due: '2026-12-20T10:00:00+01:00', prio: 20 },
      { groups: ['segreteria'], due: '2027-01-15T10:00:00Z', prio: 50 },
    ];
    for (const variables of inputs) {
      const created = await http(h.base, 'POST', '/v2/process-instances', { processDefinitionId: 'rest-review', variables }, 'starter');
      expect(created.status).toBe(200);
      instances.push(created.body.processInstanceKey);
    }
    await waitFor(async () => (await http(h.base, 'POST', '/v2/user-tasks/search', {})).body.page.totalItems === 3, 5_000, 'three user tasks');
  });
  afterAll(async () => {
    await h.stop();
  });

  const search = async (filter: Record<string, unknown>, sort?: unknown[]) => {
    const result = await h.camunda.searchUserTasks({ filter, ...(sort ? { sort } : {}) } as never, NO_WAIT);
    expectSchema(v89.queryUserTasksResponseBodySchema, h.lastBody());
    return result.items!.map((t) => String(t.processInstanceKey));
  };

  it('searches by candidate group, candidate user, state, instance and due date', async () => {
    // then
    expect(await search({ candidateGroup: 'upd' }, [{ field: 'priority', order: 'DESC' }])).toEqual([instances[0], instances[1]]);
    expect(await search({ candidateGroup: { $in: ['segreteria'] } }, [{ field: 'dueDate', order: 'ASC' }])).toEqual([instances[1], instances[2]]);
    expect(await search({ candidateUser: 'bruno', processInstanceKey: instances[2] })).toEqual([instances[2]]);
    expect(await search({ state: 'CREATED', dueDate: { $lt: '2026-12-31T00:00:00Z' } }, [{ field: 'dueDate', order: 'ASC' }])).toEqual([instances[0], instances[1]]);
    expect(await search({ candidateGroup: 'nessuno' })).toEqual([]);
  });

  it('gets a task with its properties and its linked form', async () => {
    // given
    const [task] = (await http(h.base, 'POST', '/v2/user-tasks/search', { filter: { processInstanceKey: instances[1] } })).body.items;
    // when
    const one = await h.camunda.getUserTask({ userTaskKey: task.userTaskKey }, NO_WAIT);
    expectSchema(v89.userTaskSchema, h.lastBody());
    const form = await http(h.base, 'GET', `/v2/user-tasks/${task.userTaskKey}/form`);
    // then
    expect(one).toMatchObject({ name: 'Istruttoria', state: 'CREATED', candidateGroups: ['upd', 'segreteria'], candidateUsers: ['anna', 'bruno'], priority: 20, dueDate: '2026-12-20T09:00:00.000Z' });
    expect(form.status).toBe(200);
    expect(JSON.parse(form.body.schema)).toMatchObject({ id: 'rest-review-form' });
    expectSchema(v89.formSchema, form.body);
  });

  it('assigns, refuses a claim over another assignee with 409, unassigns, completes, and refuses a second completion', async () => {
    // given
    const [task] = (await http(h.base, 'POST', '/v2/user-tasks/search', { filter: { processInstanceKey: instances[0] } })).body.items;
    const key = task.userTaskKey as string;
    // when
    await h.camunda.assignUserTask({ userTaskKey: key, assignee: 'anna', allowOverride: true } as never);
    const claim = await http(h.base, 'POST', `/v2/user-tasks/${key}/assignment`, { assignee: 'bruno', allowOverride: false }, 'bruno');
    const assigned = await search({ assignee: 'anna' });
    await h.camunda.unassignUserTask({ userTaskKey: key } as never);
    const unassigned = await search({ assignee: { $exists: false }, processInstanceKey: instances[0] });
    const completed = await http(h.base, 'POST', `/v2/user-tasks/${key}/completion`, { variables: { approved: true } }, 'anna');
    const again = await http(h.base, 'POST', `/v2/user-tasks/${key}/completion`, { variables: {} }, 'anna');
    // then
    expect(claim.status).toBe(409);
    expect(claim.contentType).toContain('application/problem+json');
    expectSchema(problemDetailResponseSchema, claim.body);
    expect(claim.body.title).toBe('INVALID_STATE');
    expect(assigned).toEqual([instances[0]]);
    expect(unassigned).toEqual([instances[0]]);
    expect(completed.status).toBe(204);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ title: 'INVALID_STATE', status: 409, instance: `/v2/user-tasks/${key}/completion` });
    const done = await h.camunda.getUserTask({ userTaskKey: key }, NO_WAIT);
    expect(done.state).toBe('COMPLETED');
    expect(done.completionDate).toBeDefined();
    const instance = await h.camunda.getProcessInstance({ processInstanceKey: instances[0] }, NO_WAIT);
    expect(instance.state).toBe('COMPLETED');
    const variables = await http(h.base, 'POST', '/v2/variables/search', { filter: { processInstanceKey: instances[0], name: 'approved' } });
    expect(variables.body.items.map((v: { value: string }) => v.value)).toEqual(['true']);
  });

  it('updates a task changeset, and rejects bad input with 400 and unknown tasks with 404', async () => {
    // given
    const [task] = (await http(h.base, 'POST', '/v2/user-tasks/search', { filter: { processInstanceKey: instances[2] } })).body.items;
    // when
    await h.camunda.updateUserTask({ userTaskKey: task.userTaskKey, changeset: { priority: 99, candidateGroups: ['upd'] } } as never);
    const badPriority = await http(h.base, 'PATCH', `/v2/user-tasks/${task.userTaskKey}`, { changeset: { priority: 101 } });
    const noAssignee = await http(h.base, 'POST', `/v2/user-tasks/${task.userTaskKey}/assignment`, {});
    const unknown = await http(h.base, 'POST', '/v2/user-tasks/2251799813999999/completion', {});
    // then
    expect((await http(h.base, 'GET', `/v2/user-tasks/${task.userTaskKey}`)).body).toMatchObject({ priority: 99, candidateGroups: ['upd'] });
    expect(badPriority.status).toBe(400);
    expect(noAssignee.body).toMatchObject({ status: 400, title: 'INVALID_ARGUMENT', detail: 'No assignee provided' });
    expect(unknown.status).toBe(404);
    for (const problem of [badPriority, noAssignee, unknown]) expectSchema(problemDetailResponseSchema, problem.body);
  });

  it('lists operations in the audit log with who did them, in Camunda 8.9 shape', async () => {
    // when
    const all = await http(h.base, 'POST', '/v2/audit-logs/search', { sort: [{ field: 'timestamp', order: 'asc' }], page: { limit: 100 } });
    const byAnna = await http(h.base, 'POST', '/v2/audit-logs/search', { filter: { actorId: 'anna', operationType: 'COMPLETE' } });
    const tasks = await http(h.base, 'POST', '/v2/audit-logs/search', { filter: { category: 'USER_TASKS' } });
    // then
    expectSchema(v89.queryAuditLogsResponseBodySchema, all.body);
    const summary = all.body.items.map((e: Record<string, string>) => `${e.entityType}:${e.operationType}:${e.actorType}:${e.actorId}`);
    expect(summary[0]).toBe('RESOURCE:CREATE:USER:designer');
    expect(summary.filter((s: string) => s === 'PROCESS_INSTANCE:CREATE:USER:starter')).toHaveLength(3);
    expect(summary).toContain('USER_TASK:ASSIGN:ANONYMOUS:anonymous');
    expect(summary).toContain('USER_TASK:UNASSIGN:ANONYMOUS:anonymous');
    expect(summary).toContain('USER_TASK:UPDATE:ANONYMOUS:anonymous');
    expect(byAnna.body.items).toHaveLength(1);
    expect(byAnna.body.items[0]).toMatchObject({ entityType: 'USER_TASK', processInstanceKey: instances[0], processDefinitionId: 'rest-review', result: 'SUCCESS' });
    expect(tasks.body.items.every((e: Record<string, string>) => e.category === 'USER_TASKS')).toBe(true);
    const one = await http(h.base, 'GET', `/v2/audit-logs/${byAnna.body.items[0].auditLogKey}`);
    expect(one.body).toEqual(byAnna.body.items[0]);
    expectSchema(v89.getAuditLogResponseBodySchema, one.body);
    const perTask = await http(h.base, 'POST', `/v2/user-tasks/${byAnna.body.items[0].userTaskKey}/audit-logs/search`, {});
    expect(perTask.body.items.map((e: Record<string, string>) => e.operationType)).toEqual(['ASSIGN', 'UNASSIGN', 'COMPLETE']);
  });

  it('answers 400 naming the field for a null, mistyped or unknown-operator audit-log kind filter', async () => {
    // when
    const nulled = await http(h.base, 'POST', '/v2/audit-logs/search', { filter: { operationType: null } });
    const numbered = await http(h.base, 'POST', '/v2/audit-logs/search', { filter: { category: 5 } });
    const unknownOperator = await http(h.base, 'POST', '/v2/audit-logs/search', { filter: { entityType: { $like: 'USER*' } } });
    // then
    expect(nulled.body).toMatchObject({ status: 400, detail: "Filter 'operationType' must not be null" });
    expect(numbered.status).toBe(400);
    expect(numbered.body.detail).toContain("'category'");
    expect(unknownOperator.body).toMatchObject({ status: 400, detail: "Unsupported operator '$like' in filter 'entityType'" });
    for (const problem of [nulled, numbered, unknownOperator]) expectSchema(problemDetailResponseSchema, problem.body);
  });
});
