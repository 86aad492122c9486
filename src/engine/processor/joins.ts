import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { activateChild, liveChildren } from './lifecycle.js';

function tokensAt(scope: ElementInstanceRow, gatewayId: string): Record<string, number> {
  return { ...(scope.data.joins?.[gatewayId] ?? {}) };
}

function withTokens(scope: ElementInstanceRow, gatewayId: string, tokens: Record<string, number>, waitingDelta: number): ElementInstanceRow['data'] {
  return {
    ...scope.data,
    joins: { ...(scope.data.joins ?? {}), [gatewayId]: tokens },
    waitingTokens: Math.max(0, (scope.data.waitingTokens ?? 0) + waitingDelta),
  };
}

/**
 * A token arrives at a joining gateway. Parallel: fires once every incoming flow has been taken at
 * least once (counted per flow, extra tokens wait). Inclusive: fires when no live element of the scope
 * can still reach the gateway.
 */
export async function arriveAtJoin(ctx: ProcessingContext, scope: ElementInstanceRow, gateway: ElementModel, flowId: string): Promise<void> {
  const tokens = tokensAt(scope, gateway.id);
  tokens[flowId] = (tokens[flowId] ?? 0) + 1;
  let current = ctx.update(scope, { data: withTokens(scope, gateway.id, tokens, 1) });
  await tryFireJoin(ctx, current, gateway);
  current = (await ctx.instance(scope.key)) as ElementInstanceRow;
}

export async function tryFireJoin(ctx: ProcessingContext, scope: ElementInstanceRow, gateway: ElementModel): Promise<boolean> {
  const tokens = tokensAt(scope, gateway.id);
  const arrived = gateway.incoming.filter((id) => (tokens[id] ?? 0) > 0);
  let fire = false;
  if (gateway.type === 'parallelGateway') fire = arrived.length === gateway.incoming.length;
  else fire = arrived.length > 0 && !(await canStillArrive(ctx, scope, gateway, arrived));
  if (!fire) return false;
  for (const id of arrived) tokens[id] -= 1;
  ctx.update(scope, { data: withTokens(scope, gateway.id, tokens, -arrived.length) });
  await activateChild(ctx, scope.key, gateway);
  return true;
}

/** Whether a live element of the scope has a path to one of the gateway's not-yet-taken incoming flows. */
async function canStillArrive(ctx: ProcessingContext, scope: ElementInstanceRow, gateway: ElementModel, arrived: string[]): Promise<boolean> {
  const { model } = await ctx.model(scope.process_definition_key);
  const pending = new Set(gateway.incoming.filter((id) => !arrived.includes(id)));
  if (pending.size === 0) return false;
  const reaches = (start: string): boolean => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const element = model.elements.get(id);
      if (!element) continue;
      for (const flowId of element.outgoing) {
        if (pending.has(flowId)) return true;
        const target = model.flows.get(flowId)?.targetRef;
        if (target && target !== gateway.id) stack.push(target);
      }
      for (const boundaryId of element.boundaryEventIds) stack.push(boundaryId);
    }
    return false;
  };
  for (const child of await liveChildren(ctx, scope.key)) {
    if (reaches(child.element_id)) return true;
  }
  // Tokens waiting at other joins can also still arrive.
  for (const [otherId, waiting] of Object.entries(scope.data.joins ?? {})) {
    if (otherId !== gateway.id && Object.values(waiting).some((n) => n > 0) && reaches(otherId)) return true;
  }
  return false;
}
