import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

const userTaskProcess = (taskId: string, zeebeUserTask: boolean): string => bpmn('firmaAtto', `
  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:userTask id="${taskId}">${zeebeUserTask ? '<bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="provincia-upd" /></bpmn:extensionElements>' : ''}<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
  <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${taskId}" />
  <bpmn:sequenceFlow id="f2" sourceRef="${taskId}" targetRef="end" />`);

const multiInstance = (sequential: boolean, type: string): string => bpmn('notifiche', `
  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:serviceTask id="notifica"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    <bpmn:multiInstanceLoopCharacteristics${sequential ? ' isSequential="true"' : ''}><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=comuni" inputElement="comune" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>
  <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notifica" />
  <bpmn:sequenceFlow id="f2" sourceRef="notifica" targetRef="end" />`);

/** Migration of user tasks and multi-instance activities, as Zeebe's preconditions allow them. */
describe('gRPC MigrateProcessInstance: user tasks and multi-instance', () => {
  let h: Harness;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness();
    const deploy = async (name: string, xml: string) => (await deployXml(h.zeebe, `${name}.bpmn`, xml)).deployments[0].process.processDefinitionKey as string;
    keys.firma1 = await deploy('firma', userTaskProcess('firma', true));
    keys.firma2 = await deploy('firma', userTaskProcess('firmaDirigente', true));
    keys.firmaJob = await deploy('firma', userTaskProcess('firmaDirigente', false));
    keys.mi1 = await deploy('notifiche', multiInstance(false, 'mi-notifica'));
    keys.mi2 = await deploy('notifiche', multiInstance(false, 'mi-notifica-v2'));
    keys.miSeq = await deploy('notifiche', multiInstance(true, 'mi-notifica-v3'));
  });
  afterAll(async () => {
    await h.stop();
  });

  const knex = () => h.embedded.engine.knex;
  const plan = (pi: string, target: string, mappings: [string, string][]) => ({
    processInstanceKey: pi,
    migrationPlan: { targetProcessDefinitionKey: target, mappingInstructions: mappings.map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId })) },
  });

  it('keeps a Camunda user task (key, assignee) and points it at the target element', async () => {
    // given
    const { processInstanceKey: pi } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'firmaAtto', version: 1, variables: {} } as never);
    const task = await waitFor(async () => (await knex()('user_tasks').where('process_instance_key', Number(pi)).first()) as { key: number } | undefined, 5000, 'user task');
    await h.embedded.engine.execute({ type: 'userTask', action: 'assign', userTaskKey: task.key, assignee: 'mrossi' });
    // when
    await h.zeebe.migrateProcessInstance(plan(pi, keys.firma2, [['firma', 'firmaDirigente']]) as never);
    // then
    const migrated = await knex()('user_tasks').where('key', task.key).first();
    expect({ element: migrated.element_id, definition: String(migrated.process_definition_key), version: migrated.process_definition_version, assignee: migrated.assignee, state: migrated.state })
      .toEqual({ element: 'firmaDirigente', definition: keys.firma2, version: 2, assignee: 'mrossi', state: 'CREATED' });
    expect((await records(h.embedded, pi)).some((r) => r.value_type === 'USER_TASK' && r.intent === 'MIGRATED' && r.key === task.key)).toBe(true);
  });

  it('refuses to turn a Camunda user task into a job-based one', async () => {
    // given
    const { processInstanceKey: pi } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'firmaAtto', version: 1, variables: {} } as never);
    await waitFor(async () => (await knex()('user_tasks').where('process_instance_key', Number(pi)).first()) as { key: number } | undefined, 5000, 'user task');
    // when
    const attempt = h.zeebe.migrateProcessInstance(plan(pi, keys.firmaJob, [['firma', 'firmaDirigente']]) as never);
    // then
    await expect(attempt).rejects.toMatchObject({ code: 9, details: expect.stringContaining("implementation 'zeebe user task' is mapped to an user task with id 'firmaDirigente' and different implementation 'job worker'") });
  });

  it('migrates a parallel multi-instance body with its iterations; their jobs keep key and type', async () => {
    // given: two iterations waiting
    const { processInstanceKey: pi } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'notifiche', version: 1, variables: { comuni: ['108033', '108012'] } } as never);
    const before = await waitFor(async () => {
      const jobs = (await knex()('jobs').where('process_instance_key', Number(pi))) as { key: number; type: string }[];
      return jobs.length === 2 ? jobs : undefined;
    }, 5000, 'two jobs');
    // when
    await h.zeebe.migrateProcessInstance(plan(pi, keys.mi2, [['notifica', 'notifica']]) as never);
    // then
    const after = (await knex()('jobs').where('process_instance_key', Number(pi))) as { key: number; type: string; process_definition_key: number }[];
    expect(after.map((j) => [j.key, j.type, String(j.process_definition_key)]).sort()).toEqual(before.map((j) => [j.key, 'mi-notifica', keys.mi2]).sort());
    const migrated = (await records(h.embedded, pi)).filter((r) => r.intent === 'ELEMENT_MIGRATED').map((r) => r.element_id);
    expect(migrated).toEqual(['notifiche', 'notifica', 'notifica', 'notifica']);
  });

  it('refuses a parallel multi-instance mapped to a sequential one', async () => {
    // given
    const { processInstanceKey: pi } = await h.zeebe.createProcessInstance({ bpmnProcessId: 'notifiche', version: 1, variables: { comuni: ['108033'] } } as never);
    await waitFor(async () => (await knex()('jobs').where('process_instance_key', Number(pi)).first()) as object | undefined, 5000, 'job');
    // when
    const attempt = h.zeebe.migrateProcessInstance(plan(pi, keys.miSeq, [['notifica', 'notifica']]) as never);
    // then
    await expect(attempt).rejects.toMatchObject({ code: 9, details: expect.stringContaining('Both elements must have either sequential or parallel loop characteristics') });
  });
});
