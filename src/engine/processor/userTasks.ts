import { Temporal } from 'temporal-polyfill';
import type { Variables } from '../feel/feel.js';
import type { ElementInstanceRow, Key, UserTaskRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';

/** Zeebe's names for the attributes an update changes (UserTaskRecord.changedAttributes). */
export type UserTaskAttribute = 'assignee' | 'candidateGroupsList' | 'candidateUsersList' | 'dueDate' | 'followUpDate' | 'priority';

/** What a Camunda user task holds, evaluated when the element activates. */
export interface UserTaskProperties {
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  formKey: Key | null;
  externalFormReference: string | null;
}

/**
 * Normalises an ISO 8601 date-time with offset (`Z`, `+02:00`) or zone (`@Europe/Rome`, `[Europe/Rome]`),
 * as Zeebe reads dueDate and followUpDate; returns undefined when it is not one.
 */
export function normalizeDateTime(text: string): string | undefined {
  const value = text.trim().replace(/@([A-Za-z_]+(?:\/[A-Za-z_+-]+)*)$/, '[$1]');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  try {
    if (/\[[^\]]+\]$/.test(value)) return Temporal.ZonedDateTime.from(value).toString({ timeZoneName: 'never' });
    Temporal.Instant.from(value);
    return value;
  } catch {
    return undefined;
  }
}

export function userTaskValue(task: UserTaskRow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userTaskKey: task.key,
    assignee: task.assignee ?? '',
    candidateGroupsList: task.candidate_groups,
    candidateUsersList: task.candidate_users,
    dueDate: task.due_date ?? '',
    followUpDate: task.follow_up_date ?? '',
    formKey: task.form_key ?? -1,
    externalFormReference: task.external_form_reference ?? '',
    customHeaders: task.custom_headers,
    priority: task.priority,
    elementId: task.element_id,
    elementInstanceKey: task.element_instance_key,
    bpmnProcessId: task.bpmn_process_id,
    processDefinitionVersion: task.process_definition_version,
    processDefinitionKey: task.process_definition_key,
    processInstanceKey: task.process_instance_key,
    creationTimestamp: task.creation_date,
    tenantId: task.tenant_id,
    changedAttributes: [],
    variables: {},
    action: '',
    ...extra,
  };
}

export function userTaskEvent(ctx: ProcessingContext, task: UserTaskRow, intent: string, extra: Record<string, unknown> = {}): void {
  ctx.event('USER_TASK', intent, task.key, userTaskValue(task, extra), task.process_instance_key, task.element_id);
}

/** CREATING → CREATED, then ASSIGNING → ASSIGNED when the model names an assignee (as Zeebe 8.6+ writes it). */
export async function createUserTask(ctx: ProcessingContext, instance: ElementInstanceRow, properties: UserTaskProperties, headers: Record<string, string>, name: string | null): Promise<UserTaskRow> {
  const { definition } = await ctx.model(instance.process_definition_key);
  const task: UserTaskRow = {
    key: ctx.key(),
    element_instance_key: instance.key,
    element_id: instance.element_id,
    process_instance_key: instance.process_instance_key,
    process_definition_key: instance.process_definition_key,
    bpmn_process_id: instance.bpmn_process_id,
    process_definition_version: definition.version,
    state: 'CREATED',
    assignee: null,
    candidate_groups: properties.candidateGroups,
    candidate_users: properties.candidateUsers,
    due_date: properties.dueDate,
    follow_up_date: properties.followUpDate,
    priority: properties.priority,
    form_key: properties.formKey,
    external_form_reference: properties.externalFormReference,
    custom_headers: headers,
    name,
    creation_date: ctx.now(),
    completion_date: null,
    tenant_id: instance.tenant_id,
  };
  userTaskEvent(ctx, task, 'CREATING');
  ctx.batch.put('user_tasks', task);
  userTaskEvent(ctx, task, 'CREATED');
  if (!properties.assignee) return task;
  return assignUserTask(ctx, task, properties.assignee, 'ASSIGNING', '');
}

export function assignUserTask(ctx: ProcessingContext, task: UserTaskRow, assignee: string, pending: 'ASSIGNING' | 'CLAIMING', action: string): UserTaskRow {
  const changed = { ...task, assignee: assignee === '' ? null : assignee };
  const extra = { action, changedAttributes: task.assignee === changed.assignee ? [] : ['assignee'] };
  userTaskEvent(ctx, changed, pending, extra);
  ctx.batch.put('user_tasks', changed);
  userTaskEvent(ctx, changed, 'ASSIGNED', extra);
  return changed;
}

export function completeUserTask(ctx: ProcessingContext, task: UserTaskRow, variables: Variables, action: string): UserTaskRow {
  userTaskEvent(ctx, task, 'COMPLETING', { variables, action });
  const completed: UserTaskRow = { ...task, state: 'COMPLETED', completion_date: ctx.now() };
  ctx.batch.put('user_tasks', completed);
  userTaskEvent(ctx, completed, 'COMPLETED', { variables, action });
  return completed;
}

/** The element was terminated: its open user task is canceled with it. */
export async function cancelUserTasksOf(ctx: ProcessingContext, elementInstanceKey: Key): Promise<void> {
  for (const task of await ctx.batch.find('user_tasks', { element_instance_key: elementInstanceKey, state: 'CREATED' })) {
    userTaskEvent(ctx, task, 'CANCELING');
    const canceled: UserTaskRow = { ...task, state: 'CANCELED', completion_date: ctx.now() };
    ctx.batch.put('user_tasks', canceled);
    userTaskEvent(ctx, canceled, 'CANCELED');
  }
}
