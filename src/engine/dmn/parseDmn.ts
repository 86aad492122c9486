import { DmnModdle, type DmnElement } from 'dmn-moddle';
import { parseUnaryTests } from 'feelin';
import { findSyntaxProblem } from '../feel/syntax.js';
import type { Aggregation, DecisionModel, DecisionTable, DrgModel, HitPolicy } from './model.js';

const moddle = new DmnModdle();

/**
 * dmn-moddle reads DMN 1.3; Zeebe (dmn-scala) also takes DMN 1.1 and 1.2 files, whose decision tables and
 * literal expressions have the same shape, so their model namespace is read as 1.3's.
 */
const OLDER_MODEL_NAMESPACES = ['http://www.omg.org/spec/DMN/20151101/dmn.xsd', 'http://www.omg.org/spec/DMN/20180521/MODEL/'];
const DMN13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

const HIT_POLICIES: HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS: Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

export interface DmnProblem {
  elementId: string;
  message: string;
}

export interface ParsedDrg {
  drg?: DrgModel;
  problems: DmnProblem[];
}

type El = DmnElement & Record<string, any>;

function text(element: El | undefined): string {
  return String(element?.text ?? '').trim();
}

/** Unary tests: empty or `-` match anything; otherwise they must parse. */
function unaryTestsProblem(source: string): string | undefined {
  if (source === '' || source === '-') return undefined;
  let problem: string | undefined;
  parseUnaryTests(source, {}, undefined).iterate({
    enter(ref) {
      if (ref.node.type.isError) problem = `failed to parse unary-tests '${source}' at character ${ref.node.from + 1}`;
      return !problem;
    },
  });
  return problem;
}

function expressionProblem(source: string, emptyAllowed: boolean): string | undefined {
  if (source === '') return emptyAllowed ? undefined : 'the expression is empty';
  const problem = findSyntaxProblem(source, {});
  return problem && `failed to parse expression '${source}': ${problem}`;
}

function table(decisionId: string, element: El, problems: DmnProblem[]): DecisionTable {
  const hitPolicy = String(element.hitPolicy ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) problems.push({ elementId: decisionId, message: `hit policy '${hitPolicy}' is not supported` });
  const aggregation = element.aggregation === undefined ? undefined : (String(element.aggregation) as Aggregation);
  if (aggregation !== undefined && !AGGREGATIONS.includes(aggregation)) problems.push({ elementId: decisionId, message: `aggregation '${aggregation}' is not supported` });
  if (aggregation !== undefined && hitPolicy !== 'COLLECT') problems.push({ elementId: decisionId, message: `an aggregation ('${aggregation}') is only allowed with the hit policy COLLECT, not ${hitPolicy}` });
  const inputs = ((element.input ?? []) as El[]).map((input, i) => {
    const expression = text(input.inputExpression as El);
    const problem = expressionProblem(expression, false);
    if (problem) problems.push({ elementId: String(input.id ?? decisionId), message: `input ${i + 1}: ${problem}` });
    return { id: String(input.id ?? `input_${i + 1}`), name: String(input.label ?? '') || expression, expression };
  });
  const outputs = ((element.output ?? []) as El[]).map((output, i) => {
    const defaultValue = output.defaultOutputEntry ? text(output.defaultOutputEntry as El) : undefined;
    const problem = defaultValue === undefined ? undefined : expressionProblem(defaultValue, true);
    if (problem) problems.push({ elementId: String(output.id ?? decisionId), message: `default output: ${problem}` });
    return {
      id: String(output.id ?? `output_${i + 1}`),
      name: String(output.name ?? ''),
      values: output.outputValues ? text(output.outputValues as El) : undefined,
      defaultValue: defaultValue === '' ? undefined : defaultValue,
    };
  });
  if (outputs.length === 0) problems.push({ elementId: decisionId, message: 'the decision table has no output' });
  if (outputs.length > 1 && outputs.some((o) => o.name === '')) problems.push({ elementId: decisionId, message: 'a decision table with several outputs needs a name on every output' });
  if (aggregation !== undefined && outputs.length > 1) problems.push({ elementId: decisionId, message: `the aggregation ${aggregation} needs exactly one output, but the table has ${outputs.length}` });
  const rules = ((element.rule ?? []) as El[]).map((rule, r) => {
    // Zeebe (8.8+) names a rule without an id after its decision and 1-based index.
    const id = String(rule.id ?? `ZB_SYNTH_RULE_ID_${decisionId}_v1_r${r + 1}`);
    const inputEntries = ((rule.inputEntry ?? []) as El[]).map(text);
    const outputEntries = ((rule.outputEntry ?? []) as El[]).map(text);
    if (inputEntries.length !== inputs.length) problems.push({ elementId: id, message: `the rule has ${inputEntries.length} input entries, but the table has ${inputs.length} inputs` });
    if (outputEntries.length !== outputs.length) problems.push({ elementId: id, message: `the rule has ${outputEntries.length} output entries, but the table has ${outputs.length} outputs` });
    for (const entry of inputEntries) {
      const problem = unaryTestsProblem(entry);
      if (problem) problems.push({ elementId: id, message: problem });
    }
    for (const entry of outputEntries) {
      const problem = expressionProblem(entry, true);
      if (problem) problems.push({ elementId: id, message: problem });
    }
    return { id, inputEntries, outputEntries };
  });
  return { kind: 'DECISION_TABLE', hitPolicy, aggregation, inputs, outputs, rules };
}

function decision(element: El, problems: DmnProblem[]): DecisionModel | undefined {
  const id = String(element.id ?? '');
  if (id === '') {
    problems.push({ elementId: '', message: `a decision ('${String(element.name ?? '')}') has no id` });
    return undefined;
  }
  const logicElement = element.decisionLogic as El | undefined;
  let logic: DecisionModel['logic'];
  if (logicElement?.$type === 'dmn:DecisionTable') logic = table(id, logicElement, problems);
  else if (logicElement?.$type === 'dmn:LiteralExpression') {
    const expression = text(logicElement);
    const problem = expressionProblem(expression, false);
    if (problem) problems.push({ elementId: id, message: problem });
    logic = { kind: 'LITERAL_EXPRESSION', expression };
  } else {
    problems.push({ elementId: id, message: logicElement ? `decision logic '${logicElement.$type}' is not supported (expected a decision table or a literal expression)` : 'the decision has no decision table or literal expression' });
    return undefined;
  }
  const requiredDecisionIds = ((element.informationRequirement ?? []) as El[])
    .map((requirement) => String((requirement.requiredDecision as El | undefined)?.href ?? ''))
    .filter((href) => href !== '')
    .map((href) => href.replace(/^#/, ''));
  const variableName = String((element.variable as El | undefined)?.name ?? '');
  return { id, name: String(element.name ?? id), logic, resultName: variableName || id, requiredDecisionIds };
}

function findCycle(decisions: Map<string, DecisionModel>): string | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): string | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return id;
    state.set(id, 'visiting');
    for (const required of decisions.get(id)?.requiredDecisionIds ?? []) {
      const cycle = visit(required);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of decisions.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Parses and checks a .dmn resource; nothing of it is deployed when a problem is found. */
export async function parseDmn(xml: string): Promise<ParsedDrg> {
  let source = xml;
  for (const namespace of OLDER_MODEL_NAMESPACES) source = source.replaceAll(`"${namespace}"`, `"${DMN13}"`);
  let root: El;
  try {
    const result = await moddle.fromXML(source, 'dmn:Definitions');
    root = result.rootElement as El;
  } catch (error) {
    const first = ((error as { warnings?: { message: string }[] }).warnings ?? [])[0]?.message.split('\n')[0];
    return { problems: [{ elementId: '', message: `the resource is not a DMN 1.1-1.3 document: ${first ?? (error as Error).message}` }] };
  }
  const problems: DmnProblem[] = [];
  const id = String(root.id ?? '');
  if (id === '') problems.push({ elementId: '', message: "the 'definitions' element has no id" });
  const decisions = new Map<string, DecisionModel>();
  for (const element of (root.drgElement ?? []) as El[]) {
    if (element.$type !== 'dmn:Decision') continue;
    const parsed = decision(element, problems);
    if (!parsed) continue;
    if (decisions.has(parsed.id)) problems.push({ elementId: parsed.id, message: `the decision id '${parsed.id}' is used twice` });
    decisions.set(parsed.id, parsed);
  }
  if (decisions.size === 0 && problems.length === 0) problems.push({ elementId: id, message: 'the DMN resource contains no decision' });
  for (const parsed of decisions.values()) {
    for (const required of parsed.requiredDecisionIds) {
      if (!decisions.has(required)) problems.push({ elementId: parsed.id, message: `the required decision '${required}' is not in this resource` });
    }
  }
  const cycle = findCycle(decisions);
  if (cycle) problems.push({ elementId: cycle, message: `the decision '${cycle}' requires itself through its required decisions (a cycle)` });
  if (problems.length > 0) return { problems };
  return { drg: { id, name: String(root.name ?? id), decisions: [...decisions.values()] }, problems };
}
