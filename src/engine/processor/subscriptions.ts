import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';

/** Opens what lets events reach an element while it is active: boundary timers, messages, signals, event sub-process starts. */
export type SubscriptionOpener = (ctx: ProcessingContext, instance: ElementInstanceRow, element: ElementModel) => Promise<void>;

const openers: SubscriptionOpener[] = [];

/** Event kinds register here (timers, messages, signals), so the lifecycle stays the same for all of them. */
export function registerSubscriptionOpener(opener: SubscriptionOpener): void {
  openers.push(opener);
}

export async function openEventSubscriptions(ctx: ProcessingContext, instance: ElementInstanceRow, element: ElementModel): Promise<void> {
  for (const open of openers) await open(ctx, instance, element);
}

/** Openers call this so the element's end knows there is something to close. */
export async function markSubscribed(ctx: ProcessingContext, instance: ElementInstanceRow): Promise<void> {
  const fresh = (await ctx.instance(instance.key)) as ElementInstanceRow;
  if (!fresh.data.subscribed) ctx.update(fresh, { data: { ...fresh.data, subscribed: true } });
}

/** Everything keyed by the element instance goes: timers, message and signal subscriptions. */
export async function closeEventSubscriptions(ctx: ProcessingContext, instance: ElementInstanceRow): Promise<void> {
  // Only elements that opened something pay for the look-ups.
  if (!instance.data.subscribed) return;
  let timersClosed = false;
  for (const timer of await ctx.batch.find('timers', { element_instance_key: instance.key })) {
    ctx.batch.delete('timers', timer.key);
    ctx.event('TIMER', 'CANCELED', timer.key, { elementId: timer.element_id, elementInstanceKey: instance.key }, instance.process_instance_key, timer.element_id);
    timersClosed = true;
  }
  for (const subscription of await ctx.batch.find('message_subscriptions', { element_instance_key: instance.key })) {
    ctx.batch.delete('message_subscriptions', subscription.key);
    ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', subscription.key, { messageName: subscription.message_name, correlationKey: subscription.correlation_key, elementInstanceKey: instance.key }, instance.process_instance_key, subscription.element_id);
  }
  for (const subscription of await ctx.batch.find('signal_subscriptions', { element_instance_key: instance.key })) {
    ctx.batch.delete('signal_subscriptions', subscription.key);
  }
  if (timersClosed) ctx.batch.afterCommit(() => ctx.services.timersChanged());
}
