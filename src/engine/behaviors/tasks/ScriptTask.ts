import { evaluateExpression, type JsonValue } from '../../feel/feel.js';
import { applyTaskResult } from '../../processor/jobs.js';
import { completeElement } from '../../processor/lifecycle.js';
import { visibleVariables } from '../../processor/variables.js';
import type { ElementBehavior } from '../behavior.js';

/** A script task with `zeebe:script`: the FEEL expression runs in the engine, no job. */
export const inlineScriptTaskBehavior: ElementBehavior = {
  async prepare(ctx, instance, element) {
    const script = element.script as NonNullable<typeof element.script>;
    return evaluateExpression(script.expression, await visibleVariables(ctx, instance.key));
  },
  async onActivated(ctx, instance, element, plan) {
    const script = element.script as NonNullable<typeof element.script>;
    await applyTaskResult(ctx, instance, element.outputs.length > 0, { [script.resultVariable]: plan as JsonValue });
    await completeElement(ctx, instance.key);
  },
};
