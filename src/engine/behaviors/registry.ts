import type { ElementModel } from '../model/types.js';
import type { ElementBehavior } from './behavior.js';
import { containerBehavior } from './containers/ContainerBehavior.js';
import { endEventBehavior } from './events/EndEvent.js';
import { passThroughBehavior } from './events/PassThrough.js';
import { startEventBehavior } from './events/StartEvent.js';
import { exclusiveGatewayBehavior } from './gateways/ExclusiveGateway.js';
import { inclusiveGatewayBehavior } from './gateways/InclusiveGateway.js';
import { jobWorkerTaskBehavior } from './tasks/JobWorkerTask.js';
import { inlineScriptTaskBehavior } from './tasks/ScriptTask.js';
import { calledDecisionTaskBehavior } from './tasks/BusinessRuleTask.js';

/** Behaviours of element kinds added outside this file (timers, messages, user tasks, ...). */
const extra = new Map<string, (element: ElementModel) => ElementBehavior | undefined>();

export function registerBehavior(elementType: string, select: (element: ElementModel) => ElementBehavior | undefined): void {
  extra.set(elementType, select);
}

export function behaviorFor(elementType: string, element: ElementModel): ElementBehavior {
  const registered = extra.get(elementType)?.(element);
  if (registered) return registered;
  switch (elementType) {
    case 'process':
    case 'subProcess':
      return containerBehavior;
    case 'startEvent':
      return startEventBehavior;
    case 'endEvent':
      return endEventBehavior;
    case 'boundaryEvent':
    case 'intermediateThrowEvent':
    case 'task':
    case 'manualTask':
    case 'parallelGateway':
      return passThroughBehavior;
    case 'exclusiveGateway':
      return exclusiveGatewayBehavior;
    case 'inclusiveGateway':
      return inclusiveGatewayBehavior;
    case 'scriptTask':
      return element.script ? inlineScriptTaskBehavior : jobWorkerTaskBehavior;
    case 'businessRuleTask':
      return element.calledDecision && !element.taskDefinition ? calledDecisionTaskBehavior : jobWorkerTaskBehavior;
    case 'serviceTask':
    case 'sendTask':
      return jobWorkerTaskBehavior;
    default:
      throw new Error(`No behaviour for element type '${elementType}' ('${element.id}')`);
  }
}
