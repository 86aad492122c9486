import { evaluateExpression, evaluateString, ExpressionError, isExpression, type Variables } from '../feel/feel.js';
import type { ElementModel, ProcessModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/tables.js';
import { evaluateTimer, type TimerSpec } from '../timers/timerSpec.js';
import type { ProcessingContext } from './context.js';
import { correlateBuffered } from './commands/messageCommands.js';
import { visibleVariables } from './variables.js';

/** What an element opens while it is active, evaluated before anything is written. */
export type SubscriptionPlan =
  | { kind: 'timer'; elementId: string; spec: TimerSpec }
  | { kind: 'message'; elementId: string; name: string; correlationKey: string; interrupting: boolean }
  | { kind: 'signal'; elementId: string; name: string };

/**
 * The catch events an element instance listens for: itself (intermediate catch, receive task), the
 * boundary events on it (on the multi-instance body, not on each iteration), the branches of an
 * event-based gateway, and the start events of event sub-processes inside a scope.
 */
function catchEventsOf(model: ProcessModel, instance: ElementInstanceRow, element: ElementModel): ElementModel[] {
  const get = (id: string): ElementModel | undefined => model.elements.get(id);
  const isBody = instance.element_type === 'multiInstanceBody';
  const isIteration = Boolean(element.loop) && !isBody;
  const list: ElementModel[] = [];
  if (!isBody && (element.type === 'intermediateCatchEvent' || element.type === 'receiveTask') && !instance.data.triggered) list.push(element);
  if (!isIteration) for (const id of element.boundaryEventIds) list.push(get(id) as ElementModel);
  if (element.type === 'eventBasedGateway') {
    for (const flowId of element.outgoing) {
      const target = get(model.flows.get(flowId)?.targetRef ?? '');
      if (target) list.push(target);
    }
  }
  if (!isBody && (instance.element_type === 'process' || element.type === 'subProcess')) {
    for (const id of element.eventSubProcessIds) {
      const subProcess = get(id) as ElementModel;
      for (const childId of subProcess.children) {
        const child = get(childId);
        if (child?.type === 'startEvent') list.push(child);
      }
    }
  }
  return list.filter((e) => ['timer', 'message', 'signal'].includes(e.eventDefinition.kind));
}

function correlationKeyOf(element: ElementModel, expression: string | undefined, variables: Variables): string {
  if (!expression) throw new ExpressionError(`Failed to extract the correlation key for '${element.id}': no correlation key defined`);
  const value = isExpression(expression) ? evaluateExpression(expression, variables) : expression;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new ExpressionError(
    `Failed to extract the correlation key for '${expression.replace(/^=/, '').trim()}': The value must be either a string or a number, but was '${value === null ? 'NULL' : Array.isArray(value) ? 'ARRAY' : typeof value === 'object' ? 'OBJECT' : typeof value === 'boolean' ? 'BOOLEAN' : 'UNKNOWN'}'.`,
  );
}

export async function planEventSubscriptions(ctx: ProcessingContext, instance: ElementInstanceRow, element: ElementModel, locals: Variables): Promise<SubscriptionPlan[]> {
  const { model } = await ctx.model(instance.process_definition_key);
  const events = catchEventsOf(model, instance, element);
  if (events.length === 0) return [];
  const variables = { ...(await visibleVariables(ctx, instance.key)), ...locals };
  const plans: SubscriptionPlan[] = [];
  for (const event of events) {
    const definition = event.eventDefinition;
    if (definition.kind === 'timer') plans.push({ kind: 'timer', elementId: event.id, spec: evaluateTimer(definition, variables, ctx.now()) });
    else if (definition.kind === 'message') {
      const name = definition.messageName ?? '';
      plans.push({
        kind: 'message',
        elementId: event.id,
        name: isExpression(name) ? evaluateString(name, variables) : name,
        correlationKey: correlationKeyOf(event, definition.correlationKey, variables),
        interrupting: event.type === 'boundaryEvent' || event.type === 'startEvent' ? event.cancelActivity : true,
      });
    } else if (definition.kind === 'signal') {
      const name = definition.signalName ?? '';
      plans.push({ kind: 'signal', elementId: event.id, name: isExpression(name) ? evaluateString(name, variables) : name });
    }
  }
  return plans;
}

export async function writeEventSubscriptions(ctx: ProcessingContext, instance: ElementInstanceRow, plans: SubscriptionPlan[]): Promise<void> {
  if (plans.length === 0) return;
  const fresh = (await ctx.instance(instance.key)) as ElementInstanceRow;
  ctx.update(fresh, { data: { ...fresh.data, subscribed: true } });
  for (const plan of plans) {
    if (plan.kind === 'timer') {
      const key = ctx.key();
      ctx.batch.put('timers', {
        key,
        due_date: plan.spec.dueDate,
        repetitions: plan.spec.repetitions,
        interval: plan.spec.interval,
        element_id: plan.elementId,
        element_instance_key: instance.key,
        process_instance_key: instance.process_instance_key,
        process_definition_key: instance.process_definition_key,
        bpmn_process_id: instance.bpmn_process_id,
        tenant_id: instance.tenant_id,
      });
      ctx.event('TIMER', 'CREATED', key, { elementId: plan.elementId, elementInstanceKey: instance.key, dueDate: plan.spec.dueDate, repetitions: plan.spec.repetitions }, instance.process_instance_key, plan.elementId);
      ctx.batch.afterCommit(() => ctx.services.timersChanged());
    } else if (plan.kind === 'message') {
      const key = ctx.key();
      const subscription = {
        key,
        message_name: plan.name,
        correlation_key: plan.correlationKey,
        element_instance_key: instance.key,
        element_id: plan.elementId,
        process_instance_key: instance.process_instance_key,
        bpmn_process_id: instance.bpmn_process_id,
        interrupting: plan.interrupting ? 1 : 0,
        tenant_id: instance.tenant_id,
      };
      ctx.batch.put('message_subscriptions', subscription);
      ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', key, { messageName: plan.name, correlationKey: plan.correlationKey, elementInstanceKey: instance.key, elementId: plan.elementId }, instance.process_instance_key, plan.elementId);
      // A buffered message is correlated once the element has finished activating.
      ctx.later(async () => {
        await correlateBuffered(ctx, subscription);
      });
    } else {
      ctx.batch.put('signal_subscriptions', {
        key: ctx.key(),
        signal_name: plan.name,
        element_id: plan.elementId,
        element_instance_key: instance.key,
        process_instance_key: instance.process_instance_key,
        process_definition_key: instance.process_definition_key,
        bpmn_process_id: instance.bpmn_process_id,
        tenant_id: instance.tenant_id,
      });
    }
  }
}

/** Closes subscriptions of an element instance; `onlyElements` narrows it (e.g. event sub-process starts). */
export async function closeEventSubscriptions(ctx: ProcessingContext, instance: ElementInstanceRow, onlyElements?: string[]): Promise<void> {
  // Only elements that opened something pay for the look-ups.
  if (!instance.data.subscribed) return;
  const keep = (elementId: string): boolean => onlyElements !== undefined && !onlyElements.includes(elementId);
  let timersClosed = false;
  for (const timer of await ctx.batch.find('timers', { element_instance_key: instance.key })) {
    if (keep(timer.element_id)) continue;
    ctx.batch.delete('timers', timer.key);
    ctx.event('TIMER', 'CANCELED', timer.key, { elementId: timer.element_id, elementInstanceKey: instance.key }, instance.process_instance_key, timer.element_id);
    timersClosed = true;
  }
  for (const subscription of await ctx.batch.find('message_subscriptions', { element_instance_key: instance.key })) {
    if (keep(subscription.element_id)) continue;
    ctx.batch.delete('message_subscriptions', subscription.key);
    ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', subscription.key, { messageName: subscription.message_name, correlationKey: subscription.correlation_key, elementInstanceKey: instance.key }, instance.process_instance_key, subscription.element_id);
  }
  for (const subscription of await ctx.batch.find('signal_subscriptions', { element_instance_key: instance.key })) {
    if (keep(subscription.element_id)) continue;
    ctx.batch.delete('signal_subscriptions', subscription.key);
  }
  if (timersClosed) ctx.batch.afterCommit(() => ctx.services.timersChanged());
}

