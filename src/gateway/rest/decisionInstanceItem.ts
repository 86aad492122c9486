import { parseExactJson, stringifyExactJson } from '../../engine/exactJson.js';
import type { JsonValue } from '../../engine/feel/feel.js';
import { iso, keyOrNull } from './values.js';

/** A `decision_instances` row as SQLite returns it: the JSON columns still as text. */
export interface StoredDecisionInstance {
  key: number;
  evaluation_key: number;
  evaluation_index: number;
  decision_key: number;
  decision_id: string;
  decision_name: string;
  decision_version: number;
  decision_type: string;
  root_decision_key: number;
  decision_requirements_key: number;
  state: string;
  failure: string | null;
  result: string;
  evaluated_inputs: string;
  matched_rules: string;
  evaluation_date: number;
  process_instance_key: number | null;
  process_definition_key: number | null;
  element_instance_key: number | null;
  tenant_id: string;
}

export interface StoredInput {
  inputId: string;
  inputName: string;
  inputValue: JsonValue;
}

export interface StoredRule {
  ruleId: string;
  ruleIndex: number;
  evaluatedOutputs: { outputId: string; outputName: string; outputValue: JsonValue }[];
}

/** The `<evaluationKey>-<index>` id Camunda 8.9 gives each decision of an evaluation. */
export const evaluationInstanceKey = (row: Pick<StoredDecisionInstance, 'evaluation_key' | 'evaluation_index'>): string => `${row.evaluation_key}-${row.evaluation_index}`;

/**
 * The 8.9 DecisionInstanceResult: keys as strings, `result` as JSON text, the fields of a standalone
 * evaluation's process (and of a success's failure) null. `rootProcessInstanceKey` is filled by the caller.
 */
export function decisionInstanceItem(row: StoredDecisionInstance) {
  return {
    decisionDefinitionId: row.decision_id,
    decisionDefinitionKey: String(row.decision_key),
    decisionDefinitionName: row.decision_name,
    decisionDefinitionType: row.decision_type,
    decisionDefinitionVersion: row.decision_version,
    decisionEvaluationInstanceKey: evaluationInstanceKey(row),
    decisionEvaluationKey: String(row.evaluation_key),
    elementInstanceKey: keyOrNull(row.element_instance_key),
    evaluationDate: iso(row.evaluation_date),
    evaluationFailure: row.failure,
    processDefinitionKey: keyOrNull(row.process_definition_key),
    processInstanceKey: keyOrNull(row.process_instance_key),
    result: row.result,
    rootDecisionDefinitionKey: String(row.root_decision_key),
    rootProcessInstanceKey: null as string | null,
    state: row.state,
    tenantId: row.tenant_id,
  };
}

/** The 8.9 DecisionInstanceGetQueryResult adds the evaluated inputs and matched rules, values as JSON text. */
export function decisionInstanceDetails(row: StoredDecisionInstance) {
  const inputs = parseExactJson(row.evaluated_inputs) as StoredInput[];
  const rules = parseExactJson(row.matched_rules) as StoredRule[];
  return {
    ...decisionInstanceItem(row),
    evaluatedInputs: evaluatedInputsItem(inputs),
    matchedRules: matchedRulesItem(rules),
  };
}

/** Evaluated inputs as 8.9 answers them (evaluation and decision instance alike): values as JSON text. */
export function evaluatedInputsItem(inputs: StoredInput[]) {
  return inputs.map((i) => ({ inputId: i.inputId, inputName: i.inputName, inputValue: stringifyExactJson(i.inputValue) }));
}

/** Matched rules as 8.9 answers them: each evaluated output as JSON text, with the rule it came from. */
export function matchedRulesItem(rules: StoredRule[]) {
  return rules.map((rule) => ({
    ruleId: rule.ruleId,
    ruleIndex: rule.ruleIndex,
    evaluatedOutputs: rule.evaluatedOutputs.map((o) => ({ outputId: o.outputId, outputName: o.outputName, outputValue: stringifyExactJson(o.outputValue), ruleId: rule.ruleId, ruleIndex: rule.ruleIndex })),
  }));
}
