import type { Variables } from '../feel/feel.js';
import type { ElementModel, ProcessModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { activateChild, liveChildren, terminateElement } from './lifecycle.js';
import { closeEventSubscriptions } from './subscriptions.js';

/** Picks the catch for a code among candidates of one scope: an exact code wins over a catch-all. */
function pick(model: ProcessModel, ids: string[], code: string, kind: 'error' | 'escalation'): ElementModel | undefined {
  const candidates = ids
    .map((id) => model.elements.get(id) as ElementModel)
    .map((element) => ({ element, trigger: element.type === 'subProcess' ? startOf(model, element, kind) : element }))
    .filter((c) => c.trigger?.eventDefinition.kind === kind);
  const codeOf = (e: ElementModel): string | undefined => {
    const d = e.eventDefinition;
    return d.kind === 'error' ? d.errorCode : d.kind === 'escalation' ? d.escalationCode : undefined;
  };
  return (
    candidates.find((c) => codeOf(c.trigger as ElementModel) === code)?.element ??
    candidates.find((c) => !codeOf(c.trigger as ElementModel))?.element
  );
}

export function startOf(model: ProcessModel, subProcess: ElementModel, kind?: string): ElementModel | undefined {
  return subProcess.children.map((id) => model.elements.get(id) as ElementModel).find((e) => e.type === 'startEvent' && (!kind || e.eventDefinition.kind === kind));
}

export type Catch =
  | { via: 'boundary'; activity: ElementInstanceRow; catchElement: ElementModel }
  | { via: 'eventSubProcess'; scope: ElementInstanceRow; catchElement: ElementModel };

/**
 * Walks outward from `start`, scope by scope and into calling parents: in each scope the event
 * sub-processes inside it first, then the boundary events on it.
 */
export async function findCatch(ctx: ProcessingContext, start: ElementInstanceRow, code: string, kind: 'error' | 'escalation'): Promise<Catch | undefined> {
  let current: ElementInstanceRow | undefined = start;
  while (current) {
    const { model } = await ctx.model(current.process_definition_key);
    const element = model.elements.get(current.element_id) as ElementModel;
    const isIteration = Boolean(element.loop) && current.element_type !== 'multiInstanceBody';
    if (current.element_type === 'process' || current.element_type === 'subProcess') {
      const found = pick(model, element.eventSubProcessIds, code, kind);
      if (found) return { via: 'eventSubProcess', scope: current, catchElement: found };
    }
    if (!isIteration && element.boundaryEventIds.length > 0) {
      const found = pick(model, element.boundaryEventIds, code, kind);
      if (found) return { via: 'boundary', activity: current, catchElement: found };
    }
    if (current.flow_scope_key !== null) {
      current = await ctx.instance(current.flow_scope_key);
      continue;
    }
    const processInstance = await ctx.batch.get('process_instances', current.process_instance_key);
    current = processInstance?.parent_element_instance_key ? await ctx.instance(processInstance.parent_element_instance_key) : undefined;
  }
  return undefined;
}

/** Triggers a found catch: an interrupting one ends what it interrupts first. */
export async function triggerCatch(ctx: ProcessingContext, found: Catch, variables: Variables, interrupting: boolean): Promise<void> {
  if (found.via === 'boundary') {
    const scopeKey = found.activity.flow_scope_key as number;
    await activateChild(ctx, scopeKey, found.catchElement, { variables });
    if (interrupting) await terminateElement(ctx, found.activity.key);
    return;
  }
  if (interrupting) {
    for (const child of await liveChildren(ctx, found.scope.key)) await terminateElement(ctx, child.key);
    const scope = (await ctx.instance(found.scope.key)) as ElementInstanceRow;
    ctx.update(scope, { data: { ...scope.data, joins: {}, waitingTokens: 0, interrupted: true } });
    // An interrupting event sub-process fires once: the scope's other event sub-process starts close.
    const { model: scopeModel } = await ctx.model(scope.process_definition_key);
    const scopeElement = scopeModel.elements.get(scope.element_id) as ElementModel;
    const starts = scopeElement.eventSubProcessIds.flatMap((id) => (scopeModel.elements.get(id) as ElementModel).children);
    await closeEventSubscriptions(ctx, (await ctx.instance(scope.key)) as ElementInstanceRow, starts);
  }
  const { model } = await ctx.model(found.scope.process_definition_key);
  const start = startOf(model, found.catchElement);
  const subProcess = await activateChild(ctx, found.scope.key, found.catchElement);
  ctx.update(subProcess, { data: { ...subProcess.data, startElementId: start?.id, startEventVariables: variables } });
}

/** Throws a BPMN error from `start`; returns false when nothing catches it. */
export async function throwBpmnError(ctx: ProcessingContext, start: ElementInstanceRow, code: string, message: string, variables: Variables): Promise<boolean> {
  const found = await findCatch(ctx, start, code, 'error');
  if (!found) return false;
  await triggerCatch(ctx, found, variables, true);
  return true;
}
