import { reject } from '../../errors.js';
import type { Variables } from '../../feel/feel.js';
import type { Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { latestDecision } from './decisionCatalog.js';
import { evaluateAndRecord, type DecisionEvaluationResult } from './recordEvaluation.js';

export interface EvaluateDecisionCommand {
  type: 'evaluateDecision';
  decisionKey?: Key;
  decisionId?: string;
  variables: Variables;
  tenantId?: string;
}

/** EvaluateDecision (gRPC) and POST /v2/decision-definitions/evaluation, with Zeebe's rejections. */
export async function evaluateDecision(ctx: ProcessingContext, command: EvaluateDecisionCommand): Promise<DecisionEvaluationResult> {
  const tenantId = command.tenantId || '<default>';
  if (command.decisionKey !== undefined && command.decisionKey > 0) {
    const decision = await ctx.batch.get('decisions', command.decisionKey);
    if (!decision || decision.tenant_id !== tenantId) {
      reject('NOT_FOUND', `Expected to evaluate decision '${command.decisionKey}', but no decision found for key '${command.decisionKey}'`);
    }
    return evaluateAndRecord(ctx, decision, command.variables);
  }
  if (!command.decisionId) reject('INVALID_ARGUMENT', 'Expected either a decision id or a valid decision key, but none provided');
  const decision = await latestDecision(ctx, command.decisionId, tenantId);
  if (!decision) reject('NOT_FOUND', `Expected to evaluate decision '${command.decisionId}', but no decision found for id '${command.decisionId}'`);
  return evaluateAndRecord(ctx, decision, command.variables);
}
