import { reject } from '../../errors.js';
import { ExpressionError } from '../../feel/feel.js';
import type { ElementModel, ProcessModel } from '../../model/types.js';
import type { ElementInstanceRow, Key, ProcessDefinitionRow } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { isLive, liveChildren } from '../lifecycle.js';
import { planEventSubscriptions, writeEventSubscriptions } from '../subscriptions.js';
import { finishDraining } from '../resources/deleteResource.js';
import { checkElement, checkInstructionIds } from './migrationChecks.js';

export interface MigrateInstanceCommand {
  type: 'migrateInstance';
  processInstanceKey: Key;
  targetProcessDefinitionKey: Key;
  mappingInstructions: { sourceElementId: string; targetElementId: string }[];
  operationReference?: string;
}

/**
 * MigrateProcessInstance as Zeebe does it (ProcessInstanceMigrationMigrateProcessor, 8.9): every active
 * element instance must be mapped (the process itself implicitly) to an element of the same type in the
 * same flow scope; the target may be another process (bpmnProcessId). Nothing restarts: element instances,
 * jobs, user tasks, incidents, variables and subscriptions of mapped catch events keep their keys and only
 * point at the target definition; catch events no longer attached are closed and newly attached ones open.
 */
export async function migrateInstance(ctx: ProcessingContext, command: MigrateInstanceCommand): Promise<Record<string, never>> {
  const pi = command.processInstanceKey;
  const instance = await ctx.batch.get('process_instances', pi);
  if (!instance || instance.state !== 'ACTIVE') reject('NOT_FOUND', `Expected to migrate process instance but no process instance found with key '${pi}'`);
  const targetRow = await ctx.batch.get('process_definitions', command.targetProcessDefinitionKey);
  if (!targetRow || targetRow.deletion_state || targetRow.tenant_id !== instance.tenant_id) {
    reject('NOT_FOUND', `Expected to migrate process instance to process definition but no process definition found with key '${command.targetProcessDefinitionKey}'`);
  }
  const { model: source } = await ctx.model(instance.process_definition_key);
  const { model: target } = await ctx.model(targetRow.key);
  checkInstructionIds(pi, source, target, command.mappingInstructions);
  await checkMessageStartLock(ctx, pi, instance.bpmn_process_id, targetRow);

  const mapping = new Map(command.mappingInstructions.map((m) => [m.sourceElementId, m.targetElementId]));
  const root = (await ctx.instance(pi)) as ElementInstanceRow;
  const rows: { row: ElementInstanceRow; targetId: string }[] = [];
  for (const queue = [root]; queue.length > 0;) {
    const row = queue.shift() as ElementInstanceRow;
    if (!isLive(row)) continue;
    const isRoot = row.flow_scope_key === null;
    const scopeRow = isRoot ? undefined : await ctx.instance(row.flow_scope_key);
    const expectedFlowScopeId = !scopeRow || scopeRow.element_type === 'multiInstanceBody'
      ? undefined
      : scopeRow.flow_scope_key === null ? target.bpmnProcessId : mapping.get(scopeRow.element_id);
    const targetId = checkElement({
      processInstanceKey: pi,
      row,
      sourceElement: source.elements.get(row.element_id) as ElementModel,
      targetId: isRoot ? target.bpmnProcessId : mapping.get(row.element_id),
      source,
      target,
      expectedFlowScopeId,
      mapping,
    });
    if (row.data.waitingTokens) {
      // Zeebe moves tokens waiting at a mapped joining gateway; this engine does not yet.
      const gateway = Object.keys(row.data.joins ?? {})[0] ?? '';
      reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${row.element_id}' has tokens waiting at the joining gateway '${gateway}'. Migrating waiting tokens is not supported by this engine; let the gateway join first.`);
    }
    rows.push({ row, targetId });
    queue.push(...(await liveChildren(ctx, row.key)));
  }

  ctx.batch.put('process_instances', { ...instance, bpmn_process_id: targetRow.bpmn_process_id, process_definition_key: targetRow.key, version: targetRow.version });
  for (const { row, targetId } of rows) await migrateElement(ctx, row, targetId, targetRow, target, mapping);
  // An instance moved off a definition that was deleted while it ran lets that definition go.
  await finishDraining(ctx, instance.process_definition_key);
  for (const lock of await ctx.batch.find('message_start_locks', { process_instance_key: pi })) ctx.batch.put('message_start_locks', { ...lock, bpmn_process_id: targetRow.bpmn_process_id });
  ctx.event('PROCESS_INSTANCE_MIGRATION', 'MIGRATED', pi, {
    processInstanceKey: pi,
    targetProcessDefinitionKey: targetRow.key,
    mappingInstructions: command.mappingInstructions,
    tenantId: instance.tenant_id,
    ...(command.operationReference ? { operationReference: command.operationReference } : {}),
  }, pi);
  return {};
}

/** Zeebe: moving to another process must not give it a second running instance for one message correlation key. */
async function checkMessageStartLock(ctx: ProcessingContext, pi: Key, sourceProcessId: string, targetRow: ProcessDefinitionRow): Promise<void> {
  if (sourceProcessId === targetRow.bpmn_process_id) return;
  const [lock] = await ctx.batch.find('message_start_locks', { process_instance_key: pi });
  if (!lock) return;
  const running = await ctx.batch.find('message_start_locks', { bpmn_process_id: targetRow.bpmn_process_id, correlation_key: lock.correlation_key, tenant_id: lock.tenant_id });
  if (running.length > 0) {
    reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but target process definition '${targetRow.key}' has an active instance triggered by a message start event with correlation key '${lock.correlation_key}'. Only one instance per correlation key is allowed for message start events.`);
  }
}

async function migrateElement(
  ctx: ProcessingContext,
  row: ElementInstanceRow,
  targetId: string,
  targetRow: ProcessDefinitionRow,
  target: ProcessModel,
  mapping: Map<string, string>,
): Promise<void> {
  const moved = { process_definition_key: targetRow.key, bpmn_process_id: targetRow.bpmn_process_id };
  const migrated = ctx.update(row, { ...moved, element_id: targetId });
  ctx.event('PROCESS_INSTANCE', 'ELEMENT_MIGRATED', row.key, {
    bpmnElementType: row.element_type, elementId: targetId, flowScopeKey: row.flow_scope_key ?? -1, bpmnProcessId: targetRow.bpmn_process_id,
    processDefinitionKey: targetRow.key, version: targetRow.version, processInstanceKey: row.process_instance_key, tenantId: row.tenant_id,
  }, row.process_instance_key, targetId);
  for (const job of await ctx.batch.find('jobs', { element_instance_key: row.key })) {
    ctx.batch.put('jobs', { ...job, ...moved, element_id: targetId, process_definition_version: targetRow.version });
    ctx.event('JOB', 'MIGRATED', job.key, { type: job.type, elementId: targetId, elementInstanceKey: row.key, bpmnProcessId: targetRow.bpmn_process_id, processDefinitionKey: targetRow.key, processDefinitionVersion: targetRow.version, processInstanceKey: row.process_instance_key, retries: job.retries, tenantId: job.tenant_id }, row.process_instance_key, targetId);
  }
  for (const task of await ctx.batch.find('user_tasks', { element_instance_key: row.key })) {
    if (task.state === 'COMPLETED' || task.state === 'CANCELED') continue;
    ctx.batch.put('user_tasks', { ...task, ...moved, element_id: targetId, process_definition_version: targetRow.version });
    ctx.event('USER_TASK', 'MIGRATED', task.key, { userTaskKey: task.key, elementId: targetId, elementInstanceKey: row.key, bpmnProcessId: targetRow.bpmn_process_id, processDefinitionKey: targetRow.key, processDefinitionVersion: targetRow.version, processInstanceKey: row.process_instance_key, tenantId: task.tenant_id }, row.process_instance_key, targetId);
  }
  for (const incident of await ctx.batch.find('incidents', { element_instance_key: row.key, state: 'ACTIVE' })) {
    ctx.batch.put('incidents', { ...incident, ...moved, element_id: targetId });
    ctx.event('INCIDENT', 'MIGRATED', incident.key, { errorType: incident.error_type, errorMessage: incident.error_message, elementId: targetId, elementInstanceKey: row.key, bpmnProcessId: targetRow.bpmn_process_id, processDefinitionKey: targetRow.key, processInstanceKey: row.process_instance_key, jobKey: incident.job_key ?? -1, tenantId: incident.tenant_id }, row.process_instance_key, targetId);
  }
  for (const variable of await ctx.batch.find('variables', { scope_key: row.key })) {
    ctx.event('VARIABLE', 'MIGRATED', variable.key, { name: variable.name, scopeKey: row.key, processInstanceKey: row.process_instance_key, bpmnProcessId: targetRow.bpmn_process_id, processDefinitionKey: targetRow.key, tenantId: variable.tenant_id }, row.process_instance_key);
  }
  await migrateSubscriptions(ctx, row, migrated, targetRow, target, mapping);
}

/** A subscription of a mapped catch event moves with its element; an unmapped one closes; a new catch event opens. */
async function migrateSubscriptions(ctx: ProcessingContext, before: ElementInstanceRow, after: ElementInstanceRow, targetRow: ProcessDefinitionRow, target: ProcessModel, mapping: Map<string, string>): Promise<void> {
  const kept = new Set<string>();
  const targetOf = (eventId: string): string | undefined => (eventId === before.element_id ? after.element_id : mapping.get(eventId));
  const moved = { process_definition_key: targetRow.key, bpmn_process_id: targetRow.bpmn_process_id };
  let timersChanged = false;
  for (const timer of await ctx.batch.find('timers', { element_instance_key: before.key })) {
    const to = targetOf(timer.element_id);
    timersChanged = true;
    if (to === undefined) {
      ctx.batch.delete('timers', timer.key);
      ctx.event('TIMER', 'CANCELED', timer.key, { elementId: timer.element_id, elementInstanceKey: before.key }, before.process_instance_key, timer.element_id);
      continue;
    }
    kept.add(to);
    ctx.batch.put('timers', { ...timer, ...moved, element_id: to });
    ctx.event('TIMER', 'MIGRATED', timer.key, { elementId: to, elementInstanceKey: before.key, dueDate: timer.due_date, processDefinitionKey: targetRow.key }, before.process_instance_key, to);
  }
  for (const subscription of await ctx.batch.find('message_subscriptions', { element_instance_key: before.key })) {
    const to = targetOf(subscription.element_id);
    if (to === undefined) {
      ctx.batch.delete('message_subscriptions', subscription.key);
      ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', subscription.key, { messageName: subscription.message_name, correlationKey: subscription.correlation_key, elementInstanceKey: before.key }, before.process_instance_key, subscription.element_id);
      continue;
    }
    kept.add(to);
    ctx.batch.put('message_subscriptions', { ...subscription, bpmn_process_id: targetRow.bpmn_process_id, element_id: to });
    ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', subscription.key, { messageName: subscription.message_name, correlationKey: subscription.correlation_key, elementInstanceKey: before.key, elementId: to, bpmnProcessId: targetRow.bpmn_process_id }, before.process_instance_key, to);
  }
  for (const subscription of await ctx.batch.find('signal_subscriptions', { element_instance_key: before.key })) {
    const to = targetOf(subscription.element_id);
    if (to === undefined) {
      ctx.batch.delete('signal_subscriptions', subscription.key);
      continue;
    }
    kept.add(to);
    ctx.batch.put('signal_subscriptions', { ...subscription, ...moved, element_id: to });
  }
  if (timersChanged) ctx.batch.afterCommit(() => ctx.services.timersChanged());
  const element = target.elements.get(after.element_id) as ElementModel;
  let plans;
  try {
    plans = await planEventSubscriptions(ctx, after, element, {});
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    reject('INVALID_STATE', `Expected to migrate process instance '${after.process_instance_key}' but the catch events of target element '${after.element_id}' could not be subscribed to: ${error.message}`);
  }
  // The element's own catch event (an intermediate catch or receive task) keeps its subscription.
  const fresh = plans.filter((plan) => !kept.has(plan.elementId) && plan.elementId !== after.element_id);
  await writeEventSubscriptions(ctx, after, fresh);
}
