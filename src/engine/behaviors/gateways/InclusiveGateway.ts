import { evaluateBoolean, ExpressionError } from '../../feel/feel.js';
import { completeElement } from '../../processor/lifecycle.js';
import { visibleVariables } from '../../processor/variables.js';
import type { ElementBehavior } from '../behavior.js';

/** Every flow whose condition is true; the default only when none is. */
export const inclusiveGatewayBehavior: ElementBehavior = {
  async prepare(ctx, instance, element) {
    if (element.outgoing.length <= 1) return element.outgoing;
    const { model } = await ctx.model(instance.process_definition_key);
    const variables = await visibleVariables(ctx, instance.key);
    const taken = element.outgoing.filter((flowId) => {
      const flow = model.flows.get(flowId);
      return flowId !== element.defaultFlowId && (!flow?.condition || evaluateBoolean(flow.condition, variables));
    });
    if (taken.length > 0) return taken;
    if (element.defaultFlowId) return [element.defaultFlowId];
    throw new ExpressionError('Expected at least one condition to evaluate to true, or to have a default flow', 'CONDITION_ERROR');
  },
  async onActivated(ctx, instance, _element, plan) {
    ctx.update(instance, { data: { ...instance.data, flows: plan as string[] } });
    await completeElement(ctx, instance.key);
  },
  outgoing(instance) {
    return instance.data.flows ?? [];
  },
};
