import { stringifyExactJson } from '../../engine/exactJson.js';
import type { DeployedResource } from '../../engine/processor/commands/deploy.js';
import type { DecisionEvaluationResult } from '../../engine/processor/decisions/recordEvaluation.js';

type Wire = Record<string, unknown>;

/** One `Deployment` of DeployResourceResponse: exactly one of its `Metadata` oneof fields set. */
export function wireDeployment(d: DeployedResource): Wire {
  if ('process' in d) return { process: { ...d.process, processDefinitionKey: String(d.process.processDefinitionKey) } };
  if ('form' in d) return { form: { ...d.form, formKey: String(d.form.formKey) } };
  if ('decision' in d) {
    return {
      decision: {
        dmnDecisionId: d.decision.decisionId,
        dmnDecisionName: d.decision.decisionName,
        version: d.decision.version,
        decisionKey: String(d.decision.decisionKey),
        dmnDecisionRequirementsId: d.decision.decisionRequirementsId,
        decisionRequirementsKey: String(d.decision.decisionRequirementsKey),
        tenantId: d.decision.tenantId,
      },
    };
  }
  return {
    decisionRequirements: {
      dmnDecisionRequirementsId: d.decisionRequirements.decisionRequirementsId,
      dmnDecisionRequirementsName: d.decisionRequirements.decisionRequirementsName,
      version: d.decisionRequirements.version,
      decisionRequirementsKey: String(d.decisionRequirements.decisionRequirementsKey),
      resourceName: d.decisionRequirements.resourceName,
      tenantId: d.decisionRequirements.tenantId,
    },
  };
}

/** EvaluateDecisionResponse: values (outputs, inputs) travel as JSON text; a failure fills failedDecisionId/failureMessage. */
export function wireEvaluation(result: DecisionEvaluationResult): Wire {
  const { decision } = result;
  return {
    decisionKey: String(decision.key),
    decisionId: decision.decision_id,
    decisionName: decision.name,
    decisionVersion: decision.version,
    decisionRequirementsId: decision.decision_requirements_id,
    decisionRequirementsKey: String(decision.decision_requirements_key),
    decisionOutput: stringifyExactJson(result.output),
    evaluatedDecisions: result.evaluatedDecisions.map((e) => ({
      decisionKey: String(e.decisionKey),
      decisionId: e.decisionId,
      decisionName: e.decisionName,
      decisionVersion: e.decisionVersion,
      decisionType: e.decisionType,
      decisionOutput: stringifyExactJson(e.output),
      matchedRules: e.matchedRules.map((rule) => ({
        ruleId: rule.ruleId,
        ruleIndex: rule.ruleIndex,
        evaluatedOutputs: rule.evaluatedOutputs.map((o) => ({ outputId: o.outputId, outputName: o.outputName, outputValue: stringifyExactJson(o.outputValue) })),
      })),
      evaluatedInputs: e.evaluatedInputs.map((i) => ({ inputId: i.inputId, inputName: i.inputName, inputValue: stringifyExactJson(i.inputValue) })),
      tenantId: e.tenantId,
    })),
    failedDecisionId: result.failedDecisionId ?? '',
    failureMessage: result.failureMessage ?? '',
    tenantId: decision.tenant_id,
    decisionInstanceKey: String(result.evaluationKey),
  };
}
