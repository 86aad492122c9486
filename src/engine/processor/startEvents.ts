import { evaluateString, isExpression } from '../feel/feel.js';
import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow, Key, MessageRow, MessageStartSubscriptionRow, ProcessDefinitionRow } from '../state/tables.js';
import { evaluateTimer } from '../timers/timerSpec.js';
import type { ProcessingContext } from './context.js';
import { correlatedTo } from './commands/messageCommands.js';
import { hooks } from './hooks.js';
import { startProcessInstance } from './instances.js';

function topLevelStarts(model: { bpmnProcessId: string; elements: Map<string, ElementModel> }, kind: string): ElementModel[] {
  const root = model.elements.get(model.bpmnProcessId) as ElementModel;
  return root.children.map((id) => model.elements.get(id) as ElementModel).filter((e) => e.type === 'startEvent' && e.eventDefinition.kind === kind);
}

/**
 * A new version takes over the start events with triggers: the previous version's start timers,
 * message and signal start subscriptions are removed, the new version's are opened.
 */
hooks.onDeploy(async (ctx: ProcessingContext, definition: ProcessDefinitionRow, previous: ProcessDefinitionRow | undefined) => {
  if (previous) {
    for (const timer of await ctx.batch.find('timers', { process_definition_key: previous.key, element_instance_key: null })) ctx.batch.delete('timers', timer.key);
    for (const s of await ctx.batch.find('message_start_subscriptions', { process_definition_key: previous.key })) ctx.batch.delete('message_start_subscriptions', s.key);
    for (const s of await ctx.batch.find('signal_subscriptions', { process_definition_key: previous.key, element_instance_key: null })) ctx.batch.delete('signal_subscriptions', s.key);
  }
  const { model } = await ctx.model(definition.key);
  for (const start of topLevelStarts(model, 'timer')) {
    if (start.eventDefinition.kind !== 'timer') continue;
    const spec = evaluateTimer(start.eventDefinition, {}, ctx.now());
    ctx.batch.put('timers', {
      key: ctx.key(), due_date: spec.dueDate, repetitions: spec.repetitions, interval: spec.interval, element_id: start.id,
      element_instance_key: null, process_instance_key: null, process_definition_key: definition.key,
      bpmn_process_id: definition.bpmn_process_id, tenant_id: definition.tenant_id,
    });
    ctx.batch.afterCommit(() => ctx.services.timersChanged());
  }
  for (const start of topLevelStarts(model, 'message')) {
    if (start.eventDefinition.kind !== 'message') continue;
    const name = start.eventDefinition.messageName ?? '';
    ctx.batch.put('message_start_subscriptions', {
      key: ctx.key(), message_name: isExpression(name) ? evaluateString(name, {}) : name, process_definition_key: definition.key,
      bpmn_process_id: definition.bpmn_process_id, element_id: start.id, tenant_id: definition.tenant_id,
    });
  }
  for (const start of topLevelStarts(model, 'signal')) {
    if (start.eventDefinition.kind !== 'signal') continue;
    const name = start.eventDefinition.signalName ?? '';
    ctx.batch.put('signal_subscriptions', {
      key: ctx.key(), signal_name: isExpression(name) ? evaluateString(name, {}) : name, element_id: start.id,
      element_instance_key: null, process_instance_key: null, process_definition_key: definition.key,
      bpmn_process_id: definition.bpmn_process_id, tenant_id: definition.tenant_id,
    });
  }
});

async function startFromMessage(ctx: ProcessingContext, subscription: MessageStartSubscriptionRow, message: MessageRow): Promise<Key | undefined> {
  const definition = await ctx.batch.get('process_definitions', subscription.process_definition_key);
  if (!definition) return undefined;
  const instance = await startProcessInstance(ctx, definition, { variables: {}, startElementId: subscription.element_id, eventVariables: message.variables });
  if (message.time_to_live > 0) ctx.batch.put('message_correlations', { key: ctx.key(), message_key: message.key, bpmn_process_id: subscription.bpmn_process_id });
  if (message.correlation_key !== '') {
    ctx.batch.put('message_start_locks', {
      key: ctx.key(), bpmn_process_id: subscription.bpmn_process_id, correlation_key: message.correlation_key,
      message_name: message.name, process_instance_key: instance.key, tenant_id: message.tenant_id,
    });
  }
  return instance.key;
}

/**
 * A message start event starts one instance per process not already served by this message. While an
 * instance started with the same correlation key is active, no other starts (an empty key always starts);
 * a buffered message waits for that instance to end.
 */
hooks.onMessageStart(async (ctx: ProcessingContext, message: MessageRow, served: Set<string>): Promise<Key[]> => {
  const started: Key[] = [];
  for (const subscription of await ctx.batch.find('message_start_subscriptions', { message_name: message.name, tenant_id: message.tenant_id })) {
    if (served.has(subscription.bpmn_process_id)) continue;
    if (await correlatedTo(ctx, message.key, subscription.bpmn_process_id)) continue;
    if (message.correlation_key !== '') {
      const running = await ctx.batch.find('message_start_locks', { bpmn_process_id: subscription.bpmn_process_id, correlation_key: message.correlation_key, tenant_id: message.tenant_id });
      if (running.length > 0) continue;
    }
    const key = await startFromMessage(ctx, subscription, message);
    if (key === undefined) continue;
    served.add(subscription.bpmn_process_id);
    started.push(key);
  }
  return started;
});

/** When an instance started by a keyed message ends, the oldest buffered message with that key starts the next one. */
hooks.onInstanceEnded(async (ctx: ProcessingContext, root: ElementInstanceRow) => {
  if (!root.data.startElementId) return;
  const [lock] = await ctx.batch.find('message_start_locks', { process_instance_key: root.key });
  if (!lock) return;
  ctx.batch.delete('message_start_locks', lock.key);
  const now = ctx.now();
  for (const subscription of await ctx.batch.find('message_start_subscriptions', { bpmn_process_id: lock.bpmn_process_id, tenant_id: lock.tenant_id })) {
    const buffered = await ctx.batch.find('messages', { name: subscription.message_name, correlation_key: lock.correlation_key, tenant_id: lock.tenant_id });
    for (const message of buffered) {
      if (message.deadline <= now) continue;
      if (await correlatedTo(ctx, message.key, lock.bpmn_process_id)) continue;
      await startFromMessage(ctx, subscription, message);
      return;
    }
  }
});
