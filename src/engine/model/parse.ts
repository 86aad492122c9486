import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import type { CalledElement, ElementModel, EventDefinition, LoopDefinition, Mapping, ProcessModel, UserTaskDefinition } from './types.js';

/** A moddle element, as loosely typed as moddle itself. */
type Node = Record<string, any> & { $type: string; id?: string };

export interface ModelProblem {
  elementId: string;
  message: string;
}

export interface ParsedDefinitions {
  processes: ProcessModel[];
  /** Problems found while reading; the validator adds semantic ones. */
  problems: ModelProblem[];
}

const moddle = new BpmnModdle({ zeebe: zeebeSchema });

function ext(node: Node, type: string): Node | undefined {
  const values: Node[] = node.extensionElements?.values ?? [];
  return values.find((v) => v.$type === type);
}

function mappings(node: Node, kind: 'inputParameters' | 'outputParameters'): Mapping[] {
  const io = ext(node, 'zeebe:IoMapping');
  return (io?.[kind] ?? []).map((m: Node) => ({ source: String(m.source ?? ''), target: String(m.target ?? '') }));
}

function eventDefinition(node: Node): EventDefinition {
  if (node.$type === 'bpmn:ReceiveTask' && node.messageRef) {
    const subscription = ext(node.messageRef, 'zeebe:Subscription');
    return { kind: 'message', messageName: node.messageRef.name, correlationKey: subscription?.correlationKey };
  }
  const def: Node | undefined = node.eventDefinitions?.[0];
  if (!def) return { kind: 'none' };
  switch (def.$type) {
    case 'bpmn:ErrorEventDefinition':
      return { kind: 'error', errorCode: def.errorRef?.errorCode ?? undefined };
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    case 'bpmn:TimerEventDefinition':
      return {
        kind: 'timer',
        timeDuration: def.timeDuration?.body,
        timeDate: def.timeDate?.body,
        timeCycle: def.timeCycle?.body,
      };
    case 'bpmn:MessageEventDefinition': {
      const subscription = def.messageRef ? ext(def.messageRef, 'zeebe:Subscription') : undefined;
      return { kind: 'message', messageName: def.messageRef?.name, correlationKey: subscription?.correlationKey };
    }
    case 'bpmn:SignalEventDefinition':
      return { kind: 'signal', signalName: def.signalRef?.name };
    case 'bpmn:EscalationEventDefinition':
      return { kind: 'escalation', escalationCode: def.escalationRef?.escalationCode ?? undefined };
    default:
      return { kind: def.$type.replace(/^bpmn:/, '') } as unknown as EventDefinition;
  }
}

function loop(node: Node): LoopDefinition | undefined {
  const lc: Node | undefined = node.loopCharacteristics;
  if (!lc) return undefined;
  const zeebe = ext(lc, 'zeebe:LoopCharacteristics');
  return {
    isSequential: Boolean(lc.isSequential),
    inputCollection: zeebe?.inputCollection,
    inputElement: zeebe?.inputElement,
    outputCollection: zeebe?.outputCollection,
    outputElement: zeebe?.outputElement,
    completionCondition: lc.completionCondition?.body,
  };
}

function userTask(node: Node): UserTaskDefinition {
  const assignment = ext(node, 'zeebe:AssignmentDefinition');
  const schedule = ext(node, 'zeebe:TaskSchedule');
  const priority = ext(node, 'zeebe:PriorityDefinition');
  const form = ext(node, 'zeebe:FormDefinition');
  return {
    assignee: assignment?.assignee,
    candidateGroups: assignment?.candidateGroups,
    candidateUsers: assignment?.candidateUsers,
    dueDate: schedule?.dueDate,
    followUpDate: schedule?.followUpDate,
    priority: priority?.priority !== undefined ? String(priority.priority) : undefined,
    formId: form?.formId,
    formBindingType: form?.bindingType,
    externalReference: form?.externalReference,
    formKey: form?.formKey,
  };
}

function calledDecision(node: Node): ElementModel['calledDecision'] {
  const called = ext(node, 'zeebe:CalledDecision');
  if (!called) return undefined;
  // zeebe-bpmn-moddle 2 does not declare bindingType on calledDecision yet: it arrives as an unknown attribute.
  const bindingType = String(called.bindingType ?? called.$attrs?.bindingType ?? 'latest');
  return { decisionId: String(called.decisionId ?? ''), resultVariable: String(called.resultVariable ?? ''), bindingType };
}

function calledElement(node: Node): CalledElement | undefined {
  const called = ext(node, 'zeebe:CalledElement');
  if (!called) return undefined;
  return {
    processId: called.processId ?? '',
    propagateAllChildVariables: called.propagateAllChildVariables !== false,
    propagateAllParentVariables: called.propagateAllParentVariables !== false,
    bindingType: called.bindingType,
  };
}

function toElement(node: Node, flowScopeId: string | undefined): ElementModel {
  const type = node.$type.replace(/^bpmn:/, '');
  const taskDefinition = ext(node, 'zeebe:TaskDefinition');
  const headers = ext(node, 'zeebe:TaskHeaders');
  const script = ext(node, 'zeebe:Script');
  const taskHeaders: Record<string, string> = {};
  for (const h of headers?.values ?? []) taskHeaders[String(h.key)] = String(h.value ?? '');
  return {
    id: String(node.id),
    type: type.charAt(0).toLowerCase() + type.slice(1),
    name: node.name,
    flowScopeId,
    incoming: (node.incoming ?? []).map((f: Node) => String(f.id)),
    outgoing: (node.outgoing ?? []).map((f: Node) => String(f.id)),
    children: [],
    eventSubProcessIds: [],
    triggeredByEvent: Boolean(node.triggeredByEvent),
    boundaryEventIds: [],
    attachedToRef: node.attachedToRef?.id,
    cancelActivity: node.cancelActivity !== false,
    eventDefinition: eventDefinition(node),
    defaultFlowId: node.default?.id,
    taskDefinition: taskDefinition
      ? { type: String(taskDefinition.type ?? ''), retries: String(taskDefinition.retries ?? '3') }
      : undefined,
    taskHeaders,
    inputs: mappings(node, 'inputParameters'),
    outputs: mappings(node, 'outputParameters'),
    script: script ? { expression: String(script.expression ?? ''), resultVariable: String(script.resultVariable ?? '') } : undefined,
    loop: loop(node),
    userTask: type === 'UserTask' ? userTask(node) : undefined,
    isZeebeUserTask: Boolean(ext(node, 'zeebe:UserTask')),
    calledElement: calledElement(node),
    calledDecision: calledDecision(node),
  };
}

function collect(container: Node, scope: ElementModel, model: ProcessModel): void {
  for (const node of (container.flowElements ?? []) as Node[]) {
    if (node.$type === 'bpmn:SequenceFlow') {
      model.flows.set(String(node.id), {
        id: String(node.id),
        sourceRef: String(node.sourceRef?.id),
        targetRef: String(node.targetRef?.id),
        condition: node.conditionExpression?.body,
      });
      continue;
    }
    // Data objects, data stores and the like carry no behaviour.
    if (!('incoming' in node) && !node.$instanceOf?.('bpmn:FlowNode')) continue;
    const element = toElement(node, scope.id);
    model.elements.set(element.id, element);
    if (element.type === 'boundaryEvent') continue;
    if (element.type === 'subProcess' && element.triggeredByEvent) scope.eventSubProcessIds.push(element.id);
    else scope.children.push(element.id);
    if (element.type === 'startEvent' && element.eventDefinition.kind === 'none') scope.noneStartEventId ??= element.id;
    if (element.type === 'subProcess') collect(node, element, model);
  }
}

function toProcess(node: Node): ProcessModel {
  const versionTag = ext(node, 'zeebe:VersionTag')?.value;
  const model: ProcessModel = { bpmnProcessId: String(node.id), name: node.name, versionTag: versionTag ? String(versionTag) : undefined, elements: new Map(), flows: new Map() };
  const root = toElement(node, undefined);
  root.type = 'process';
  model.elements.set(root.id, root);
  collect(node, root, model);
  // Zeebe connects flow nodes through each sequence flow's sourceRef/targetRef, in the document
  // order of the flows; the optional <bpmn:incoming>/<bpmn:outgoing> children are not relied on.
  for (const element of model.elements.values()) {
    element.incoming = [];
    element.outgoing = [];
  }
  for (const flow of model.flows.values()) {
    model.elements.get(flow.sourceRef)?.outgoing.push(flow.id);
    model.elements.get(flow.targetRef)?.incoming.push(flow.id);
  }
  for (const element of model.elements.values()) {
    if (element.attachedToRef) model.elements.get(element.attachedToRef)?.boundaryEventIds.push(element.id);
  }
  return model;
}

/** Reads BPMN XML into executable process models; malformed XML yields a problem, not an exception. */
export async function parseBpmn(xml: string): Promise<ParsedDefinitions> {
  let definitions: Node;
  let warnings: { message: string }[] = [];
  try {
    const result = await moddle.fromXML(xml, 'bpmn:Definitions');
    definitions = result.rootElement as unknown as Node;
    warnings = result.warnings as { message: string }[];
  } catch (error) {
    return { processes: [], problems: [{ elementId: '', message: `Failed to parse XML: ${(error as Error).message}` }] };
  }
  const problems: ModelProblem[] = warnings
    .filter((w) => /unparsable content|unknown type|duplicate ID/i.test(w.message))
    .map((w) => ({ elementId: '', message: w.message.split('\n')[0] }));
  const processes = ((definitions.rootElements ?? []) as Node[])
    .filter((n) => n.$type === 'bpmn:Process' && n.isExecutable)
    .map(toProcess);
  return { processes, problems };
}
