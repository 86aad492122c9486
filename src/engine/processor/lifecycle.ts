import { behaviorFor } from '../behaviors/registry.js';
import { ExpressionError, type Variables } from '../feel/feel.js';
import { reject } from '../errors.js';
import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow, ElementState, Key } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { createIncident, resolveIncidentsOf } from './incidents.js';
import { onRootEnded } from './instances.js';
import { arriveAtJoin } from './joins.js';
import { closeEventSubscriptions, planEventSubscriptions, writeEventSubscriptions, type SubscriptionPlan } from './subscriptions.js';
import { applyMappings, propagateVariables, setLocalVariables, visibleVariables } from './variables.js';

const LIVE_STATES: ElementState[] = ['ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING'];

export function isLive(instance: ElementInstanceRow): boolean {
  return LIVE_STATES.includes(instance.state);
}

function elementValue(instance: ElementInstanceRow): Record<string, unknown> {
  return {
    bpmnElementType: instance.element_type,
    elementId: instance.element_id,
    flowScopeKey: instance.flow_scope_key ?? -1,
    bpmnProcessId: instance.bpmn_process_id,
    processDefinitionKey: instance.process_definition_key,
    processInstanceKey: instance.process_instance_key,
    tenantId: instance.tenant_id,
  };
}

export function elementEvent(ctx: ProcessingContext, instance: ElementInstanceRow, intent: string): void {
  ctx.event('PROCESS_INSTANCE', intent, instance.key, elementValue(instance), instance.process_instance_key, instance.element_id);
}

export async function liveChildren(ctx: ProcessingContext, scopeKey: Key): Promise<ElementInstanceRow[]> {
  return ctx.batch.find('element_instances', { flow_scope_key: scopeKey, state: LIVE_STATES });
}

function elementTypeOf(element: ElementModel, asIteration: boolean): string {
  return element.loop && !asIteration ? 'multiInstanceBody' : element.type;
}

/** Creates a child element instance in ACTIVATING and schedules its activation. */
export async function activateChild(
  ctx: ProcessingContext,
  scopeKey: Key,
  element: ElementModel,
  options: { variables?: Variables; asIteration?: boolean; loopIndex?: number; key?: Key } = {},
): Promise<ElementInstanceRow> {
  const scope = (await ctx.instance(scopeKey)) as ElementInstanceRow;
  ctx.update(scope, { active_children: scope.active_children + 1 });
  const instance: ElementInstanceRow = {
    key: options.key ?? ctx.key(),
    process_instance_key: scope.process_instance_key,
    process_definition_key: scope.process_definition_key,
    bpmn_process_id: scope.bpmn_process_id,
    element_id: element.id,
    element_type: elementTypeOf(element, options.asIteration ?? false),
    flow_scope_key: scope.key,
    state: 'ACTIVATING',
    active_children: 0,
    data: {
      ...(options.variables ? { eventVariables: options.variables } : {}),
      ...(options.loopIndex !== undefined ? { loopIndex: options.loopIndex } : {}),
    },
    start_date: ctx.now(),
    end_date: null,
    incident_key: null,
    tenant_id: scope.tenant_id,
  };
  ctx.batch.put('element_instances', instance);
  elementEvent(ctx, instance, 'ELEMENT_ACTIVATING');
  ctx.later(() => runActivation(ctx, instance.key));
  return instance;
}

async function raise(ctx: ProcessingContext, instance: ElementInstanceRow, error: unknown, fallback: ExpressionError['incidentType']): Promise<void> {
  if (!(error instanceof ExpressionError)) throw error;
  const type = error.incidentType === 'EXTRACT_VALUE_ERROR' && fallback !== 'EXTRACT_VALUE_ERROR' ? fallback : error.incidentType;
  await createIncident(ctx, (await ctx.instance(instance.key)) as ElementInstanceRow, type, error.message);
}

/** ACTIVATING → ACTIVATED. Re-run when an incident raised here is resolved. */
export async function runActivation(ctx: ProcessingContext, key: Key): Promise<void> {
  let instance = await ctx.instance(key);
  if (!instance || instance.state !== 'ACTIVATING') return;
  const element = await ctx.element(instance);
  const behavior = behaviorFor(instance.element_type, element);
  const isBody = instance.element_type === 'multiInstanceBody';
  let plan: unknown;
  let subscriptions: SubscriptionPlan[] = [];
  let inputs: Variables = {};
  // A scope activated for start instructions skips its input mappings, and a failing subscription
  // refuses the creation, as Zeebe activates those scopes by events (ElementActivationBehavior).
  const forStartInstructions = Boolean(instance.data.startElementIds?.length) || Boolean(instance.data.activatedForModification);
  try {
    if (!isBody && !forStartInstructions && element.inputs.length > 0) {
      try {
        inputs = applyMappings(element.inputs, await visibleVariables(ctx, instance.key));
      } catch (error) {
        if (error instanceof ExpressionError) throw new ExpressionError(error.message, 'IO_MAPPING_ERROR');
        throw error;
      }
    }
    plan = behavior.prepare ? await behavior.prepare(ctx, instance, element) : undefined;
    try {
      subscriptions = await planEventSubscriptions(ctx, instance, element, inputs);
    } catch (error) {
      if (forStartInstructions && error instanceof ExpressionError) reject('INVALID_ARGUMENT', `Expected to subscribe to catch event(s) of '${element.id}' but ${error.message}`);
      throw error;
    }
  } catch (error) {
    await raise(ctx, instance, error, 'EXTRACT_VALUE_ERROR');
    return;
  }
  await setLocalVariables(ctx, instance.key, instance.process_instance_key, inputs, instance.tenant_id);
  if (instance.data.eventVariables && element.outputs.length > 0) {
    // With output mappings, an event's payload is local to the event and only the mappings leave it.
    await setLocalVariables(ctx, instance.key, instance.process_instance_key, instance.data.eventVariables, instance.tenant_id);
  }
  instance = ctx.update((await ctx.instance(key)) as ElementInstanceRow, { state: 'ACTIVATED' });
  elementEvent(ctx, instance, 'ELEMENT_ACTIVATED');
  await writeEventSubscriptions(ctx, instance, subscriptions);
  await behavior.onActivated(ctx, instance, element, plan);
}

/** ACTIVATED → COMPLETING, then (scheduled) output mappings and COMPLETED. */
export async function completeElement(ctx: ProcessingContext, key: Key): Promise<void> {
  const instance = await ctx.instance(key);
  if (!instance || instance.state !== 'ACTIVATED') return;
  elementEvent(ctx, ctx.update(instance, { state: 'COMPLETING' }), 'ELEMENT_COMPLETING');
  ctx.later(() => runCompletion(ctx, key));
}

/** COMPLETING → COMPLETED: output mappings, outgoing flows, then tell the flow scope. */
export async function runCompletion(ctx: ProcessingContext, key: Key): Promise<void> {
  let instance = await ctx.instance(key);
  if (!instance || instance.state !== 'COMPLETING') return;
  const element = await ctx.element(instance);
  const behavior = behaviorFor(instance.element_type, element);
  let outputs: Variables | undefined;
  try {
    await behavior.onCompleting?.(ctx, instance, element);
    // The body gathers outputCollection; the inner activity's own output mappings apply per iteration.
    if (instance.element_type !== 'multiInstanceBody' && element.outputs.length > 0) {
      try {
        outputs = applyMappings(element.outputs, await visibleVariables(ctx, instance.key));
      } catch (error) {
        if (error instanceof ExpressionError) throw new ExpressionError(error.message, 'IO_MAPPING_ERROR');
        throw error;
      }
    }
  } catch (error) {
    await raise(ctx, instance, error, 'IO_MAPPING_ERROR');
    return;
  }
  instance = (await ctx.instance(key)) as ElementInstanceRow;
  const isIteration = Boolean(element.loop) && instance.element_type !== 'multiInstanceBody';
  // A multi-instance iteration writes from its own scope, so its output element (a local) gets the value.
  const target = isIteration ? instance.key : (instance.flow_scope_key ?? instance.key);
  if (outputs) {
    await propagateVariables(ctx, target, instance.process_instance_key, outputs, instance.tenant_id);
  } else if (instance.data.eventVariables && element.type !== 'process') {
    // An event's payload (message, error, signal) propagates unless output-mapped.
    // Without output mappings the payload propagates from the event's own scope (BpmnVariableMappingBehavior).
    await propagateVariables(ctx, instance.key, instance.process_instance_key, instance.data.eventVariables, instance.tenant_id);
  }
  // A multi-instance iteration: the body stores its output element and checks the completion condition.
  if (isIteration) {
    const body = (await ctx.instance(instance.flow_scope_key)) as ElementInstanceRow;
    try {
      await behaviorFor(body.element_type, element).onChildCompleting?.(ctx, body, element, instance);
    } catch (error) {
      await raise(ctx, instance, error, 'EXTRACT_VALUE_ERROR');
      return;
    }
  }
  await closeEventSubscriptions(ctx, instance);
  instance = ctx.update((await ctx.instance(key)) as ElementInstanceRow, { state: 'COMPLETED', end_date: ctx.now() });
  elementEvent(ctx, instance, 'ELEMENT_COMPLETED');
  if (instance.flow_scope_key === null) {
    await onRootEnded(ctx, instance, true);
    return;
  }
  // An iteration leaves by its body, which takes the activity's outgoing flows.
  const flows = isIteration ? [] : behavior.outgoing ? behavior.outgoing(instance, element) : element.outgoing;
  for (const flowId of flows) await takeSequenceFlow(ctx, instance.flow_scope_key, flowId, instance.process_definition_key);
  await childEnded(ctx, instance);
}

/** Tells the flow scope a child has ended, so a container can complete when nothing is left inside. */
export async function childEnded(ctx: ProcessingContext, child: ElementInstanceRow): Promise<void> {
  const scope = await ctx.instance(child.flow_scope_key);
  if (!scope) return;
  const updated = ctx.update(scope, { active_children: Math.max(0, scope.active_children - 1) });
  if (updated.state !== 'ACTIVATED') return;
  const element = await ctx.element(updated);
  await behaviorFor(updated.element_type, element).onChildEnded?.(ctx, updated, element, child);
}

/** A container with no live child and no token waiting at a join is done. */
export async function completeScopeIfDone(ctx: ProcessingContext, scope: ElementInstanceRow): Promise<void> {
  if (scope.state === 'ACTIVATED' && scope.active_children === 0 && !scope.data.waitingTokens) await completeElement(ctx, scope.key);
}

export async function takeSequenceFlow(ctx: ProcessingContext, scopeKey: Key, flowId: string, processDefinitionKey: Key): Promise<void> {
  const { model } = await ctx.model(processDefinitionKey);
  const flow = model.flows.get(flowId);
  if (!flow) throw new Error(`Sequence flow '${flowId}' not found`);
  const scope = (await ctx.instance(scopeKey)) as ElementInstanceRow;
  ctx.event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', ctx.key(), {
    bpmnElementType: 'SEQUENCE_FLOW',
    elementId: flow.id,
    flowScopeKey: scope.key,
    bpmnProcessId: scope.bpmn_process_id,
    processDefinitionKey,
    processInstanceKey: scope.process_instance_key,
  }, scope.process_instance_key, flow.id);
  const target = model.elements.get(flow.targetRef) as ElementModel;
  const isJoin = (target.type === 'parallelGateway' || target.type === 'inclusiveGateway') && target.incoming.length > 1;
  if (!isJoin) {
    await activateChild(ctx, scopeKey, target);
    return;
  }
  await arriveAtJoin(ctx, scope, target, flow.id);
}

/** Terminates an element and everything inside it, releasing jobs, subscriptions and incidents. */
export async function terminateElement(ctx: ProcessingContext, key: Key): Promise<void> {
  let instance = await ctx.instance(key);
  if (!instance || !isLive(instance)) return;
  if (instance.state !== 'TERMINATING') {
    instance = ctx.update(instance, { state: 'TERMINATING' });
    elementEvent(ctx, instance, 'ELEMENT_TERMINATING');
  }
  const element = await ctx.element(instance);
  await behaviorFor(instance.element_type, element).onTerminating?.(ctx, instance, element);
  for (const child of await liveChildren(ctx, key)) await terminateElement(ctx, child.key);
  await closeEventSubscriptions(ctx, instance);
  await resolveIncidentsOf(ctx, key);
  instance = (await ctx.instance(key)) as ElementInstanceRow;
  instance = ctx.update(instance, { state: 'TERMINATED', end_date: ctx.now(), active_children: 0, data: { ...instance.data, waitingTokens: 0, joins: {} } });
  elementEvent(ctx, instance, 'ELEMENT_TERMINATED');
  if (instance.flow_scope_key === null) {
    await onRootEnded(ctx, instance, false);
    return;
  }
  const scope = await ctx.instance(instance.flow_scope_key);
  if (scope) ctx.update(scope, { active_children: Math.max(0, scope.active_children - 1) });
}
