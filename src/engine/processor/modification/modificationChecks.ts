import { reject } from '../../errors.js';
import type { ElementModel, ProcessModel } from '../../model/types.js';
import type { ElementInstanceRow, Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { isLive } from '../lifecycle.js';
import { ZEEBE_TYPES, zeebeTypeOf } from '../startInstructions.js';
import type { ActivateInstruction, MoveInstruction, TerminateInstruction } from './modificationTypes.js';

/**
 * ModifyProcessInstance's refusals, in the order Zeebe's ProcessInstanceModificationModifyProcessor
 * (8.9) checks them; each covers all instructions and every one is INVALID_ARGUMENT.
 */

const UNSUPPORTED_TYPES = ['UNSPECIFIED', 'START_EVENT', 'SEQUENCE_FLOW', 'BOUNDARY_EVENT'];

const prefix = (processId: string): string => `Expected to modify instance of process '${processId}' but it contains`;
const joined = (items: Iterable<string | number>): string => [...new Set([...items].map(String))].join("', '");

/** The ids of the flow scopes of an element, innermost first, ending with the process id. */
export function flowScopeIds(model: ProcessModel, element: ElementModel): string[] {
  const ids: string[] = [];
  for (let id = element.flowScopeId; id !== undefined; id = model.elements.get(id)?.flowScopeId) ids.push(id);
  return ids;
}

/** Input checks that need no state: terminate and move instructions name exactly one source. */
export function checkInstructionShapes(processId: string, terminate: TerminateInstruction[], move: MoveInstruction[]): void {
  const hasKey = (key: Key | undefined): boolean => key !== undefined && key > 0;
  const none = terminate.filter((t) => !hasKey(t.elementInstanceKey) && !t.elementId);
  if (none.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more terminate instructions with neither an element instance key nor element id: '${joined(none.map((t) => `(${t.elementInstanceKey ?? -1}, ${t.elementId ?? ''})`))}'`);
  const both = terminate.filter((t) => hasKey(t.elementInstanceKey) && t.elementId);
  if (both.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more terminate instructions with both element instance key and element id, but only one of them is allowed: '${joined(both.map((t) => `(${t.elementInstanceKey}, ${t.elementId})`))}'`);
  const incomplete = move.filter((m) => (!hasKey(m.sourceElementInstanceKey) && !m.sourceElementId) || !m.targetElementId);
  if (incomplete.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more move instructions with either or both the source or target element id missing: '${joined(incomplete.map((m) => `(${m.sourceElementId || m.sourceElementInstanceKey || ''}, ${m.targetElementId})`))}'`);
  const sources = move.map((m) => m.sourceElementId).filter((id): id is string => Boolean(id));
  const duplicates = sources.filter((id, i) => sources.indexOf(id) !== i);
  if (duplicates.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} multiple move instructions with identical source element ids: '${joined(duplicates)}'`);
  const twoSources = move.filter((m) => hasKey(m.sourceElementInstanceKey) && m.sourceElementId);
  if (twoSources.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more move instructions with both source element instance key and source element id, but only one of them is allowed: '${joined(twoSources.map((m) => `(${m.sourceElementId}/${m.sourceElementInstanceKey}, ${m.targetElementId})`))}'`);
}

export async function checkMoveSources(ctx: ProcessingContext, processId: string, processInstanceKey: Key, move: MoveInstruction[]): Promise<void> {
  const keys = move.map((m) => m.sourceElementInstanceKey).filter((k): k is Key => k !== undefined && k > 0);
  const instances = await Promise.all(keys.map(async (key) => ({ key, instance: await ctx.instance(key) })));
  const missing = instances.filter(({ instance }) => !instance || !isLive(instance));
  if (missing.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more move instructions with a source element instance that could not be found: '${joined(missing.map((m) => m.key))}'`);
  const foreign = instances.filter(({ instance }) => instance && instance.process_instance_key !== processInstanceKey);
  if (foreign.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more move instructions with a source element instance that does not belong to the modified process instance: '${joined(foreign.map((m) => m.key))}'`);
}

/** The checks on the final activate and terminate instructions (after moves are expanded). */
export async function checkInstructions(
  ctx: ProcessingContext,
  model: ProcessModel,
  processInstanceKey: Key,
  activate: ActivateInstruction[],
  terminateKeys: Key[],
): Promise<void> {
  const processId = model.bpmnProcessId;
  const elementOf = (id: string): ElementModel | undefined => (id === processId ? undefined : model.elements.get(id));

  const unknown = activate.filter((a) => !elementOf(a.elementId)).map((a) => a.elementId);
  if (unknown.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more activate instructions with an element that could not be found: '${joined(unknown)}'`);

  const afterEventGateway = activate.map((a) => a.elementId).filter((id) => {
    const element = elementOf(id) as ElementModel;
    return element.type === 'intermediateCatchEvent' && element.incoming.some((flowId) => model.elements.get(model.flows.get(flowId)?.sourceRef ?? '')?.type === 'eventBasedGateway');
  });
  if (afterEventGateway.length > 0) {
    reject('INVALID_ARGUMENT', `${prefix(processId)} one or more activate instructions for elements that are unsupported: '${joined(afterEventGateway)}'. The activation of events belonging to an event-based gateway is not supported.`);
  }

  const unsupported = [...new Set(activate.map((a) => a.elementId))].filter((id) => UNSUPPORTED_TYPES.includes(zeebeTypeOf(elementOf(id) as ElementModel)));
  if (unsupported.length > 0) {
    const types = joined(unsupported.map((id) => zeebeTypeOf(elementOf(id) as ElementModel)));
    const supported = ZEEBE_TYPES.filter((t) => !UNSUPPORTED_TYPES.includes(t)).join(', ');
    reject('INVALID_ARGUMENT', `${prefix(processId)} one or more activate instructions for elements that are unsupported: '${joined(unsupported)}'. The activation of elements with type '${types}' is not supported. Supported element types are: [${supported}].`);
  }

  const terminated = await Promise.all(terminateKeys.map(async (key) => ({ key, instance: await ctx.instance(key) })));
  const missingInstances = terminated.filter(({ instance }) => !instance || !isLive(instance) || instance.process_instance_key !== processInstanceKey);
  if (missingInstances.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more terminate instructions with an element instance that could not be found: '${joined(missingInstances.map((t) => t.key))}'`);

  const scopeIds = activate.flatMap((a) => a.variableInstructions.map((v) => v.scopeId)).filter((id) => id !== '');
  const unknownScopes = scopeIds.filter((id) => id !== processId && !model.elements.has(id));
  if (unknownScopes.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more variable instructions with a scope element id that could not be found: '${joined(unknownScopes)}'`);
  const outsideFlowScope = activate.some((a) => {
    const scopes = flowScopeIds(model, elementOf(a.elementId) as ElementModel);
    return a.variableInstructions.some((v) => v.scopeId !== '' && v.scopeId !== a.elementId && !scopes.includes(v.scopeId));
  });
  if (outsideFlowScope) {
    reject('INVALID_ARGUMENT', `${prefix(processId)} one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.`);
  }

  await checkAncestors(ctx, model, processInstanceKey, activate);

  const conflicts: string[] = [];
  for (const { key, instance } of terminated) {
    for (const a of activate) {
      const inside = a.ancestorElementInstanceKey > 0
        ? a.ancestorElementInstanceKey === key
        : flowScopeIds(model, elementOf(a.elementId) as ElementModel).includes((instance as ElementInstanceRow).element_id);
      if (inside) conflicts.push(`element '${a.elementId}' requires flow scope instance '${key}' which is being terminated`);
    }
  }
  if (conflicts.length > 0) {
    reject('INVALID_ARGUMENT', `${prefix(processId)} one or more activate instructions for elements whose required flow scope instance is also being terminated: ${conflicts.join(', ')}. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`);
  }
}

async function checkAncestors(ctx: ProcessingContext, model: ProcessModel, processInstanceKey: Key, activate: ActivateInstruction[]): Promise<void> {
  const processId = model.bpmnProcessId;
  const withAncestor = activate.filter((a) => a.ancestorElementInstanceKey > 0);
  const ancestors = new Map<Key, ElementInstanceRow | undefined>();
  for (const a of withAncestor) ancestors.set(a.ancestorElementInstanceKey, await ctx.instance(a.ancestorElementInstanceKey));
  // Zeebe: "active" is ACTIVATING or ACTIVATED.
  const inactive = [...ancestors].filter(([, row]) => !row || (row.state !== 'ACTIVATED' && row.state !== 'ACTIVATING')).map(([key]) => key);
  if (inactive.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${joined(inactive)}'`);
  const foreign = [...ancestors].filter(([, row]) => row && row.process_instance_key !== processInstanceKey).map(([key]) => key);
  if (foreign.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more activate instructions with an ancestor scope key that does not belong to the modified process instance: '${joined(foreign)}'`);
  const notAncestors = withAncestor
    .map((a) => ({ a, row: ancestors.get(a.ancestorElementInstanceKey) as ElementInstanceRow }))
    .filter(({ a, row }) => !flowScopeIds(model, model.elements.get(a.elementId) as ElementModel).includes(row.element_id))
    .map(({ a, row }) => `\n- instance '${row.key}' of element '${row.element_id}' is not an ancestor of element '${a.elementId}'`);
  if (notAncestors.length > 0) reject('INVALID_ARGUMENT', `${prefix(processId)} one or more activate instructions with an ancestor scope key that is not an ancestor of the element to activate:${notAncestors.join('')}`);
}
