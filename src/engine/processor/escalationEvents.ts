import type { ElementInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { findCatch, startOf, triggerCatch } from './errorEvents.js';

/**
 * Escalations are caught in the nearest enclosing scope. A non-interrupting catch lets the thrower go on;
 * an interrupting one ends it. Uncaught: no incident, execution continues.
 */
export async function throwEscalation(ctx: ProcessingContext, thrower: ElementInstanceRow, code: string): Promise<void> {
  const scope = await ctx.instance(thrower.flow_scope_key);
  if (!scope) return;
  const found = await findCatch(ctx, scope, code, 'escalation');
  if (!found) return;
  const { model } = await ctx.model(found.via === 'boundary' ? found.activity.process_definition_key : found.scope.process_definition_key);
  const trigger = found.catchElement.type === 'subProcess' ? startOf(model, found.catchElement, 'escalation') : found.catchElement;
  await triggerCatch(ctx, found, {}, trigger?.cancelActivity ?? true);
}
