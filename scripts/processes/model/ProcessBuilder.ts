import type {
  CallOutput,
  DeadlineKind,
  EventTrigger,
  FlowSpec,
  LaneSpec,
  MultiInstance,
  NodeSpec,
  ProcessSpec,
  TaskInput,
} from './ProcessSpec.js';

interface Common {
  doc?: string;
}
interface UserTaskOptions extends Common {
  groups: string;
  form: string;
  due?: string;
  multi?: MultiInstance;
  /** Local variables of each task instance (zeebe:input), e.g. read from the multi-instance element. */
  inputs?: TaskInput[];
}
interface JobOptions extends Common {
  headers?: Record<string, string>;
  multi?: MultiInstance;
}
interface FlowOptions {
  name?: string;
  condition?: string;
  isDefault?: boolean;
}

/** Fluent writer for a ProcessSpec; ids are explicit so diffs of the generated XML stay readable. */
export class ProcessBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly flows: FlowSpec[] = [];

  constructor(
    private readonly head: {
      id: string;
      name: string;
      participantName: string;
      documentation: string;
      lanes: LaneSpec[];
    },
  ) {}

  start(id: string, name: string, lane: string, o: Common & { trigger?: EventTrigger } = {}): string {
    return this.add({ kind: 'startEvent', id, name, lane, documentation: o.doc, trigger: o.trigger });
  }

  end(id: string, name: string, lane: string, o: Common & { error?: string; escalation?: string; terminate?: boolean } = {}): string {
    const trigger = o.error
      ? ({ kind: 'error', code: o.error } as const)
      : o.escalation
        ? ({ kind: 'escalation', code: o.escalation } as const)
        : undefined;
    return this.add({ kind: 'endEvent', id, name, lane, documentation: o.doc, trigger, terminate: o.terminate });
  }

  userTask(id: string, name: string, lane: string, o: UserTaskOptions): string {
    return this.add({
      kind: 'userTask', id, name, lane, documentation: o.doc,
      candidateGroups: o.groups, formId: o.form, dueDate: o.due, multi: o.multi,
      ...(o.inputs ? { inputs: o.inputs } : {}),
    });
  }

  service(id: string, name: string, lane: string, taskType: string, o: JobOptions = {}): string {
    return this.add({ kind: 'serviceTask', id, name, lane, taskType, documentation: o.doc, headers: o.headers, multi: o.multi });
  }

  /** A decision owned by legal staff in processes/*.dmn, evaluated by the engine (latest version). */
  decision(id: string, name: string, lane: string, decisionId: string, resultVariable: string, o: Common = {}): string {
    return this.add({ kind: 'businessRuleTask', id, name, lane, decisionId, resultVariable, documentation: o.doc });
  }

  send(id: string, name: string, lane: string, taskType: string, o: JobOptions = {}): string {
    return this.add({ kind: 'sendTask', id, name, lane, taskType, documentation: o.doc, headers: o.headers, multi: o.multi });
  }

  receive(id: string, name: string, lane: string, message: string, correlationKey: string, o: Common & { multi?: MultiInstance } = {}): string {
    return this.add({ kind: 'receiveTask', id, name, lane, message, correlationKey, documentation: o.doc, multi: o.multi });
  }

  call(id: string, name: string, lane: string, processId: string, o: Common & { multi?: MultiInstance; outputs?: CallOutput[] } = {}): string {
    return this.add({ kind: 'callActivity', id, name, lane, processId, documentation: o.doc, multi: o.multi, ...(o.outputs ? { outputs: o.outputs } : {}) });
  }

  xor(id: string, name: string, lane: string, o: Common = {}): string {
    return this.add({ kind: 'exclusiveGateway', id, name, lane, documentation: o.doc });
  }

  and(id: string, name: string, lane: string, o: Common = {}): string {
    return this.add({ kind: 'parallelGateway', id, name, lane, documentation: o.doc });
  }

  eventGateway(id: string, name: string, lane: string, o: Common = {}): string {
    return this.add({ kind: 'eventBasedGateway', id, name, lane, documentation: o.doc });
  }

  /** Intermediate timer catch on a date variable computed by a deadline worker. */
  waitUntil(id: string, name: string, lane: string, date: string, deadline: DeadlineKind, doc: string): string {
    return this.add({ kind: 'intermediateCatchEvent', id, name, lane, documentation: doc, trigger: { kind: 'timer', date, deadline } });
  }

  catchMessage(id: string, name: string, lane: string, message: string, correlationKey: string, o: Common = {}): string {
    return this.add({ kind: 'intermediateCatchEvent', id, name, lane, documentation: o.doc, trigger: { kind: 'message', message, correlationKey } });
  }

  /** Boundary events live in their host's lane. */
  boundary(id: string, name: string, attachedTo: string, trigger: EventTrigger, o: Common & { interrupting?: boolean } = {}): string {
    const host = this.nodes.find((n) => n.id === attachedTo);
    if (!host) throw new Error(`boundary ${id}: unknown host ${attachedTo}`);
    const interrupting = trigger.kind === 'error' ? true : (o.interrupting ?? true);
    return this.add({ kind: 'boundaryEvent', id, name, lane: host.lane, attachedTo, interrupting, trigger, documentation: o.doc });
  }

  flow(source: string, target: string, o: FlowOptions = {}): this {
    const id = `Flow_${source}_${target}`;
    if (this.flows.some((f) => f.id === id)) throw new Error(`duplicate flow ${id}`);
    this.flows.push({ id, source, target, ...o });
    return this;
  }

  /** Unconditional flows a → b → c … */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.flow(ids[i - 1]!, ids[i]!);
    return this;
  }

  build(): ProcessSpec {
    const ids = new Set(this.nodes.map((n) => n.id));
    for (const f of this.flows) {
      if (!ids.has(f.source) || !ids.has(f.target)) throw new Error(`flow ${f.id}: unknown end`);
    }
    const lanes = new Set(this.head.lanes.map((l) => l.key));
    for (const n of this.nodes) {
      if (!lanes.has(n.lane)) throw new Error(`${n.id}: unknown lane ${n.lane}`);
    }
    return { ...this.head, nodes: [...this.nodes], flows: [...this.flows] };
  }

  private add(node: NodeSpec): string {
    if (this.nodes.some((n) => n.id === node.id)) throw new Error(`duplicate id ${node.id}`);
    this.nodes.push(node);
    return node.id;
  }
}
