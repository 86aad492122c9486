import { evaluateString, ExpressionError, type JsonValue } from '../../feel/feel.js';
import { latestDecision } from '../../processor/decisions/decisionCatalog.js';
import { evaluateAndRecord } from '../../processor/decisions/recordEvaluation.js';
import { applyTaskResult } from '../../processor/jobs.js';
import { completeElement } from '../../processor/lifecycle.js';
import { visibleVariables } from '../../processor/variables.js';
import type { ElementBehavior } from '../behavior.js';

/**
 * A business rule task with `zeebe:calledDecision` (Zeebe's BusinessRuleTaskProcessor): the engine evaluates the
 * decision at activation and stores its output in the result variable. No decision for the id → CALLED_DECISION_ERROR;
 * a failed evaluation → DECISION_EVALUATION_ERROR; resolving the incident evaluates again with current variables.
 */
export const calledDecisionTaskBehavior: ElementBehavior = {
  async prepare(ctx, instance, element) {
    const called = element.calledDecision as NonNullable<typeof element.calledDecision>;
    const variables = await visibleVariables(ctx, instance.key);
    const decisionId = evaluateString(called.decisionId, variables);
    let decision = undefined;
    if (called.bindingType === 'deployment') {
      const { definition } = await ctx.model(instance.process_definition_key);
      decision = (await ctx.batch.find('decisions', { decision_id: decisionId, deployment_key: definition.deployment_key, tenant_id: instance.tenant_id }))[0];
    } else decision = await latestDecision(ctx, decisionId, instance.tenant_id);
    if (!decision) throw new ExpressionError(`Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`, 'CALLED_DECISION_ERROR');
    const result = await evaluateAndRecord(ctx, decision, variables, {
      processInstanceKey: instance.process_instance_key,
      processDefinitionKey: instance.process_definition_key,
      elementInstanceKey: instance.key,
    });
    if (result.failureMessage !== undefined) throw new ExpressionError(result.failureMessage, 'DECISION_EVALUATION_ERROR');
    return result.output;
  },
  async onActivated(ctx, instance, element, plan) {
    const called = element.calledDecision as NonNullable<typeof element.calledDecision>;
    await applyTaskResult(ctx, instance, element.outputs.length > 0, { [called.resultVariable]: plan as JsonValue });
    await completeElement(ctx, instance.key);
  },
};
