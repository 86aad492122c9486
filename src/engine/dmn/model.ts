/** A deployed DMN resource as the engine evaluates it (one decision requirements graph, DRG). */

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface TableInput {
  id: string;
  /** Zeebe reports the label, else the expression text, as the input's name. */
  name: string;
  expression: string;
}

export interface TableOutput {
  id: string;
  name: string;
  /** `outputValues` as FEEL unary-test text: PRIORITY and OUTPUT ORDER rank rules by its order. */
  values: string | undefined;
  /** `defaultOutputEntry` as FEEL expression text: the output's value when no rule matches. */
  defaultValue: string | undefined;
}

export interface TableRule {
  /** The rule's id; Zeebe synthesises one when the rule has none. */
  id: string;
  inputEntries: string[];
  outputEntries: string[];
}

export interface DecisionTable {
  kind: 'DECISION_TABLE';
  hitPolicy: HitPolicy;
  aggregation: Aggregation | undefined;
  inputs: TableInput[];
  outputs: TableOutput[];
  rules: TableRule[];
}

export interface LiteralExpression {
  kind: 'LITERAL_EXPRESSION';
  expression: string;
}

export interface DecisionModel {
  id: string;
  name: string;
  logic: DecisionTable | LiteralExpression;
  /** The variable under which dependent decisions read this decision's result (its `variable` name, else its id). */
  resultName: string;
  /** Ids of the decisions this one requires (informationRequirement/requiredDecision). */
  requiredDecisionIds: string[];
}

export interface DrgModel {
  id: string;
  name: string;
  decisions: DecisionModel[];
}
