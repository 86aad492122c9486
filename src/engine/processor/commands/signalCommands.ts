import { reject } from '../../errors.js';
import type { ElementModel } from '../../model/types.js';
import type { Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { triggerEvent } from '../eventTrigger.js';
import { startProcessInstance } from '../instances.js';
import type { Command } from './types.js';

/** BroadcastSignal: every subscription that exists now is triggered; nothing is buffered. */
export async function broadcastSignal(ctx: ProcessingContext, command: Extract<Command, { type: 'broadcastSignal' }>): Promise<{ key: Key; tenantId: string }> {
  if (!command.signalName) reject('INVALID_ARGUMENT', "Expected to broadcast a signal, but property 'signalName' is blank");
  const tenantId = command.tenantId || '<default>';
  const key = ctx.key();
  ctx.event('SIGNAL', 'BROADCASTED', key, { signalName: command.signalName, variables: command.variables, tenantId });
  const subscriptions = await ctx.batch.find('signal_subscriptions', { signal_name: command.signalName, tenant_id: tenantId });
  for (const subscription of subscriptions) {
    const { model, definition } = await ctx.model(subscription.process_definition_key);
    const catchElement = model.elements.get(subscription.element_id) as ElementModel;
    if (subscription.element_instance_key === null) {
      await startProcessInstance(ctx, definition, { variables: {}, startElementId: catchElement.id, eventVariables: command.variables });
      continue;
    }
    if (!(await ctx.batch.get('signal_subscriptions', subscription.key))) continue;
    await triggerEvent(ctx, subscription.element_instance_key, catchElement, command.variables);
  }
  return { key, tenantId };
}
