import type { Element, Moddle } from './moddle.js';
import type { EventTrigger, MultiInstance, NodeSpec, ProcessSpec } from './ProcessSpec.js';

const EXECUTION_PLATFORM_VERSION = '8.9.0';

/** Readable, stable ids for the root-level message, error and escalation definitions. */
export function definitionId(prefix: 'Message' | 'Error' | 'Escalation', name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]+/g, '_')}`;
}

/**
 * Turns a ProcessSpec into bpmn:Definitions holding a collaboration (one pool, one lane per actor)
 * and the executable process. Diagram interchange is added afterwards by layout.ts.
 */
export function emitDefinitions(m: Moddle, spec: ProcessSpec): { definitions: Element; process: Element } {
  const roots = new Map<string, Element>();
  const ext = (values: Element[]): Element => m.create('bpmn:ExtensionElements', { values });
  const docs = (text?: string): Element[] => (text ? [m.create('bpmn:Documentation', { text })] : []);

  const rootDefinition = (prefix: 'Message' | 'Error' | 'Escalation', name: string, make: () => Element): Element => {
    const id = definitionId(prefix, name);
    let el = roots.get(id);
    if (!el) {
      el = make();
      el.id = id;
      roots.set(id, el);
    }
    return el;
  };

  const message = (name: string, correlationKey: string | undefined): Element =>
    rootDefinition('Message', name, () =>
      m.create('bpmn:Message', {
        name,
        extensionElements: correlationKey
          ? ext([m.create('zeebe:Subscription', { correlationKey })])
          : undefined,
      }),
    );

  const eventDefinition = (trigger: EventTrigger): Element => {
    switch (trigger.kind) {
      case 'timer':
        return m.create('bpmn:TimerEventDefinition', {
          timeDate: m.create('bpmn:FormalExpression', { body: trigger.date }),
        });
      case 'message':
        return m.create('bpmn:MessageEventDefinition', {
          messageRef: message(trigger.message, trigger.correlationKey),
        });
      case 'error':
        return m.create('bpmn:ErrorEventDefinition', {
          errorRef: rootDefinition('Error', trigger.code, () =>
            m.create('bpmn:Error', { name: trigger.code, errorCode: trigger.code })),
        });
      case 'escalation':
        return m.create('bpmn:EscalationEventDefinition', {
          escalationRef: rootDefinition('Escalation', trigger.code, () =>
            m.create('bpmn:Escalation', { name: trigger.code, escalationCode: trigger.code })),
        });
    }
  };

  const loop = (multi: MultiInstance): Element =>
    m.create('bpmn:MultiInstanceLoopCharacteristics', {
      isSequential: multi.sequential ?? false,
      extensionElements: ext([
        m.create('zeebe:LoopCharacteristics', {
          inputCollection: multi.collection,
          inputElement: multi.element,
          outputCollection: multi.outputCollection,
          outputElement: multi.outputElement,
        }),
      ]),
    });

  const headers = (h: Record<string, string> | undefined): Element[] =>
    h && Object.keys(h).length
      ? [m.create('zeebe:TaskHeaders', {
          values: Object.entries(h).map(([key, value]) => m.create('zeebe:Header', { key, value })),
        })]
      : [];

  const node = (n: NodeSpec): Element => {
    const base = { id: n.id, name: n.name, documentation: docs(n.documentation) };
    switch (n.kind) {
      case 'startEvent':
        return m.create('bpmn:StartEvent', {
          ...base,
          eventDefinitions: n.trigger ? [eventDefinition(startTrigger(n.trigger))] : [],
        });
      case 'endEvent':
        return m.create('bpmn:EndEvent', {
          ...base,
          eventDefinitions: n.terminate
            ? [m.create('bpmn:TerminateEventDefinition')]
            : n.trigger ? [eventDefinition(n.trigger)] : [],
        });
      case 'userTask': {
        const values = [
          m.create('zeebe:UserTask'),
          m.create('zeebe:FormDefinition', { formId: n.formId }),
          m.create('zeebe:AssignmentDefinition', { candidateGroups: n.candidateGroups }),
        ];
        if (n.dueDate) values.push(m.create('zeebe:TaskSchedule', { dueDate: n.dueDate }));
        if (n.inputs) values.push(m.create('zeebe:IoMapping', { inputParameters: n.inputs.map((i) => m.create('zeebe:Input', { source: i.source, target: i.target })) }));
        return m.create('bpmn:UserTask', {
          ...base,
          extensionElements: ext(values),
          loopCharacteristics: n.multi ? loop(n.multi) : undefined,
        });
      }
      case 'serviceTask':
      case 'sendTask':
        return m.create(n.kind === 'serviceTask' ? 'bpmn:ServiceTask' : 'bpmn:SendTask', {
          ...base,
          extensionElements: ext([m.create('zeebe:TaskDefinition', { type: n.taskType }), ...headers(n.headers)]),
          loopCharacteristics: n.multi ? loop(n.multi) : undefined,
        });
      case 'businessRuleTask':
        return m.create('bpmn:BusinessRuleTask', {
          ...base,
          extensionElements: ext([m.create('zeebe:CalledDecision', { decisionId: n.decisionId, resultVariable: n.resultVariable })]),
        });
      case 'receiveTask':
        return m.create('bpmn:ReceiveTask', {
          ...base,
          messageRef: message(n.message, n.correlationKey),
          loopCharacteristics: n.multi ? loop(n.multi) : undefined,
        });
      case 'callActivity':
        return m.create('bpmn:CallActivity', {
          ...base,
          extensionElements: ext([
            m.create('zeebe:CalledElement', { processId: n.processId, propagateAllChildVariables: !n.outputs }),
            ...(n.outputs ? [m.create('zeebe:IoMapping', {
              outputParameters: n.outputs.map((o) => m.create('zeebe:Output', { source: o.source, target: o.target })),
            })] : []),
          ]),
          loopCharacteristics: n.multi ? loop(n.multi) : undefined,
        });
      case 'exclusiveGateway':
        return m.create('bpmn:ExclusiveGateway', base);
      case 'parallelGateway':
        return m.create('bpmn:ParallelGateway', base);
      case 'eventBasedGateway':
        return m.create('bpmn:EventBasedGateway', base);
      case 'intermediateCatchEvent':
        return m.create('bpmn:IntermediateCatchEvent', { ...base, eventDefinitions: [eventDefinition(n.trigger)] });
      case 'boundaryEvent':
        return m.create('bpmn:BoundaryEvent', {
          ...base,
          cancelActivity: n.interrupting,
          eventDefinitions: [eventDefinition(n.trigger)],
        });
    }
  };

  const elements = new Map(spec.nodes.map((n) => [n.id, node(n)]));
  for (const n of spec.nodes) {
    if (n.kind === 'boundaryEvent') elements.get(n.id)!['attachedToRef'] = elements.get(n.attachedTo);
  }

  const flows = spec.flows.map((f) => {
    const source = elements.get(f.source)!;
    const target = elements.get(f.target)!;
    const flow = m.create('bpmn:SequenceFlow', {
      id: f.id,
      name: f.name,
      sourceRef: source,
      targetRef: target,
      conditionExpression: f.condition
        ? m.create('bpmn:FormalExpression', { body: f.condition })
        : undefined,
    });
    push(source, 'outgoing', flow);
    push(target, 'incoming', flow);
    if (f.isDefault) source['default'] = flow;
    return flow;
  });

  const lanes = spec.lanes.map((l) =>
    m.create('bpmn:Lane', {
      id: `Lane_${l.key}`,
      name: l.name,
      flowNodeRef: spec.nodes.filter((n) => n.lane === l.key).map((n) => elements.get(n.id)!),
    }),
  );

  const process = m.create('bpmn:Process', {
    id: spec.id,
    name: spec.name,
    isExecutable: true,
    documentation: docs(spec.documentation),
    laneSets: [m.create('bpmn:LaneSet', { id: `LaneSet_${spec.id}`, lanes })],
    flowElements: [...elements.values(), ...flows],
  });

  const collaboration = m.create('bpmn:Collaboration', {
    id: `Collaboration_${spec.id}`,
    participants: [
      m.create('bpmn:Participant', { id: `Participant_${spec.id}`, name: spec.participantName, processRef: process }),
    ],
  });

  const definitions = m.create('bpmn:Definitions', {
    id: `Definitions_${spec.id}`,
    targetNamespace: 'http://bpmn.io/schema/bpmn',
    exporter: 'province-comuni-hr scripts/processes',
    exporterVersion: '1.0.0',
    rootElements: [collaboration, process, ...sortedById(roots)],
  });
  Object.assign(definitions.$attrs!, {
    'xmlns:modeler': 'http://camunda.org/schema/modeler/1.0',
    'modeler:executionPlatform': 'Camunda Cloud',
    'modeler:executionPlatformVersion': EXECUTION_PLATFORM_VERSION,
  });
  return { definitions, process };
}

/** Zeebe message start events take no correlation key (it is evaluated per instance, which does not exist yet). */
function startTrigger(trigger: EventTrigger): EventTrigger {
  return trigger.kind === 'message' ? { ...trigger, correlationKey: '' } : trigger;
}

function push(el: Element, property: string, value: Element): void {
  const list = (el[property] as Element[] | undefined) ?? [];
  list.push(value);
  el[property] = list;
}

function sortedById(map: Map<string, Element>): Element[] {
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, el]) => el);
}
