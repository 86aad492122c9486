import { reject } from '../../errors.js';
import type { ElementModel, ProcessModel } from '../../model/types.js';
import type { ElementInstanceRow, Key } from '../../state/tables.js';
import { zeebeTypeOf } from '../startInstructions.js';

/**
 * MigrateProcessInstance's refusals, after Zeebe's ProcessInstanceMigrationPreconditions (8.9). The
 * per-element checks are INVALID_STATE (gRPC FAILED_PRECONDITION, REST 409); bad instructions are
 * INVALID_ARGUMENT.
 */

/** Element types whose active instances Zeebe migrates. */
const SUPPORTED_TYPES = new Set([
  'PROCESS', 'SERVICE_TASK', 'USER_TASK', 'SUB_PROCESS', 'CALL_ACTIVITY', 'INTERMEDIATE_CATCH_EVENT', 'RECEIVE_TASK', 'EVENT_SUB_PROCESS',
  'EXCLUSIVE_GATEWAY', 'EVENT_BASED_GATEWAY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK', 'MULTI_INSTANCE_BODY',
]);

const EVENT_TYPES: Record<string, string> = { none: 'NONE', timer: 'TIMER', message: 'MESSAGE', signal: 'SIGNAL', error: 'ERROR', escalation: 'ESCALATION', terminate: 'TERMINATE' };

export function eventTypeOf(element: ElementModel): string {
  return EVENT_TYPES[element.eventDefinition.kind] ?? 'UNSPECIFIED';
}

/** The Zeebe type of an element instance: the body of a multi-instance, or the activity (an iteration). */
export function instanceTypeOf(row: ElementInstanceRow, element: ElementModel): string {
  if (row.element_type === 'multiInstanceBody') return 'MULTI_INSTANCE_BODY';
  if (row.element_type === 'process') return 'PROCESS';
  return zeebeTypeOf({ ...element, loop: undefined });
}

export function checkInstructionIds(processInstanceKey: Key, source: ProcessModel, target: ProcessModel, mappings: { sourceElementId: string; targetElementId: string }[]): void {
  const sources = mappings.map((m) => m.sourceElementId);
  const duplicates = [...new Set(sources.filter((id, i) => sources.indexOf(id) !== i))];
  if (duplicates.length > 0) reject('INVALID_ARGUMENT', `Expected to migrate process instance '${processInstanceKey}' but the mapping instructions contain duplicate source element ids '[${duplicates.join(', ')}]'.`);
  for (const m of mappings) {
    if (!source.elements.has(m.sourceElementId)) {
      reject('INVALID_ARGUMENT', `Expected to migrate process instance '${processInstanceKey}' but mapping instructions contain a non-existing source element id '${m.sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`);
    }
    if (!target.elements.has(m.targetElementId)) {
      reject('INVALID_ARGUMENT', `Expected to migrate process instance '${processInstanceKey}' but mapping instructions contain a non-existing target element id '${m.targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`);
    }
  }
}

/** The catch events attached to an element (boundary events, event sub-process starts inside a scope). */
export function catchEventIdsOf(model: ProcessModel, element: ElementModel): string[] {
  const ids = [...element.boundaryEventIds];
  for (const subId of element.eventSubProcessIds) {
    for (const childId of model.elements.get(subId)?.children ?? []) if (model.elements.get(childId)?.type === 'startEvent') ids.push(childId);
  }
  return ids;
}

export interface ElementCheck {
  processInstanceKey: Key;
  row: ElementInstanceRow;
  sourceElement: ElementModel;
  targetId: string | undefined;
  source: ProcessModel;
  target: ProcessModel;
  /** The target id of the element's flow scope (the mapped id of the source flow scope). */
  expectedFlowScopeId: string | undefined;
  mapping: Map<string, string>;
}

/** The checks on one active element instance and its mapping, in Zeebe's order. */
export function checkElement(c: ElementCheck): string {
  const pi = c.processInstanceKey;
  const sourceType = instanceTypeOf(c.row, c.sourceElement);
  const id = c.row.element_id;
  if (!SUPPORTED_TYPES.has(sourceType)) {
    reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${id}' has an unsupported type. The migration of a ${sourceType} is not supported.`);
  }
  if (sourceType === 'INTERMEDIATE_CATCH_EVENT') {
    if (!['MESSAGE', 'TIMER', 'SIGNAL'].includes(eventTypeOf(c.sourceElement))) {
      reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${id}' is intermediate catch event of type '${eventTypeOf(c.sourceElement)}'. Migrating active intermediate catch event of this type is not possible yet.`);
    }
    const afterGateway = c.sourceElement.incoming.some((flowId) => c.source.elements.get(c.source.flows.get(flowId)?.sourceRef ?? '')?.type === 'eventBasedGateway');
    if (afterGateway) {
      reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${id}' is an intermediate catch event attached to an event-based gateway. Migrating active events attached to an event-based gateway is not possible yet.`);
    }
  }
  if (c.targetId === undefined) {
    reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but no mapping instruction defined for active element with id '${id}'. Elements cannot be migrated without a mapping.`);
  }
  const targetElement = c.target.elements.get(c.targetId) as ElementModel;
  // An iteration is compared with the target's inner activity; anything else with the element as it is.
  const isIteration = sourceType !== 'MULTI_INSTANCE_BODY' && Boolean(c.sourceElement.loop);
  const targetType = isIteration ? zeebeTypeOf({ ...targetElement, loop: undefined }) : zeebeTypeOf(targetElement);
  if (sourceType !== targetType) {
    reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${id}' and type '${sourceType}' is mapped to an element with id '${c.targetId}' and different type '${targetType}'. Elements must be mapped to elements of the same type.`);
  }
  if (sourceType === 'USER_TASK' && c.sourceElement.isZeebeUserTask !== targetElement.isZeebeUserTask) {
    const kind = (e: ElementModel): string => (e.isZeebeUserTask ? 'zeebe user task' : 'job worker');
    reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active user task with id '${id}' and implementation '${kind(c.sourceElement)}' is mapped to an user task with id '${c.targetId}' and different implementation '${kind(targetElement)}'. Elements must be mapped to elements of the same implementation.`);
  }
  if (c.expectedFlowScopeId !== undefined && targetElement.flowScopeId !== c.expectedFlowScopeId) {
    reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but the flow scope of active element with id '${id}' is changed. The flow scope of the active element is expected to be '${c.expectedFlowScopeId}' but was '${targetElement.flowScopeId}'. The flow scope of an element cannot be changed during migration yet.`);
  }
  if (sourceType === 'MULTI_INSTANCE_BODY' && Boolean(c.sourceElement.loop?.isSequential) !== Boolean(targetElement.loop?.isSequential)) {
    reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${id}' has a different loop characteristics than the target element with id '${c.targetId}'. Both elements must have either sequential or parallel loop characteristics.`);
  }
  checkCatchEvents(c, targetElement);
  return c.targetId;
}

function checkCatchEvents(c: ElementCheck, targetElement: ElementModel): void {
  const pi = c.processInstanceKey;
  const sourceEvents = catchEventIdsOf(c.source, c.sourceElement);
  const targetEvents = new Set(catchEventIdsOf(c.target, targetElement));
  const byTarget = new Map<string, string[]>();
  for (const eventId of sourceEvents) {
    const mapped = c.mapping.get(eventId);
    if (mapped === undefined) continue;
    if (!targetEvents.has(mapped)) {
      reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${c.row.element_id}' is mapped to an element with id '${c.targetId}' and has a catch event with id '${eventId}' that is mapped to a catch event with id '${mapped}'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`);
    }
    byTarget.set(mapped, [...(byTarget.get(mapped) ?? []), eventId]);
  }
  for (const [mapped, eventIds] of byTarget) {
    if (eventIds.length > 1) {
      reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${c.row.element_id}' has a catch event attached that is mapped to a catch event with id '${mapped}'. There are multiple mapping instructions that target this catch event: '${eventIds.sort().join("', '")}'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`);
    }
  }
  for (const eventId of sourceEvents) {
    const mapped = c.mapping.get(eventId);
    if (mapped === undefined) continue;
    const from = eventTypeOf(c.source.elements.get(eventId) as ElementModel);
    const to = eventTypeOf(c.target.elements.get(mapped) as ElementModel);
    if (from !== to) {
      reject('INVALID_STATE', `Expected to migrate process instance '${pi}' but active element with id '${c.row.element_id}' has a catch event with id '${eventId}' that is mapped to a catch event with id '${mapped}'. These catch events have different event types: '${from}' and '${to}'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`);
    }
  }
}
