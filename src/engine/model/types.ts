/** The executable view of one BPMN process, built once per process definition and cached. */

export interface Mapping {
  source: string;
  target: string;
}

export type EventDefinition =
  | { kind: 'none' }
  | { kind: 'error'; errorCode?: string }
  | { kind: 'terminate' }
  | { kind: 'timer'; timeDuration?: string; timeDate?: string; timeCycle?: string }
  | { kind: 'message'; messageName?: string; correlationKey?: string }
  | { kind: 'signal'; signalName?: string }
  | { kind: 'escalation'; escalationCode?: string };

export interface TaskDefinition {
  type: string;
  retries: string;
}

export interface LoopDefinition {
  isSequential: boolean;
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface UserTaskDefinition {
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
  formId?: string;
  formBindingType?: string;
  externalReference?: string;
  formKey?: string;
}

export interface CalledElement {
  processId: string;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
  /** latest (default), deployment or versionTag. */
  bindingType?: string;
}

export interface ElementModel {
  id: string;
  /** The BPMN type without prefix, e.g. `serviceTask`, `exclusiveGateway`. */
  type: string;
  name?: string;
  /** Id of the enclosing process or sub-process. */
  flowScopeId?: string;
  incoming: string[];
  outgoing: string[];
  /** Containers: their direct flow nodes, and the none start event they begin with. */
  children: string[];
  noneStartEventId?: string;
  /** Event sub-processes directly inside a container, and their start events. */
  eventSubProcessIds: string[];
  triggeredByEvent: boolean;
  boundaryEventIds: string[];
  attachedToRef?: string;
  cancelActivity: boolean;
  eventDefinition: EventDefinition;
  defaultFlowId?: string;
  taskDefinition?: TaskDefinition;
  taskHeaders: Record<string, string>;
  inputs: Mapping[];
  outputs: Mapping[];
  script?: { expression: string; resultVariable: string };
  loop?: LoopDefinition;
  userTask?: UserTaskDefinition;
  isZeebeUserTask: boolean;
  calledElement?: CalledElement;
  /** Business rule task evaluated by the engine (`zeebe:calledDecision`). */
  calledDecision?: { decisionId: string; resultVariable: string; bindingType: string };
}

export interface FlowModel {
  id: string;
  sourceRef: string;
  targetRef: string;
  condition?: string;
}

export interface ProcessModel {
  bpmnProcessId: string;
  name?: string;
  /** `zeebe:versionTag` of the process: a label for this version, reported by the APIs. */
  versionTag?: string;
  /** The process itself is an element (type `process`) so it can be a flow scope. */
  elements: Map<string, ElementModel>;
  flows: Map<string, FlowModel>;
}
