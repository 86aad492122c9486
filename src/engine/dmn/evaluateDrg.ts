import { withoutBigInts } from '../exactJson.js';
import type { JsonValue, Variables } from '../feel/feel.js';
import { DecisionFailure, evaluateDecisionExpression, satisfies, type FeelContext } from './decisionFeel.js';
import { applyHitPolicy, reportedRules, type MatchedRule } from './hitPolicy.js';
import type { DecisionModel, DecisionTable, DrgModel } from './model.js';

export interface EvaluatedInput {
  inputId: string;
  inputName: string;
  inputValue: JsonValue;
}

export interface EvaluatedOutput {
  outputId: string;
  outputName: string;
  outputValue: JsonValue;
}

export interface EvaluatedRule {
  ruleId: string;
  ruleIndex: number;
  evaluatedOutputs: EvaluatedOutput[];
}

export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionType: DecisionModel['logic']['kind'];
  output: JsonValue;
  evaluatedInputs: EvaluatedInput[];
  matchedRules: EvaluatedRule[];
}

export interface DrgEvaluation {
  /** The requested decision's result (null when it failed). */
  output: JsonValue;
  /** Required decisions first, in evaluation order, then the requested one (also when it failed). */
  evaluatedDecisions: EvaluatedDecision[];
  failedDecisionId?: string;
  failureMessage?: string;
}

/**
 * No matching rule: the outputs' default entries, as dmn-scala's applyDefaultOutputEntries (camunda/dmn-scala
 * DecisionTableEvaluator.scala) gives them: null when no output has one, the value when one has, else a
 * context of the outputs that have one.
 */
function defaultOutputs(table: DecisionTable, context: FeelContext): JsonValue {
  const defaults = table.outputs.flatMap((output) => (output.defaultValue === undefined ? [] : [[output.name, evaluateDecisionExpression(output.defaultValue, context)] as const]));
  if (defaults.length === 0) return null;
  if (defaults.length === 1) return defaults[0][1];
  return Object.fromEntries(defaults);
}

function evaluateTable(table: DecisionTable, context: FeelContext, evaluated: EvaluatedDecision): JsonValue {
  const inputValues = table.inputs.map((input) => {
    const value = evaluateDecisionExpression(input.expression, context);
    evaluated.evaluatedInputs.push({ inputId: input.id, inputName: input.name, inputValue: value });
    return value;
  });
  const matching = table.rules.flatMap((rule, r) => (rule.inputEntries.every((entry, i) => satisfies(entry, inputValues[i], context)) ? [{ rule, ruleIndex: r + 1 }] : []));
  if (matching.length === 0) return defaultOutputs(table, context);
  // Only the reported rules' output entries are evaluated (FIRST: the first rule's).
  const rules: MatchedRule[] = reportedRules(table, matching).map(({ rule, ruleIndex }) => ({ ruleId: rule.id, ruleIndex, values: rule.outputEntries.map((entry) => evaluateDecisionExpression(entry, context)) }));
  // Reported before the hit policy applies, so a failed UNIQUE or ANY still shows the rules that matched.
  evaluated.matchedRules = rules.map((rule) => ({
    ruleId: rule.ruleId,
    ruleIndex: rule.ruleIndex,
    evaluatedOutputs: table.outputs.map((output, i) => ({ outputId: output.id, outputName: output.name, outputValue: rule.values[i] })),
  }));
  return applyHitPolicy(table, rules);
}

/**
 * Evaluates a decision of a DRG with its required decisions (each once, depth first), as Zeebe's decision
 * engine does: a required decision's result is visible to its dependants under its result name.
 */
export function evaluateDrg(drg: DrgModel, decisionId: string, variables: Variables): DrgEvaluation {
  const byId = new Map(drg.decisions.map((d) => [d.id, d]));
  const context: FeelContext = { ...withoutBigInts(variables) };
  const evaluatedDecisions: EvaluatedDecision[] = [];
  const done = new Set<string>();
  const run = (decision: DecisionModel): JsonValue => {
    for (const requiredId of decision.requiredDecisionIds) {
      if (done.has(requiredId)) continue;
      const required = byId.get(requiredId) as DecisionModel;
      context[required.resultName] = run(required);
    }
    done.add(decision.id);
    const evaluated: EvaluatedDecision = { decisionId: decision.id, decisionName: decision.name, decisionType: decision.logic.kind, output: null, evaluatedInputs: [], matchedRules: [] };
    evaluatedDecisions.push(evaluated);
    try {
      evaluated.output = decision.logic.kind === 'DECISION_TABLE'
        ? evaluateTable(decision.logic, context, evaluated)
        : evaluateDecisionExpression(decision.logic.expression, context);
    } catch (error) {
      if (error instanceof DecisionFailure) (error as DecisionFailure & { decisionId?: string }).decisionId ??= decision.id;
      throw error;
    }
    return evaluated.output;
  };
  const root = byId.get(decisionId);
  if (!root) throw new Error(`Decision '${decisionId}' is not in the DRG '${drg.id}'`);
  try {
    return { output: run(root), evaluatedDecisions };
  } catch (error) {
    if (!(error instanceof DecisionFailure)) throw error;
    return {
      output: null,
      evaluatedDecisions,
      failedDecisionId: (error as DecisionFailure & { decisionId?: string }).decisionId ?? decisionId,
      failureMessage: `Expected to evaluate decision '${decisionId}', but ${error.message}`,
    };
  }
}
