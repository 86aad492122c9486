import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/engine/processor/commands/types.js';
import { bpmn, deployXml, records, startHarness, waitFor, type Harness } from '../support/engineHarness.js';

/** User tasks as ZEEBE-SEMANTICS.md §7 describes them; commands go straight to the engine (REST is separate). */

interface UserTaskXml {
  zeebe?: boolean;
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
  formId?: string;
  bindingType?: string;
  formKey?: string;
  externalReference?: string;
  outputs?: [string, string][];
  headers?: Record<string, string>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const attrs = (values: Record<string, string | undefined>): string =>
  Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${esc(v as string)}"`).join('');

function userTask(id: string, o: UserTaskXml = {}): string {
  const parts: string[] = [];
  if (o.zeebe !== false) parts.push('<zeebe:userTask/>');
  if (o.assignee || o.candidateGroups || o.candidateUsers) parts.push(`<zeebe:assignmentDefinition${attrs({ assignee: o.assignee, candidateGroups: o.candidateGroups, candidateUsers: o.candidateUsers })}/>`);
  if (o.dueDate || o.followUpDate) parts.push(`<zeebe:taskSchedule${attrs({ dueDate: o.dueDate, followUpDate: o.followUpDate })}/>`);
  if (o.priority) parts.push(`<zeebe:priorityDefinition priority="${esc(o.priority)}"/>`);
  if (o.formId || o.formKey || o.externalReference) parts.push(`<zeebe:formDefinition${attrs({ formId: o.formId, bindingType: o.bindingType, formKey: o.formKey, externalReference: o.externalReference })}/>`);
  if (o.headers) parts.push(`<zeebe:taskHeaders>${Object.entries(o.headers).map(([k, v]) => `<zeebe:header key="${k}" value="${esc(v)}"/>`).join('')}</zeebe:taskHeaders>`);
  if (o.outputs) parts.push(`<zeebe:ioMapping>${o.outputs.map(([s, t]) => `<zeebe:output source="${esc(s)}" target="${t}"/>`).join('')}</zeebe:ioMapping>`);
  return `<bpmn:userTask id="${id}" name="Istruttoria"><bpmn:extensionElements>${parts.join('')}</bpmn:extensionElements></bpmn:userTask>`;
}

function around(id: string, element: string): string {
  return `<bpmn:startEvent id="start"/>${element}<bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${id}"/><bpmn:sequenceFlow id="f2" sourceRef="${id}" targetRef="end"/>`;
}

const formJson = (id: string, label = 'Esito'): Buffer => Buffer.from(JSON.stringify({ id, type: 'default', components: [{ type: 'textfield', key: 'esito', label }] }));

interface TaskRow {
  key: number;
  state: string;
  assignee: string | null;
  candidate_groups: string;
  candidate_users: string;
  due_date: string | null;
  follow_up_date: string | null;
  priority: number;
  form_key: number | null;
  external_form_reference: string | null;
  element_id: string;
  name: string | null;
  element_instance_key: number;
}

describe('user tasks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const start = async (processId: string, variables: Record<string, unknown> = {}) =>
    (await h.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: variables as never })).processInstanceKey;
  const taskOf = async (instanceKey: string) =>
    waitFor(async () => (await h.embedded.engine.knex('user_tasks').where('process_instance_key', Number(instanceKey)).first()) as TaskRow | undefined, 5000, 'user task');
  const taskRow = async (key: number) => (await h.embedded.engine.knex('user_tasks').where('key', key).first()) as TaskRow;
  const command = (c: Omit<Extract<Command, { type: 'userTask' }>, 'type'>) => h.embedded.engine.execute({ type: 'userTask', ...c });
  const instanceState = async (key: string) => ((await h.embedded.engine.knex('process_instances').where('key', Number(key)).first()) as { state: string }).state;
  const rootVariables = async (key: string) => {
    const rows = (await h.embedded.engine.knex('variables').where('scope_key', Number(key))) as { name: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value)]));
  };
  const taskIntents = async (instanceKey: string) => (await records(h.embedded, instanceKey, 'USER_TASK')).map((r) => r.intent);
  const incidentOf = async (instanceKey: string) =>
    waitFor(async () => (await h.embedded.engine.knex('incidents').where({ process_instance_key: Number(instanceKey), state: 'ACTIVE' }).first()) as
      { key: number; error_type: string; element_id: string; error_message: string } | undefined, 5000, 'incident');

  it('creates a Camunda user task with assignment, schedule, priority and linked form evaluated at activation', async () => {
    // given
    const form = await h.zeebe.deployResource({ name: 'ut-esito.form', form: formJson('ut-esito') });
    const formKey = Number((form.deployments[0] as unknown as { form: { formKey: string } }).form.formKey);
    await deployXml(h.zeebe, 'ut-props.bpmn', bpmn('ut-props', around('task', userTask('task', {
      assignee: '=istruttore', candidateGroups: 'upd, segreteria', candidateUsers: '=["anna", "luca"]',
      dueDate: '=date and time("2025-03-01T12:00:00@Europe/Rome")', followUpDate: '2025-02-20T09:00:00Z', priority: '=livello * 10',
      formId: 'ut-esito', headers: { ufficio: 'UPD' },
    }))));
    // when
    const key = await start('ut-props', { istruttore: 'mario', livello: 8 });
    // then
    const task = await taskOf(key);
    expect(task).toMatchObject({
      state: 'CREATED', assignee: 'mario', due_date: '2025-03-01T12:00:00+01:00', follow_up_date: '2025-02-20T09:00:00Z',
      priority: 80, form_key: formKey, element_id: 'task', name: 'Istruttoria',
    });
    expect(JSON.parse(task.candidate_groups)).toEqual(['upd', 'segreteria']);
    expect(JSON.parse(task.candidate_users)).toEqual(['anna', 'luca']);
    expect(await taskIntents(key)).toEqual(['CREATING', 'CREATED', 'ASSIGNING', 'ASSIGNED']);
    const [created] = (await records(h.embedded, key, 'USER_TASK')).filter((r) => r.intent === 'CREATED');
    expect(created.value).toMatchObject({ userTaskKey: task.key, candidateGroupsList: ['upd', 'segreteria'], priority: 80, formKey, customHeaders: { ufficio: 'UPD' } });
    // no job: the task is not job-based
    expect(await records(h.embedded, key, 'JOB')).toEqual([]);
  });

  it('assigns, claims, unassigns, updates and completes through the engine commands, with Zeebe rejections', async () => {
    // given
    await deployXml(h.zeebe, 'ut-cmd.bpmn', bpmn('ut-cmd', around('task', userTask('task', { candidateGroups: 'upd' }))));
    const key = await start('ut-cmd', { pratica: 'P-9' });
    const task = await taskOf(key);
    expect(task.assignee).toBeNull();
    expect(task.priority).toBe(50);
    // when / then: assign, then a claim by someone else is refused, by the same user accepted
    await command({ action: 'assign', userTaskKey: task.key, assignee: 'anna' });
    await expect(command({ action: 'assign', userTaskKey: task.key, assignee: 'luca', allowOverride: false })).rejects.toMatchObject({ type: 'INVALID_STATE' });
    await command({ action: 'assign', userTaskKey: task.key, assignee: 'anna', allowOverride: false });
    await command({ action: 'assign', userTaskKey: task.key, assignee: 'luca' });
    expect((await taskRow(task.key)).assignee).toBe('luca');
    await command({ action: 'unassign', userTaskKey: task.key });
    expect((await taskRow(task.key)).assignee).toBeNull();
    await expect(command({ action: 'assign', userTaskKey: task.key, assignee: '' })).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    // update
    await command({ action: 'update', userTaskKey: task.key, changeset: { candidateUsers: ['anna'], dueDate: '2025-05-01T10:00:00+02:00', priority: 90, followUpDate: null } });
    expect(await taskRow(task.key)).toMatchObject({ due_date: '2025-05-01T10:00:00+02:00', priority: 90, follow_up_date: null });
    expect(JSON.parse((await taskRow(task.key)).candidate_users)).toEqual(['anna']);
    const updated = (await records(h.embedded, key, 'USER_TASK')).filter((r) => r.intent === 'UPDATED');
    expect(updated[0].value.changedAttributes).toEqual(['candidateUsersList', 'dueDate', 'priority']);
    await expect(command({ action: 'update', userTaskKey: task.key, changeset: { priority: 101 } })).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    await expect(command({ action: 'update', userTaskKey: task.key, changeset: { dueDate: 'domani' } })).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    // complete
    await command({ action: 'complete', userTaskKey: task.key, variables: { esito: 'archiviazione' } });
    expect(await taskRow(task.key)).toMatchObject({ state: 'COMPLETED' });
    expect(await instanceState(key)).toBe('COMPLETED');
    expect(await rootVariables(key)).toEqual({ pratica: 'P-9', esito: 'archiviazione' });
    // a completed task is gone for commands, as in Zeebe
    await expect(command({ action: 'complete', userTaskKey: task.key, variables: {} })).rejects.toMatchObject({ type: 'NOT_FOUND' });
    await expect(command({ action: 'assign', userTaskKey: task.key, assignee: 'x' })).rejects.toMatchObject({ type: 'NOT_FOUND' });
    await expect(command({ action: 'complete', userTaskKey: 12345, variables: {} })).rejects.toMatchObject({ type: 'NOT_FOUND' });
    expect(await taskIntents(key)).toEqual([
      'CREATING', 'CREATED', 'ASSIGNING', 'ASSIGNED', 'CLAIMING', 'ASSIGNED', 'ASSIGNING', 'ASSIGNED', 'ASSIGNING', 'ASSIGNED',
      'UPDATING', 'UPDATED', 'COMPLETING', 'COMPLETED',
    ]);
  });

  it('applies completion variables by the job rules: with output mappings only the mapped values leave the task', async () => {
    // given
    await deployXml(h.zeebe, 'ut-out.bpmn', bpmn('ut-out', around('task', userTask('task', { outputs: [['=decisione', 'esitoIstruttoria']] }))));
    const key = await start('ut-out', {});
    const task = await taskOf(key);
    // when
    await command({ action: 'complete', userTaskKey: task.key, variables: { decisione: 'sanzione', note: 'riservato' } });
    // then
    expect(await rootVariables(key)).toEqual({ esitoIstruttoria: 'sanzione' });
  });

  it('cancels the task when its element is terminated', async () => {
    // given
    await deployXml(h.zeebe, 'ut-cancel.bpmn', bpmn('ut-cancel', around('task', userTask('task'))));
    const key = await start('ut-cancel');
    const task = await taskOf(key);
    // when
    await h.zeebe.cancelProcessInstance(key);
    // then
    expect((await taskRow(task.key)).state).toBe('CANCELED');
    expect((await taskIntents(key)).slice(-2)).toEqual(['CANCELING', 'CANCELED']);
    await expect(command({ action: 'complete', userTaskKey: task.key, variables: {} })).rejects.toMatchObject({ type: 'NOT_FOUND' });
  });

  it('raises FORM_NOT_FOUND for a missing linked form and creates the task once the form is deployed', async () => {
    // given
    await deployXml(h.zeebe, 'ut-noform.bpmn', bpmn('ut-noform', around('task', userTask('task', { formId: 'ut-later-form' }))));
    const key = await start('ut-noform');
    // then
    const incident = await incidentOf(key);
    expect(incident).toMatchObject({ error_type: 'FORM_NOT_FOUND', element_id: 'task' });
    expect(incident.error_message).toContain("'ut-later-form'");
    // when
    await h.zeebe.deployResource({ name: 'ut-later-form.form', form: formJson('ut-later-form') });
    await h.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    // then
    expect((await taskOf(key)).form_key).toBeGreaterThan(0);
  });

  it("binds a form of the process's own deployment with bindingType 'deployment'", async () => {
    // given: version 1 of the form deployed with the process, version 2 later
    const process = bpmn('ut-binding', around('task', userTask('task', { formId: 'ut-bound', bindingType: 'deployment' })));
    const deployed = await h.zeebe.deployResources([
      { name: 'ut-binding.bpmn', process: Buffer.from(process) },
      { name: 'ut-bound.form', form: formJson('ut-bound', 'v1') },
    ] as never);
    const resources = deployed.deployments as unknown as ({ form: { formKey: string } } | { process: unknown })[];
    const v1 = Number((resources.find((d) => 'form' in d) as { form: { formKey: string } }).form.formKey);
    await h.zeebe.deployResource({ name: 'ut-bound.form', form: formJson('ut-bound', 'v2') });
    // when
    const key = await start('ut-binding');
    // then
    expect((await taskOf(key)).form_key).toBe(v1);
  });

  it('raises EXTRACT_VALUE_ERROR for a priority out of range or a due date that is not a date-time', async () => {
    // given
    await deployXml(h.zeebe, 'ut-badprio.bpmn', bpmn('ut-badprio', around('task', userTask('task', { priority: '=p' }))));
    await deployXml(h.zeebe, 'ut-baddate.bpmn', bpmn('ut-baddate', around('task', userTask('task', { dueDate: '=d' }))));
    // when
    const prio = await start('ut-badprio', { p: 150 });
    const date = await start('ut-baddate', { d: 'next monday' });
    // then
    expect(await incidentOf(prio)).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', element_id: 'task' });
    expect(await incidentOf(date)).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', element_id: 'task' });
    // when: fixed and resolved
    const incident = await incidentOf(prio);
    await h.zeebe.setVariables({ elementInstanceKey: prio, variables: { p: 15 }, local: false } as never);
    await h.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    // then
    expect((await taskOf(prio)).priority).toBe(15);
  });

  it('keeps job-based user tasks working: a job of type io.camunda.zeebe:userTask with the properties as headers', async () => {
    // given
    await deployXml(h.zeebe, 'ut-job.bpmn', bpmn('ut-job', around('task', userTask('task', {
      zeebe: false, assignee: '=chi', candidateGroups: 'upd,segreteria', candidateUsers: 'anna', dueDate: '2025-03-01T12:00:00Z',
      followUpDate: '2025-02-01T12:00:00Z', formKey: 'camunda-forms:bpmn:embedded', headers: { ufficio: 'UPD' },
    }))));
    const key = await start('ut-job', { chi: 'mario' });
    // when
    const [job] = await h.zeebe.activateJobs({ type: 'io.camunda.zeebe:userTask', worker: 'tasklist', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    // then
    expect(job).toMatchObject({ elementId: 'task', retries: 1 });
    expect(job.customHeaders).toEqual({
      ufficio: 'UPD',
      'io.camunda.zeebe:assignee': 'mario',
      'io.camunda.zeebe:candidateGroups': '["upd","segreteria"]',
      'io.camunda.zeebe:candidateUsers': '["anna"]',
      'io.camunda.zeebe:dueDate': '2025-03-01T12:00:00Z',
      'io.camunda.zeebe:followUpDate': '2025-02-01T12:00:00Z',
      'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:embedded',
    });
    expect(await h.embedded.engine.knex('user_tasks').where('process_instance_key', Number(key))).toEqual([]);
    await h.zeebe.completeJob({ jobKey: job.key, variables: { esito: 'ok' } });
    await waitFor(async () => (await instanceState(key)) === 'COMPLETED', 5000, 'instance completion');
    expect(await rootVariables(key)).toEqual({ chi: 'mario', esito: 'ok' });
  });

  it('creates one task per candidate as a parallel multi-instance user task', async () => {
    // given
    const task = userTask('review', { assignee: '=membro' }).replace('</bpmn:userTask>',
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=commissione" inputElement="membro" outputCollection="voti" outputElement="=voto"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>');
    await deployXml(h.zeebe, 'ut-mi.bpmn', bpmn('ut-mi', around('review', task)));
    const key = await start('ut-mi', { commissione: ['anna', 'luca'] });
    const tasks = await waitFor(async () => {
      const rows = (await h.embedded.engine.knex('user_tasks').where('process_instance_key', Number(key)).orderBy('key')) as TaskRow[];
      return rows.length === 2 ? rows : undefined;
    });
    expect(tasks.map((t) => t.assignee)).toEqual(['anna', 'luca']);
    // when
    await command({ action: 'complete', userTaskKey: tasks[1].key, variables: { voto: 7 } });
    await command({ action: 'complete', userTaskKey: tasks[0].key, variables: { voto: 9 } });
    // then
    expect(await instanceState(key)).toBe('COMPLETED');
    expect((await rootVariables(key)).voti).toEqual([9, 7]);
  });

  it('refuses invalid user task definitions at deploy time', async () => {
    // when / then
    await expect(deployXml(h.zeebe, 'ut-bad1.bpmn', bpmn('ut-bad1', around('task', userTask('task', { formKey: 'camunda-forms:bpmn:x' }))))).rejects.toThrow(/formKey/);
    await expect(deployXml(h.zeebe, 'ut-bad2.bpmn', bpmn('ut-bad2', around('task', userTask('task', { priority: '101' }))))).rejects.toThrow(/Priority/);
    await expect(deployXml(h.zeebe, 'ut-bad3.bpmn', bpmn('ut-bad3', around('task', userTask('task', { formId: 'f', bindingType: 'versionTag' }))))).rejects.toThrow(/versionTag/);
  });
});
