import { reject } from '../../errors.js';
import type { ElementModel } from '../../model/types.js';
import type { Key, MessageRow, MessageSubscriptionRow } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { triggerEvent } from '../eventTrigger.js';
import type { Command } from './types.js';

/** Whether the message already reached an instance of that process (one correlation per bpmnProcessId). */
export async function correlatedTo(ctx: ProcessingContext, messageKey: Key, bpmnProcessId: string): Promise<boolean> {
  return (await ctx.batch.find('message_correlations', { message_key: messageKey, bpmn_process_id: bpmnProcessId })).length > 0;
}

/** Delivers a message to one open subscription; interrupting ones close with it. */
export async function correlateToSubscription(ctx: ProcessingContext, subscription: MessageSubscriptionRow, message: MessageRow): Promise<boolean> {
  const holder = await ctx.instance(subscription.element_instance_key);
  if (!holder) return false;
  const { model } = await ctx.model(holder.process_definition_key);
  const catchElement = model.elements.get(subscription.element_id) as ElementModel;
  if (subscription.interrupting) ctx.batch.delete('message_subscriptions', subscription.key);
  const triggered = await triggerEvent(ctx, holder.key, catchElement, message.variables);
  if (!triggered) return false;
  ctx.batch.put('message_correlations', { key: ctx.key(), message_key: message.key, bpmn_process_id: subscription.bpmn_process_id });
  ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', subscription.key, {
    messageName: message.name,
    correlationKey: message.correlation_key,
    messageKey: message.key,
    elementInstanceKey: holder.key,
    processInstanceKey: holder.process_instance_key,
    variables: message.variables,
  }, holder.process_instance_key, subscription.element_id);
  return true;
}

/**
 * A message correlates at most once per bpmnProcessId (any version, any instance), and once to
 * each distinct process. Returns the process instances it reached.
 */
export async function correlateMessage(ctx: ProcessingContext, message: MessageRow): Promise<Key[]> {
  const reached: Key[] = [];
  const served = new Set<string>();
  const subscriptions = await ctx.batch.find('message_subscriptions', { message_name: message.name, correlation_key: message.correlation_key, tenant_id: message.tenant_id });
  for (const subscription of subscriptions) {
    if (served.has(subscription.bpmn_process_id) || (await correlatedTo(ctx, message.key, subscription.bpmn_process_id))) continue;
    if (await correlateToSubscription(ctx, subscription, message)) {
      served.add(subscription.bpmn_process_id);
      reached.push(subscription.process_instance_key);
    }
  }
  const started = await ctx.services.startByMessage(ctx, message, served);
  reached.push(...started);
  return reached;
}

export async function publishMessage(ctx: ProcessingContext, command: Extract<Command, { type: 'publishMessage' }>): Promise<{ key: Key; tenantId: string }> {
  const tenantId = command.tenantId || '<default>';
  if (!command.name) reject('INVALID_ARGUMENT', 'Expected a message name, but none given');
  const now = ctx.now();
  if (command.messageId) {
    const buffered = await ctx.batch.find('messages', { name: command.name, correlation_key: command.correlationKey, message_id: command.messageId, tenant_id: tenantId });
    if (buffered.some((m) => m.deadline > now)) {
      reject('ALREADY_EXISTS', `Expected to publish a new message with id '${command.messageId}', but a message with that id was already published`);
    }
  }
  const message: MessageRow = {
    key: ctx.key(),
    name: command.name,
    correlation_key: command.correlationKey,
    message_id: command.messageId,
    time_to_live: Math.max(0, command.timeToLive),
    deadline: now + Math.max(0, command.timeToLive),
    variables: command.variables,
    tenant_id: tenantId,
    created_at: now,
  };
  ctx.event('MESSAGE', 'PUBLISHED', message.key, { name: message.name, correlationKey: message.correlation_key, messageId: message.message_id, timeToLive: message.time_to_live, variables: message.variables, tenantId });
  if (message.time_to_live > 0) {
    ctx.batch.put('messages', message);
    ctx.batch.afterCommit(() => ctx.services.timersChanged());
  }
  await correlateMessage(ctx, message);
  return { key: message.key, tenantId };
}

/** REST `/v2/messages/correlation`: never buffered; the first process instance reached, or NOT_FOUND. */
export async function correlateOnce(ctx: ProcessingContext, command: Extract<Command, { type: 'correlateMessage' }>): Promise<{ key: Key; processInstanceKey: Key; tenantId: string }> {
  const tenantId = command.tenantId || '<default>';
  const message: MessageRow = {
    key: ctx.key(), name: command.name, correlation_key: command.correlationKey, message_id: '', time_to_live: 0,
    deadline: ctx.now(), variables: command.variables, tenant_id: tenantId, created_at: ctx.now(),
  };
  const reached = await correlateMessage(ctx, message);
  if (reached.length === 0) {
    reject('NOT_FOUND', `Expected to find subscriptions for message with name '${command.name}' and correlation key '${command.correlationKey}', but none were found.`);
  }
  ctx.event('MESSAGE', 'CORRELATED', message.key, { name: message.name, correlationKey: message.correlation_key, processInstanceKey: reached[0] });
  return { key: message.key, processInstanceKey: reached[0], tenantId };
}

/** Buffered messages whose time to live has passed are dropped. */
export async function expireMessages(ctx: ProcessingContext): Promise<void> {
  const now = ctx.now();
  const expired = (await ctx.services.store.knex('messages').select('key').where('deadline', '<=', now).limit(1000)) as { key: Key }[];
  for (const { key } of expired) {
    const message = await ctx.batch.get('messages', key);
    if (!message) continue;
    ctx.batch.delete('messages', key);
    for (const correlation of await ctx.batch.find('message_correlations', { message_key: key })) ctx.batch.delete('message_correlations', correlation.key);
    ctx.event('MESSAGE', 'EXPIRED', key, { name: message.name, correlationKey: message.correlation_key, messageId: message.message_id });
  }
}

/** A subscription just opened takes the oldest buffered message that matches and has not served its process. */
export async function correlateBuffered(ctx: ProcessingContext, subscription: MessageSubscriptionRow): Promise<void> {
  const live = await ctx.batch.get('message_subscriptions', subscription.key);
  if (!live) return;
  const now = ctx.now();
  const buffered = await ctx.batch.find('messages', { name: subscription.message_name, correlation_key: subscription.correlation_key, tenant_id: subscription.tenant_id });
  for (const message of buffered) {
    if (message.deadline <= now || (await correlatedTo(ctx, message.key, subscription.bpmn_process_id))) continue;
    await correlateToSubscription(ctx, live, message);
    return;
  }
}
