import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import type { ResumeStep } from '../../shared/startFormTypes.js';

export type { ResumeStep } from '../../shared/startFormTypes.js';

interface FlowNode {
  id: string;
  name?: string;
  $type: string;
  triggeredByEvent?: boolean;
  loopCharacteristics?: { $type: string };
  incoming?: Array<{ sourceRef?: { $type: string } }>;
  flowElements?: FlowNode[];
  rootElements?: FlowNode[];
}

/**
 * The kinds of step a paper case can have reached. Zeebe also accepts end events and elements of
 * event sub-processes as start targets, but neither is a stage a case stands at: an end event would
 * close it at once, an event sub-process runs only when its event happens.
 */
const STEP_TYPES = new Set([
  'bpmn:Task', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:ManualTask', 'bpmn:ScriptTask',
  'bpmn:BusinessRuleTask', 'bpmn:CallActivity', 'bpmn:SubProcess',
  'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent',
  'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway',
]);

const moddle = new BpmnModdle({ zeebe: zeebeSchema as object });

/**
 * Where a case begun on paper may be resumed: the steps of the process a CreateProcessInstance start
 * instruction may name, as Zeebe checks them (no start or boundary events, nothing inside a
 * multi-instance activity, no target of an event-based gateway), at any depth of embedded sub-processes.
 * In diagram order; a step's name is the one people know it by, its id when it has none.
 */
export async function findResumeSteps(xml: string, processId: string): Promise<ResumeStep[]> {
  const { rootElement } = (await moddle.fromXML(xml)) as unknown as { rootElement: FlowNode };
  const process = (rootElement.rootElements ?? []).find((r) => r.$type === 'bpmn:Process' && r.id === processId);
  if (!process) return [];
  const steps: ResumeStep[] = [];
  const visit = (scope: FlowNode, path: string[]) => {
    for (const node of scope.flowElements ?? []) {
      if (!STEP_TYPES.has(node.$type) || node.triggeredByEvent) continue;
      const afterEventGateway = (node.incoming ?? []).some((flow) => flow.sourceRef?.$type === 'bpmn:EventBasedGateway');
      if (afterEventGateway) continue;
      const name = node.name?.trim() || node.id;
      steps.push({ elementId: node.id, name, ...(path.length > 0 ? { within: path.join(' › ') } : {}) });
      // Zeebe refuses to start inside a multi-instance activity: its inner elements are not offered.
      if (node.$type === 'bpmn:SubProcess' && !node.loopCharacteristics) visit(node, [...path, name]);
    }
  };
  visit(process, []);
  return steps;
}
