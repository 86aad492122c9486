/**
 * A small, typed description of one executable process: the generator turns it into
 * BPMN 2.0 XML with Zeebe extension elements (emitBpmn.ts) and lays it out (layout.ts).
 * Everything here is data; ProcessBuilder.ts is the fluent way to write it.
 */

/** Multi-instance over a FEEL list, one local `element` per iteration. */
export interface MultiInstance {
  collection: string;
  element: string;
  sequential?: boolean;
  outputCollection?: string;
  outputElement?: string;
}

/**
 * Only these child variables come back (zeebe:output, `=source` → target) instead of all of them:
 * needed under a multi-instance, where a child returning every copied variable would overwrite the
 * body's output collection with the copy it received at its start.
 */
export interface CallOutput {
  source: string;
  target: string;
}

/** An input mapping (zeebe:input): a local variable of the activity, e.g. from a multi-instance element. */
export interface TaskInput {
  source: string;
  target: string;
}

/** Whether missing a legal deadline ends the procedure (perentorio) or only escalates (ordinatorio). */
export type DeadlineKind = 'perentorio' | 'ordinatorio' | 'attesa';

export type EventTrigger =
  | { kind: 'timer'; date: string; deadline: DeadlineKind }
  | { kind: 'message'; message: string; correlationKey: string }
  | { kind: 'error'; code: string }
  | { kind: 'escalation'; code: string };

interface NodeBase {
  id: string;
  name: string;
  lane: string;
  documentation?: string;
}

export type NodeSpec = NodeBase &
  (
    | { kind: 'startEvent'; trigger?: EventTrigger }
    | { kind: 'endEvent'; trigger?: Extract<EventTrigger, { kind: 'error' | 'escalation' }>; terminate?: boolean }
    | {
        kind: 'userTask';
        candidateGroups: string;
        formId: string;
        dueDate?: string;
        inputs?: TaskInput[];
        multi?: MultiInstance;
      }
    | {
        kind: 'serviceTask' | 'sendTask';
        taskType: string;
        headers?: Record<string, string>;
        multi?: MultiInstance;
      }
    | {
        /** Evaluated by the engine from a deployed DMN decision (zeebe:calledDecision), no worker. */
        kind: 'businessRuleTask';
        decisionId: string;
        resultVariable: string;
      }
    | { kind: 'receiveTask'; message: string; correlationKey: string; multi?: MultiInstance }
    | { kind: 'callActivity'; processId: string; multi?: MultiInstance; outputs?: CallOutput[] }
    | { kind: 'exclusiveGateway' | 'parallelGateway' | 'eventBasedGateway' }
    | { kind: 'intermediateCatchEvent'; trigger: Extract<EventTrigger, { kind: 'timer' | 'message' }> }
    | { kind: 'boundaryEvent'; attachedTo: string; interrupting: boolean; trigger: EventTrigger }
  );

export type NodeKind = NodeSpec['kind'];

export interface FlowSpec {
  id: string;
  source: string;
  target: string;
  name?: string;
  /** FEEL condition, written with the leading `=`. */
  condition?: string;
  isDefault?: boolean;
}

export interface LaneSpec {
  key: string;
  name: string;
}

export interface ProcessSpec {
  id: string;
  name: string;
  /** Participant (pool) label in the collaboration. */
  participantName: string;
  documentation: string;
  lanes: LaneSpec[];
  nodes: NodeSpec[];
  flows: FlowSpec[];
}
