import type { Variables } from '../feel/feel.js';
import type { ProcessInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { completeElement } from './lifecycle.js';

/**
 * A called child instance ended. Completed: its root variables go back to the call activity
 * (propagateAllChildVariables, narrowed by output mappings) and the call activity completes.
 * Terminated by its parent: nothing returns.
 */
export async function parentCallEnded(ctx: ProcessingContext, child: ProcessInstanceRow, completed: boolean, variables: Variables): Promise<void> {
  if (!completed) return;
  const callActivity = await ctx.instance(child.parent_element_instance_key);
  if (!callActivity || callActivity.state !== 'ACTIVATED') return;
  const element = await ctx.element(callActivity);
  const propagateAll = element.calledElement?.propagateAllChildVariables ?? true;
  const payload = propagateAll || element.outputs.length > 0 ? variables : {};
  ctx.update(callActivity, { data: { ...callActivity.data, eventVariables: payload } });
  if (element.outputs.length > 0) {
    const { setLocalVariables } = await import('./variables.js');
    await setLocalVariables(ctx, callActivity.key, callActivity.process_instance_key, payload, callActivity.tenant_id);
    const fresh = await ctx.instance(callActivity.key);
    if (fresh) ctx.update(fresh, { data: { ...fresh.data, eventVariables: undefined } });
  }
  await completeElement(ctx, callActivity.key);
}
