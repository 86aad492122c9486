import type { Variables } from '../feel/feel.js';
import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { triggerCatch } from './errorEvents.js';
import { applyTaskResult } from './jobs.js';
import { activateChild, completeElement, isLive, terminateElement } from './lifecycle.js';
import { setLocalVariables } from './variables.js';

/**
 * A timer, message or signal reached the element instance that subscribed for `catchElement`:
 * the waiting element itself (catch event, receive task), a boundary event on it, an event
 * sub-process start inside it, or one branch of an event-based gateway.
 */
export async function triggerEvent(ctx: ProcessingContext, holderKey: number, catchElement: ElementModel, variables: Variables): Promise<boolean> {
  const holder = await ctx.instance(holderKey);
  if (!holder || !isLive(holder) || holder.state !== 'ACTIVATED') return false;
  const { model } = await ctx.model(holder.process_definition_key);
  if (catchElement.id === holder.element_id) {
    if (catchElement.type === 'receiveTask') await applyTaskResult(ctx, holder, catchElement.outputs.length > 0, variables);
    else await setEventPayload(ctx, holder, catchElement, variables);
    // Its other subscriptions close on completion; meanwhile it is COMPLETING and takes no further trigger.
    await completeElement(ctx, holder.key);
    return true;
  }
  if (catchElement.type === 'boundaryEvent') {
    await activateChild(ctx, holder.flow_scope_key as number, catchElement, { variables });
    if (catchElement.cancelActivity) await terminateElement(ctx, holder.key);
    return true;
  }
  if (holder.element_type === 'eventBasedGateway') {
    const flow = [...model.flows.values()].find((f) => f.sourceRef === holder.element_id && f.targetRef === catchElement.id);
    ctx.update(holder, { data: { ...holder.data, flows: [] } });
    await completeElement(ctx, holder.key);
    if (flow) {
      ctx.event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', ctx.key(), { bpmnElementType: 'SEQUENCE_FLOW', elementId: flow.id, processInstanceKey: holder.process_instance_key }, holder.process_instance_key, flow.id);
    }
    const event = await activateChild(ctx, holder.flow_scope_key as number, catchElement, { variables });
    ctx.update(event, { data: { ...event.data, triggered: true } });
    return true;
  }
  // An event sub-process start inside the holder scope.
  const subProcess = model.elements.get(catchElement.flowScopeId ?? '') as ElementModel;
  if (holder.data.interrupted) return false;
  await triggerCatch(ctx, { via: 'eventSubProcess', scope: holder, catchElement: subProcess }, variables, catchElement.cancelActivity);
  return true;
}

async function setEventPayload(ctx: ProcessingContext, holder: ElementInstanceRow, element: ElementModel, variables: Variables): Promise<void> {
  if (element.outputs.length > 0) {
    await setLocalVariables(ctx, holder.key, holder.process_instance_key, variables, holder.tenant_id);
    return;
  }
  const fresh = (await ctx.instance(holder.key)) as ElementInstanceRow;
  ctx.update(fresh, { data: { ...fresh.data, eventVariables: variables } });
}
