import { evaluateDrg, type DrgEvaluation } from '../../dmn/evaluateDrg.js';
import type { JsonValue, Variables } from '../../feel/feel.js';
import type { DecisionInstanceRow, DecisionRow, Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { drgModel } from './decisionCatalog.js';

export interface EvaluatedDecisionResult {
  decisionKey: Key;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionType: string;
  output: JsonValue;
  evaluatedInputs: { inputId: string; inputName: string; inputValue: JsonValue }[];
  matchedRules: { ruleId: string; ruleIndex: number; evaluatedOutputs: { outputId: string; outputName: string; outputValue: JsonValue }[] }[];
  tenantId: string;
  /** `<evaluationKey>-<index>`, the decision instance's id in Operate and REST. */
  decisionEvaluationInstanceKey: string;
}

/** What EvaluateDecision answers and a business rule task reads. */
export interface DecisionEvaluationResult {
  /** The evaluation's key (Zeebe: decisionInstanceKey in gRPC, decisionEvaluationKey in REST). */
  evaluationKey: Key;
  decision: DecisionRow;
  output: JsonValue;
  evaluatedDecisions: EvaluatedDecisionResult[];
  failedDecisionId?: string;
  failureMessage?: string;
}

export interface EvaluationOrigin {
  processInstanceKey: Key;
  processDefinitionKey: Key;
  elementInstanceKey: Key;
}

/**
 * Evaluates a deployed decision with its required decisions and records the evaluation (a DECISION_EVALUATION
 * EVALUATED or FAILED event, and one decision instance per evaluated decision). A failure is a result, not a
 * rejection, as in Zeebe: EvaluateDecision answers it, a business rule task turns it into an incident.
 */
export async function evaluateAndRecord(ctx: ProcessingContext, decision: DecisionRow, variables: Variables, origin?: EvaluationOrigin): Promise<DecisionEvaluationResult> {
  const requirements = await ctx.batch.get('decision_requirements', decision.decision_requirements_key);
  if (!requirements) throw new Error(`Decision requirements ${decision.decision_requirements_key} of decision ${decision.key} not found`);
  const drg = await drgModel(requirements);
  const evaluation: DrgEvaluation = evaluateDrg(drg, decision.decision_id, variables);
  const evaluationKey = ctx.key();
  const siblings = await ctx.batch.find('decisions', { decision_requirements_key: requirements.key });
  const evaluatedDecisions: EvaluatedDecisionResult[] = [];
  evaluation.evaluatedDecisions.forEach((evaluated, i) => {
    const row = siblings.find((d) => d.decision_id === evaluated.decisionId) ?? decision;
    const failed = evaluation.failedDecisionId === evaluated.decisionId;
    const instance: DecisionInstanceRow = {
      key: i === 0 ? evaluationKey : ctx.key(),
      evaluation_key: evaluationKey,
      evaluation_index: i + 1,
      decision_key: row.key,
      decision_id: row.decision_id,
      decision_name: row.name,
      decision_version: row.version,
      decision_type: evaluated.decisionType,
      root_decision_key: decision.key,
      decision_requirements_key: requirements.key,
      state: failed ? 'FAILED' : 'EVALUATED',
      failure: failed ? (evaluation.failureMessage ?? null) : null,
      result: evaluated.output,
      evaluated_inputs: evaluated.evaluatedInputs as unknown as JsonValue,
      matched_rules: evaluated.matchedRules as unknown as JsonValue,
      evaluation_date: ctx.now(),
      process_instance_key: origin?.processInstanceKey ?? null,
      process_definition_key: origin?.processDefinitionKey ?? null,
      element_instance_key: origin?.elementInstanceKey ?? null,
      tenant_id: decision.tenant_id,
    };
    ctx.batch.put('decision_instances', instance);
    evaluatedDecisions.push({
      decisionKey: row.key,
      decisionId: row.decision_id,
      decisionName: row.name,
      decisionVersion: row.version,
      decisionType: evaluated.decisionType,
      output: evaluated.output,
      evaluatedInputs: evaluated.evaluatedInputs,
      matchedRules: evaluated.matchedRules,
      tenantId: decision.tenant_id,
      decisionEvaluationInstanceKey: `${evaluationKey}-${i + 1}`,
    });
  });
  const failed = evaluation.failedDecisionId !== undefined;
  ctx.event('DECISION_EVALUATION', failed ? 'FAILED' : 'EVALUATED', evaluationKey, {
    decisionKey: decision.key,
    decisionId: decision.decision_id,
    decisionVersion: decision.version,
    decisionOutput: evaluation.output,
    failedDecisionId: evaluation.failedDecisionId ?? '',
    evaluationFailureMessage: evaluation.failureMessage ?? '',
    tenantId: decision.tenant_id,
    ...(origin ?? {}),
  }, origin?.processInstanceKey ?? null);
  return { evaluationKey, decision, output: evaluation.output, evaluatedDecisions, failedDecisionId: evaluation.failedDecisionId, failureMessage: evaluation.failureMessage };
}
