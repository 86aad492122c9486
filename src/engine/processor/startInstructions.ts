import { reject } from '../errors.js';
import type { ElementModel, ProcessModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { activateChild } from './lifecycle.js';

/**
 * CreateProcessInstance start instructions, as Zeebe's ProcessInstanceCreationCreateProcessor (8.x) checks
 * and runs them: an instruction may name any flow node at any depth of embedded or event sub-processes;
 * its enclosing flow scopes are activated first without their start events (one instance per scope, shared
 * by all instructions inside it), then the element itself.
 */

/** Zeebe refuses to start at these BpmnElementTypes. */
const UNSUPPORTED_TYPES = ['START_EVENT', 'SEQUENCE_FLOW', 'BOUNDARY_EVENT', 'UNSPECIFIED'];

/** Zeebe's BpmnElementType values, for the "Supported element types are" part of its rejection. */
export const ZEEBE_TYPES = [
  'UNSPECIFIED', 'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'AD_HOC_SUB_PROCESS_INNER_INSTANCE', 'START_EVENT',
  'INTERMEDIATE_CATCH_EVENT', 'INTERMEDIATE_THROW_EVENT', 'BOUNDARY_EVENT', 'END_EVENT', 'SERVICE_TASK', 'RECEIVE_TASK', 'USER_TASK',
  'MANUAL_TASK', 'TASK', 'EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'EVENT_BASED_GATEWAY', 'INCLUSIVE_GATEWAY', 'SEQUENCE_FLOW',
  'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK',
];

const PREFIX = 'Expected to create instance of process with start instructions but';

export function zeebeTypeOf(element: ElementModel): string {
  if (element.loop) return 'MULTI_INSTANCE_BODY';
  if (element.type === 'subProcess' && element.triggeredByEvent) return 'EVENT_SUB_PROCESS';
  return element.type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The flow scopes of an element from the outermost sub-process inwards (the process itself left out). */
function flowScopesOf(model: ProcessModel, element: ElementModel): ElementModel[] {
  const scopes: ElementModel[] = [];
  for (let scope = model.elements.get(element.flowScopeId ?? ''); scope && scope.type !== 'process'; scope = model.elements.get(scope.flowScopeId ?? '')) {
    scopes.unshift(scope);
  }
  return scopes;
}

/**
 * Zeebe's checks, in its order, each over all instructions: the element exists; it is not inside a
 * multi-instance activity; its type can be started at (not a start event, boundary event or sequence
 * flow); it is not a target of an event-based gateway. Every refusal is INVALID_ARGUMENT.
 */
export function validateStartInstructions(model: ProcessModel, elementIds: string[]): void {
  const missing = elementIds.find((id) => !model.flows.has(id) && (!model.elements.has(id) || id === model.bpmnProcessId));
  if (missing !== undefined) reject('INVALID_ARGUMENT', `${PREFIX} no element found with id '${missing}'.`);

  const insideMultiInstance = elementIds.find((id) => {
    const element = model.elements.get(id);
    return element !== undefined && flowScopesOf(model, element).some((scope) => scope.loop);
  });
  if (insideMultiInstance !== undefined) {
    reject('INVALID_ARGUMENT', `${PREFIX} the element with id '${insideMultiInstance}' is inside a multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported.`);
  }

  const typeOf = (id: string): string => (model.flows.has(id) ? 'SEQUENCE_FLOW' : zeebeTypeOf(model.elements.get(id) as ElementModel));
  const unsupported = elementIds.find((id) => UNSUPPORTED_TYPES.includes(typeOf(id)));
  if (unsupported !== undefined) {
    const supported = ZEEBE_TYPES.filter((type) => !UNSUPPORTED_TYPES.includes(type)).join(', ');
    reject('INVALID_ARGUMENT', `${PREFIX} the element with id '${unsupported}' targets unsupported element type '${typeOf(unsupported)}'. Supported element types are: [${supported}]`);
  }

  const afterEventGateway = elementIds.find((id) => {
    const element = model.elements.get(id) as ElementModel;
    return element.incoming.some((flowId) => model.elements.get(model.flows.get(flowId)?.sourceRef ?? '')?.type === 'eventBasedGateway');
  });
  if (afterEventGateway !== undefined) {
    reject('INVALID_ARGUMENT', `${PREFIX} the element with id '${afterEventGateway}' belongs to an event-based gateway. The creation of elements belonging to an event-based gateway is not supported.`);
  }
}

/**
 * The scope (the process, or a sub-process activated for instructions) was activated: start the
 * instructions' elements that sit directly in it, and one instance of each child flow scope that holds
 * the others, in the order the instructions name them. A named sub-process is a separate instance that
 * runs from its start event, as in Zeebe.
 */
export async function activateStartInstructions(ctx: ProcessingContext, scope: ElementInstanceRow, elementIds: string[]): Promise<void> {
  const { model } = await ctx.model(scope.process_definition_key);
  const childScopeOf = (element: ElementModel): ElementModel | undefined => {
    const scopes = flowScopesOf(model, element);
    if (scope.element_type === 'process') return scopes[0];
    const index = scopes.findIndex((s) => s.id === scope.element_id);
    return scopes[index + 1];
  };
  const nested = new Map<string, string[]>();
  for (const id of elementIds) {
    const childScope = childScopeOf(model.elements.get(id) as ElementModel);
    if (childScope) nested.set(childScope.id, [...(nested.get(childScope.id) ?? []), id]);
  }
  for (const id of elementIds) {
    const element = model.elements.get(id) as ElementModel;
    const childScope = childScopeOf(element);
    if (!childScope) {
      await activateChild(ctx, scope.key, element);
      continue;
    }
    const targets = nested.get(childScope.id);
    if (!targets) continue;
    nested.delete(childScope.id);
    const instance = await activateChild(ctx, scope.key, childScope);
    ctx.update(instance, { data: { ...instance.data, startElementIds: targets } });
  }
}
