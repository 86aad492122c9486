import { catchEventBehavior } from '../behaviors/events/CatchEvent.js';
import { escalationThrowBehavior } from '../behaviors/events/ThrowEvent.js';
import { eventBasedGatewayBehavior } from '../behaviors/gateways/EventBasedGateway.js';
import { jobWorkerTaskBehavior } from '../behaviors/tasks/JobWorkerTask.js';
import { registerBehavior } from '../behaviors/registry.js';
import { addElementCheck, declareSupported } from '../model/validate.js';
import { broadcastSignal } from '../processor/commands/signalCommands.js';
import { fireDueTimers } from '../processor/commands/timerCommands.js';
import { registerCommand, registerTick } from '../processor/handle.js';
import '../processor/startEvents.js';
import { checkStaticTimer } from '../timers/timerSpec.js';

/** Timers, messages, signals, escalations, event-based gateways and event sub-processes. */
registerBehavior('intermediateCatchEvent', () => catchEventBehavior);
registerBehavior('receiveTask', () => catchEventBehavior);
registerBehavior('eventBasedGateway', () => eventBasedGatewayBehavior);
registerBehavior('intermediateThrowEvent', (element) =>
  element.eventDefinition.kind === 'escalation' ? escalationThrowBehavior : element.eventDefinition.kind === 'message' ? jobWorkerTaskBehavior : undefined,
);
registerBehavior('endEvent', (element) => (element.eventDefinition.kind === 'message' ? jobWorkerTaskBehavior : undefined));
registerCommand('broadcastSignal', broadcastSignal as never);
registerTick(fireDueTimers);

declareSupported('startEvent', ['timer', 'message', 'signal', 'error', 'escalation']);
declareSupported('intermediateCatchEvent', ['timer', 'message', 'signal']);
declareSupported('intermediateThrowEvent', ['escalation', 'message']);
declareSupported('endEvent', ['message']);
declareSupported('boundaryEvent', ['timer', 'message', 'signal', 'escalation']);
declareSupported('receiveTask', ['none', 'message']);
declareSupported('eventBasedGateway', ['none']);
declareSupported('eventSubProcess', ['none']);

addElementCheck((element, model) => {
  const errors: string[] = [];
  const definition = element.eventDefinition;
  const inEventSubProcess = model.elements.get(element.flowScopeId ?? '')?.triggeredByEvent ?? false;
  if (element.type === 'startEvent' && (definition.kind === 'error' || definition.kind === 'escalation') && !inEventSubProcess) {
    errors.push(`A start event with a ${definition.kind} definition is only allowed in an event sub-process`);
  }
  if (definition.kind === 'timer') {
    const problem = checkStaticTimer(definition);
    if (problem) errors.push(problem);
    if (element.type === 'startEvent' && !inEventSubProcess && definition.timeDuration) errors.push('A timer start event must have a timeDate or timeCycle');
    if ((element.type === 'intermediateCatchEvent' || (element.type === 'boundaryEvent' && element.cancelActivity)) && definition.timeCycle) {
      errors.push('A timer cycle is only allowed on non-interrupting boundary events and start events');
    }
  }
  if (definition.kind === 'message' && ['intermediateCatchEvent', 'boundaryEvent', 'receiveTask', 'startEvent'].includes(element.type)) {
    if (!definition.messageName) errors.push('A message event must reference a message with a name');
    const needsKey = element.type !== 'startEvent' || inEventSubProcess;
    if (needsKey && !definition.correlationKey) errors.push("A message catch event must have a 'zeebe:subscription' with a correlationKey");
  }
  if (definition.kind === 'message' && (element.type === 'intermediateThrowEvent' || element.type === 'endEvent') && !element.taskDefinition?.type) {
    errors.push("A message throw event must have a 'zeebe:taskDefinition' with a 'type' (it is a job)");
  }
  if (definition.kind === 'signal' && !definition.signalName) errors.push('A signal event must reference a signal with a name');
  if (element.type === 'eventBasedGateway') {
    for (const flowId of element.outgoing) {
      const target = model.elements.get(model.flows.get(flowId)?.targetRef ?? '');
      if (!target || !((target.type === 'intermediateCatchEvent' && ['timer', 'message', 'signal'].includes(target.eventDefinition.kind)) || target.type === 'receiveTask')) {
        errors.push(`An event-based gateway may only lead to timer, message or signal catch events ('${flowId}')`);
      }
    }
    if (element.outgoing.length < 2) errors.push('An event-based gateway must have at least two outgoing flows');
  }
  return errors;
});
