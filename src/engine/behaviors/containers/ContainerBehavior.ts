import type { ElementModel } from '../../model/types.js';
import type { ProcessingContext } from '../../processor/context.js';
import { tryFireJoin } from '../../processor/joins.js';
import { startOf } from '../../processor/errorEvents.js';
import { activateChild, completeScopeIfDone } from '../../processor/lifecycle.js';
import { activateStartInstructions } from '../../processor/startInstructions.js';
import type { ElementInstanceRow } from '../../state/tables.js';
import type { ElementBehavior } from '../behavior.js';

/** Re-checks inclusive joins of the scope: a branch that ended may have been the last one that could arrive. */
async function retryInclusiveJoins(ctx: ProcessingContext, scope: ElementInstanceRow): Promise<ElementInstanceRow> {
  const { model } = await ctx.model(scope.process_definition_key);
  for (const [gatewayId, tokens] of Object.entries(scope.data.joins ?? {})) {
    const gateway = model.elements.get(gatewayId);
    if (gateway?.type === 'inclusiveGateway' && Object.values(tokens).some((n) => n > 0)) {
      await tryFireJoin(ctx, (await ctx.instance(scope.key)) as ElementInstanceRow, gateway);
    }
  }
  return (await ctx.instance(scope.key)) as ElementInstanceRow;
}

/** Process and embedded sub-process: start at the none start event (or at start instructions), complete when nothing is left inside. */
export const containerBehavior: ElementBehavior = {
  async onActivated(ctx, instance, element) {
    // ModifyProcessInstance created this scope for an element inside it, which is already on its way.
    if (instance.data.activatedForModification) return;
    const { model } = await ctx.model(instance.process_definition_key);
    if (instance.data.startElementIds?.length) {
      await activateStartInstructions(ctx, instance, instance.data.startElementIds);
      return;
    }
    const startId = instance.data.startElementId ?? element.noneStartEventId;
    // An event sub-process named by a start instruction runs from its own start event, without a trigger.
    const start = startId ? model.elements.get(startId) : element.triggeredByEvent ? startOf(model, element) : undefined;
    if (!start) throw new Error(`'${element.id}' has no start event to begin with`);
    await activateChild(ctx, instance.key, start, instance.data.startEventVariables ? { variables: instance.data.startEventVariables } : {});
  },
  async onChildEnded(ctx, scope) {
    let current = scope;
    if (current.data.waitingTokens) current = await retryInclusiveJoins(ctx, current);
    await completeScopeIfDone(ctx, current);
  },
};

export function isContainer(element: ElementModel): boolean {
  return element.type === 'process' || element.type === 'subProcess';
}
