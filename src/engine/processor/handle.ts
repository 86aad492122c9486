import type { ProcessingContext } from './context.js';
import { deploy } from './commands/deploy.js';
import { resolveIncident } from './commands/incidentCommands.js';
import { activateJobs, completeJob, expireJobLocks, failJob, throwError, updateJobRetries, updateJobTimeout, yieldJob } from './commands/jobCommands.js';
import { correlateOnce, expireMessages, publishMessage } from './commands/messageCommands.js';
import { cancelInstance, createInstance } from './commands/processInstances.js';
import type { Command } from './commands/types.js';
import { setVariables } from './commands/variableCommands.js';
import { evaluateDecision } from './decisions/evaluateDecisionCommand.js';

type Handler = (ctx: ProcessingContext, command: never) => Promise<unknown>;

/** Command types that parts of the engine add (timers, signals, user tasks). */
const extraHandlers = new Map<string, Handler>();
const tickHandlers: ((ctx: ProcessingContext) => Promise<void>)[] = [expireJobLocks, expireMessages];

export function registerCommand(type: Command['type'], handler: Handler): void {
  extraHandlers.set(type, handler);
}

export function registerTick(handler: (ctx: ProcessingContext) => Promise<void>): void {
  tickHandlers.push(handler);
}

const handlers: Partial<Record<Command['type'], Handler>> = {
  deploy: deploy as Handler,
  createInstance: createInstance as Handler,
  cancelInstance: cancelInstance as Handler,
  activateJobs: activateJobs as Handler,
  completeJob: completeJob as Handler,
  failJob: failJob as Handler,
  throwError: throwError as Handler,
  updateJobRetries: updateJobRetries as Handler,
  updateJobTimeout: updateJobTimeout as Handler,
  yieldJob: yieldJob as Handler,
  resolveIncident: resolveIncident as Handler,
  setVariables: setVariables as Handler,
  publishMessage: publishMessage as Handler,
  correlateMessage: correlateOnce as Handler,
  evaluateDecision: evaluateDecision as Handler,
};

export async function handleCommand(ctx: ProcessingContext, command: Command): Promise<unknown> {
  if (command.type === 'tick') {
    for (const tick of tickHandlers) await tick(ctx);
    return {};
  }
  const handler = extraHandlers.get(command.type) ?? handlers[command.type];
  if (!handler) throw new Error(`No handler for command '${command.type}'`);
  return handler(ctx, command as never);
}
