import type { Variables } from '../feel/feel.js';
import type { ProcessInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { applyTaskResult } from './jobs.js';
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
  // As a job's result: local when output-mapped, else propagated from the call activity's own scope,
  // so a local of a multi-instance iteration (its output element) takes the value.
  if (propagateAll || element.outputs.length > 0) await applyTaskResult(ctx, callActivity, element.outputs.length > 0, variables);
  await completeElement(ctx, callActivity.key);
}
