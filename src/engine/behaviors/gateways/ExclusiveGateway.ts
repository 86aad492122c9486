import { evaluateBoolean, ExpressionError } from '../../feel/feel.js';
import { completeElement } from '../../processor/lifecycle.js';
import { visibleVariables } from '../../processor/variables.js';
import type { ElementBehavior } from '../behavior.js';

/** First flow (in XML order) whose condition is true; the default is never evaluated. */
export const exclusiveGatewayBehavior: ElementBehavior = {
  async prepare(ctx, instance, element) {
    if (element.outgoing.length === 0) return [];
    const { model } = await ctx.model(instance.process_definition_key);
    const variables = await visibleVariables(ctx, instance.key);
    for (const flowId of element.outgoing) {
      const flow = model.flows.get(flowId);
      if (!flow || flowId === element.defaultFlowId) continue;
      if (!flow.condition || evaluateBoolean(flow.condition, variables)) return [flowId];
    }
    if (element.defaultFlowId) return [element.defaultFlowId];
    throw new ExpressionError(
      `Expected at least one condition to evaluate to true, or to have a default flow`,
      'CONDITION_ERROR',
    );
  },
  async onActivated(ctx, instance, _element, plan) {
    ctx.update(instance, { data: { ...instance.data, flows: plan as string[] } });
    await completeElement(ctx, instance.key);
  },
  outgoing(instance) {
    return instance.data.flows ?? [];
  },
};
