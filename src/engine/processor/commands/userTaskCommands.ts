import { reject } from '../../errors.js';
import type { JsonValue, Variables } from '../../feel/feel.js';
import type { UserTaskRow } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { registerCommand } from '../handle.js';
import { applyTaskResult } from '../jobs.js';
import { completeElement } from '../lifecycle.js';
import { assignUserTask, completeUserTask, normalizeDateTime, userTaskEvent, type UserTaskAttribute } from '../userTasks.js';
import type { Command } from './types.js';

type UserTaskCommand = Extract<Command, { type: 'userTask' }>;

/**
 * Zeebe keeps no state for a completed or canceled task, so those are NOT_FOUND like unknown keys;
 * a task in another state than CREATED is INVALID_STATE (the REST API answers 404 and 409).
 */
async function openTask(ctx: ProcessingContext, command: UserTaskCommand, verb: string): Promise<UserTaskRow> {
  const task = await ctx.batch.get('user_tasks', command.userTaskKey);
  if (!task || task.state === 'COMPLETED' || task.state === 'CANCELED') {
    reject('NOT_FOUND', `Command '${verb.toUpperCase()}' rejected with code 'NOT_FOUND': Expected to ${verb} user task with key '${command.userTaskKey}', but no such user task was found`);
  }
  if (task.state !== 'CREATED') {
    reject('INVALID_STATE', `Command '${verb.toUpperCase()}' rejected with code 'INVALID_STATE': Expected to ${verb} user task with key '${task.key}', but it is in state '${task.state}'`);
  }
  return task;
}

function stringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) reject('INVALID_ARGUMENT', `Expected '${name}' to be a list of strings`);
  return value as string[];
}

function dateOrEmpty(value: unknown, name: string): string | null {
  if (typeof value !== 'string') reject('INVALID_ARGUMENT', `Expected '${name}' to be an ISO 8601 date-time string`);
  if (value === '') return null;
  const normalized = normalizeDateTime(value);
  if (normalized === undefined) reject('INVALID_ARGUMENT', `Expected '${name}' to be an ISO 8601 date-time with offset, but was '${value}'`);
  return normalized;
}

/**
 * Camunda's changeset: candidateGroups, candidateUsers, dueDate, followUpDate, priority. A null or missing
 * attribute keeps its value, an empty list or string clears it; other attributes are ignored.
 */
function applyChangeset(task: UserTaskRow, changeset: Record<string, unknown>): { task: UserTaskRow; changed: UserTaskAttribute[] } {
  const next = { ...task };
  const changed: UserTaskAttribute[] = [];
  const given = (name: string): boolean => changeset[name] !== undefined && changeset[name] !== null;
  if (given('candidateGroups')) {
    next.candidate_groups = stringList(changeset.candidateGroups, 'candidateGroups');
    changed.push('candidateGroupsList');
  }
  if (given('candidateUsers')) {
    next.candidate_users = stringList(changeset.candidateUsers, 'candidateUsers');
    changed.push('candidateUsersList');
  }
  if (given('dueDate')) {
    next.due_date = dateOrEmpty(changeset.dueDate, 'dueDate');
    changed.push('dueDate');
  }
  if (given('followUpDate')) {
    next.follow_up_date = dateOrEmpty(changeset.followUpDate, 'followUpDate');
    changed.push('followUpDate');
  }
  if (given('priority')) {
    const priority = changeset.priority;
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 100) {
      reject('INVALID_ARGUMENT', `Expected 'priority' to be an integer between 0 and 100, but was '${String(priority)}'`);
    }
    next.priority = priority;
    changed.push('priority');
  }
  return { task: next, changed };
}

async function complete(ctx: ProcessingContext, command: UserTaskCommand): Promise<void> {
  const task = await openTask(ctx, command, 'complete');
  const variables: Variables = command.variables ?? {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) reject('INVALID_ARGUMENT', 'Expected the variables to be a JSON object');
  completeUserTask(ctx, task, variables, 'complete');
  const instance = await ctx.instance(task.element_instance_key);
  if (!instance || instance.state !== 'ACTIVATED') return;
  const element = await ctx.element(instance);
  // Completion variables follow the job-completion rules (propagate, or stay local when output-mapped).
  await applyTaskResult(ctx, instance, element.outputs.length > 0, variables as Record<string, JsonValue>);
  await completeElement(ctx, instance.key);
}

/** Assign (allowOverride, default true), unassign, complete and update a Camunda user task. */
export async function userTaskCommand(ctx: ProcessingContext, command: UserTaskCommand): Promise<Record<string, never>> {
  switch (command.action) {
    case 'assign': {
      const override = command.allowOverride ?? true;
      const verb = override ? 'assign' : 'claim';
      const assignee = command.assignee;
      if (typeof assignee !== 'string' || assignee.trim() === '') reject('INVALID_ARGUMENT', `Expected to ${verb} user task with key '${command.userTaskKey}', but provided assignee is empty`);
      const task = await openTask(ctx, command, verb);
      if (!override && task.assignee && task.assignee !== assignee) {
        reject('INVALID_STATE', `Command 'CLAIM' rejected with code 'INVALID_STATE': Expected to claim user task with key '${task.key}', but it has already been assigned`);
      }
      assignUserTask(ctx, task, assignee, override ? 'ASSIGNING' : 'CLAIMING', verb);
      return {};
    }
    case 'unassign': {
      const task = await openTask(ctx, command, 'assign');
      assignUserTask(ctx, task, '', 'ASSIGNING', 'unassign');
      return {};
    }
    case 'complete':
      await complete(ctx, command);
      return {};
    case 'update': {
      const task = await openTask(ctx, command, 'update');
      const changeset = command.changeset ?? {};
      if (typeof changeset !== 'object' || changeset === null || Array.isArray(changeset)) reject('INVALID_ARGUMENT', 'Expected the changeset to be a JSON object');
      const { task: updated, changed } = applyChangeset(task, changeset);
      userTaskEvent(ctx, task, 'UPDATING', { changedAttributes: changed, action: 'update' });
      ctx.batch.put('user_tasks', updated);
      userTaskEvent(ctx, updated, 'UPDATED', { changedAttributes: changed, action: 'update' });
      return {};
    }
    default:
      reject('INVALID_ARGUMENT', `Unknown user task action '${String((command as { action: unknown }).action)}'`);
  }
}

registerCommand('userTask', userTaskCommand as (ctx: ProcessingContext, command: never) => Promise<unknown>);
