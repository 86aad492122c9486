import { checkExpressionSyntax } from '../feel/feel.js';
import type { ModelProblem } from './parse.js';
import type { ElementModel, ProcessModel } from './types.js';

/**
 * Element kinds (and event definitions) the engine executes. Anything else is refused at deploy
 * time with the element id, never skipped at run time.
 */
const supported: Record<string, string[]> = {
  process: ['none'],
  subProcess: ['none'],
  startEvent: ['none'],
  endEvent: ['none', 'error', 'terminate', 'escalation'],
  intermediateThrowEvent: ['none'],
  boundaryEvent: ['error'],
  serviceTask: ['none'],
  sendTask: ['none'],
  scriptTask: ['none'],
  businessRuleTask: ['none'],
  task: ['none'],
  manualTask: ['none'],
  exclusiveGateway: ['none'],
  parallelGateway: ['none'],
  inclusiveGateway: ['none'],
};

/** Lets later parts of the engine declare what they add (timers, messages, user tasks, ...). */
export function declareSupported(type: string, eventKinds: string[]): void {
  supported[type] = [...new Set([...(supported[type] ?? []), ...eventKinds])];
}

export interface ElementCheck {
  (element: ElementModel, model: ProcessModel): string[];
}
const extraChecks: ElementCheck[] = [];
export function addElementCheck(check: ElementCheck): void {
  extraChecks.push(check);
}

function expressionsOf(element: ElementModel): string[] {
  const list: string[] = [];
  if (element.taskDefinition) list.push(element.taskDefinition.type, element.taskDefinition.retries);
  for (const m of [...element.inputs, ...element.outputs]) list.push(m.source);
  if (element.script) list.push(element.script.expression);
  if (element.calledDecision) list.push(element.calledDecision.decisionId);
  const d = element.eventDefinition;
  if (d.kind === 'timer') list.push(d.timeDate ?? '', d.timeDuration ?? '', d.timeCycle ?? '');
  if (d.kind === 'message' && d.correlationKey) list.push(d.correlationKey);
  if (element.loop) list.push(element.loop.inputCollection ?? '', element.loop.outputElement ?? '', element.loop.completionCondition ?? '');
  if (element.userTask) {
    const u = element.userTask;
    list.push(u.assignee ?? '', u.candidateGroups ?? '', u.candidateUsers ?? '', u.dueDate ?? '', u.followUpDate ?? '', u.priority ?? '');
  }
  if (element.calledElement) list.push(element.calledElement.processId);
  return list.filter(Boolean);
}

const JOB_TASKS = ['serviceTask', 'sendTask', 'businessRuleTask'];

/** Zeebe: a business rule task has either a task definition (a job) or a called decision with a result variable. */
function checkCalledDecision(called: NonNullable<ElementModel['calledDecision']>): string[] {
  const errors: string[] = [];
  if (!called.decisionId) errors.push("Attribute 'decisionId' must be present on 'zeebe:calledDecision'");
  if (!called.resultVariable) errors.push("Attribute 'resultVariable' must be present on 'zeebe:calledDecision'");
  if (!['latest', 'deployment'].includes(called.bindingType)) errors.push(`Binding type '${called.bindingType}' of 'zeebe:calledDecision' is not supported by this engine (latest or deployment)`);
  return errors;
}

function checkElement(element: ElementModel, model: ProcessModel): string[] {
  const errors: string[] = [];
  const kinds = supported[element.type];
  if (!kinds) {
    errors.push(`Element type 'bpmn:${element.type.charAt(0).toUpperCase()}${element.type.slice(1)}' is not supported by this engine`);
    return errors;
  }
  if (!kinds.includes(element.eventDefinition.kind)) {
    errors.push(`Event definition '${element.eventDefinition.kind}' on '${element.type}' is not supported by this engine`);
  }
  if (element.loop && !supported.multiInstance) errors.push('Multi-instance activities are not supported by this engine');
  if (element.type === 'subProcess' && element.triggeredByEvent && !supported.eventSubProcess) {
    errors.push('Event sub-processes are not supported by this engine');
  }
  const decisionTask = element.type === 'businessRuleTask' && element.calledDecision !== undefined && !element.taskDefinition;
  if (decisionTask) errors.push(...checkCalledDecision(element.calledDecision as NonNullable<ElementModel['calledDecision']>));
  else if ((JOB_TASKS.includes(element.type) || (element.type === 'scriptTask' && !element.script)) && !element.taskDefinition?.type) {
    errors.push("Must have exactly one 'zeebe:taskDefinition' extension element with a 'type'");
  }
  if (element.script && !element.script.resultVariable) errors.push("Attribute 'resultVariable' must be present on 'zeebe:script'");
  for (const mapping of [...element.inputs, ...element.outputs]) {
    if (!mapping.target) errors.push(`Mapping with source '${mapping.source}' has no target`);
  }
  for (const expression of expressionsOf(element)) {
    const problem = checkExpressionSyntax(expression);
    if (problem) errors.push(problem);
  }
  if (element.type === 'exclusiveGateway' || element.type === 'inclusiveGateway') {
    if (element.outgoing.length > 1) {
      for (const flowId of element.outgoing) {
        const flow = model.flows.get(flowId);
        if (flowId !== element.defaultFlowId && !flow?.condition) errors.push(`Sequence flow '${flowId}' needs a condition expression or must be the default flow`);
      }
    }
  }
  if ((element.type === 'process' || element.type === 'subProcess') && !element.triggeredByEvent) {
    const hasStart = element.children.some((id) => model.elements.get(id)?.type === 'startEvent');
    if (!hasStart) errors.push('Must have at least one start event');
    if (element.type === 'subProcess' && !element.noneStartEventId) errors.push('An embedded sub-process must have a none start event');
  }
  if (element.type === 'boundaryEvent') {
    if (!element.attachedToRef) errors.push('A boundary event must be attached to an activity');
    if (element.eventDefinition.kind === 'error' && !element.cancelActivity) errors.push('An error boundary event must be interrupting');
  }
  for (const check of extraChecks) errors.push(...check(element, model));
  return errors;
}

/** Two error catches for one code (or two catch-alls) on one activity are ambiguous: Zeebe refuses them. */
function checkDuplicateCatches(model: ProcessModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const element of model.elements.values()) {
    const codes = new Set<string>();
    for (const id of element.boundaryEventIds) {
      const boundary = model.elements.get(id);
      if (boundary?.eventDefinition.kind !== 'error') continue;
      const code = boundary.eventDefinition.errorCode ?? '*';
      if (codes.has(code)) problems.push({ elementId: id, message: `Multiple error catch events with the same error code '${code === '*' ? '' : code}' are not supported on the same scope` });
      codes.add(code);
    }
  }
  return problems;
}

export function validateProcess(model: ProcessModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const element of model.elements.values()) {
    for (const message of checkElement(element, model)) problems.push({ elementId: element.id, message });
  }
  for (const flow of model.flows.values()) {
    const problem = flow.condition ? checkExpressionSyntax(flow.condition) : undefined;
    if (problem) problems.push({ elementId: flow.id, message: problem });
  }
  return [...problems, ...checkDuplicateCatches(model)];
}
