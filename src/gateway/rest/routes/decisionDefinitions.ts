import Router from '@koa/router';
import { stringifyExactJson } from '../../../engine/exactJson.js';
import type { Variables } from '../../../engine/feel/feel.js';
import type { DecisionEvaluationResult } from '../../../engine/processor/decisions/recordEvaluation.js';
import { evaluatedInputsItem, matchedRulesItem } from '../decisionInstanceItem.js';
import type { RestDeps, RestState } from '../RestState.js';
import { badRequest } from '../problems.js';
import { optionalString, parseVariablesObject, requireBody } from '../values.js';

/** The 8.9 EvaluateDecisionResult: values as JSON text, keys as strings, failure fields null on success. */
function evaluationBody(result: DecisionEvaluationResult): Record<string, unknown> {
  const { decision } = result;
  return {
    decisionDefinitionId: decision.decision_id,
    decisionDefinitionKey: String(decision.key),
    decisionDefinitionName: decision.name,
    decisionDefinitionVersion: decision.version,
    decisionEvaluationKey: String(result.evaluationKey),
    decisionInstanceKey: String(result.evaluationKey),
    decisionRequirementsId: decision.decision_requirements_id,
    decisionRequirementsKey: String(decision.decision_requirements_key),
    evaluatedDecisions: result.evaluatedDecisions.map((e) => ({
      decisionDefinitionId: e.decisionId,
      decisionDefinitionName: e.decisionName,
      decisionDefinitionVersion: e.decisionVersion,
      decisionDefinitionType: e.decisionType,
      output: stringifyExactJson(e.output),
      tenantId: e.tenantId,
      matchedRules: matchedRulesItem(e.matchedRules),
      evaluatedInputs: evaluatedInputsItem(e.evaluatedInputs),
      decisionDefinitionKey: String(e.decisionKey),
      decisionEvaluationInstanceKey: e.decisionEvaluationInstanceKey,
    })),
    failedDecisionDefinitionId: result.failedDecisionId ?? null,
    failureMessage: result.failureMessage ?? null,
    output: stringifyExactJson(result.output),
    tenantId: decision.tenant_id,
  };
}

/** POST /v2/decision-definitions/evaluation: by `decisionDefinitionKey` or `decisionDefinitionId` (latest version). */
export function decisionDefinitionsRouter(_deps: RestDeps): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/decision-definitions' });
  router.post('/evaluation', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const key = optionalString(body, 'decisionDefinitionKey');
    const id = optionalString(body, 'decisionDefinitionId');
    if (key !== undefined && id !== undefined) badRequest("Only one of 'decisionDefinitionKey' and 'decisionDefinitionId' may be given");
    if (key === undefined && id === undefined) badRequest("One of 'decisionDefinitionKey' or 'decisionDefinitionId' is required");
    if (key !== undefined && !/^[0-9]+$/.test(key)) badRequest(`'decisionDefinitionKey' must be a numeric key, got '${key}'`);
    const result = await ctx.state.execute<DecisionEvaluationResult>({
      type: 'evaluateDecision',
      decisionKey: key === undefined ? undefined : Number(key),
      decisionId: id,
      variables: parseVariablesObject(body.variables) as Variables,
      tenantId: optionalString(body, 'tenantId'),
    });
    ctx.body = evaluationBody(result);
  });
  return router;
}
