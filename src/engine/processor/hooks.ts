import type { Variables } from '../feel/feel.js';
import type { ElementInstanceRow, JobRow, Key, MessageRow, ProcessDefinitionRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { applyTaskResult } from './jobs.js';
import { completeElement } from './lifecycle.js';

type DeployHook = (ctx: ProcessingContext, definition: ProcessDefinitionRow, previous: ProcessDefinitionRow | undefined) => Promise<void>;
type MessageStartHook = (ctx: ProcessingContext, message: MessageRow, served: Set<string>) => Promise<Key[]>;
type SpecialJobHook = (ctx: ProcessingContext, job: JobRow, instance: ElementInstanceRow, variables: Variables) => Promise<boolean>;

type InstanceEndedHook = (ctx: ProcessingContext, root: ElementInstanceRow, completed: boolean) => Promise<void>;

const deployHooks: DeployHook[] = [];
const instanceEndedHooks: InstanceEndedHook[] = [];
const messageStartHooks: MessageStartHook[] = [];
const specialJobHooks: SpecialJobHook[] = [];

/** Features (timer/message/signal start events, execution listeners) plug in here. */
export const hooks = {
  onDeploy(hook: DeployHook): void {
    deployHooks.push(hook);
  },
  onMessageStart(hook: MessageStartHook): void {
    messageStartHooks.push(hook);
  },
  onSpecialJob(hook: SpecialJobHook): void {
    specialJobHooks.push(hook);
  },
  onInstanceEnded(hook: InstanceEndedHook): void {
    instanceEndedHooks.push(hook);
  },
};

export async function runInstanceEndedHooks(ctx: ProcessingContext, root: ElementInstanceRow, completed: boolean): Promise<void> {
  for (const hook of instanceEndedHooks) await hook(ctx, root, completed);
}

export async function runDeployHooks(ctx: ProcessingContext, definition: ProcessDefinitionRow, previous: ProcessDefinitionRow | undefined): Promise<void> {
  for (const hook of deployHooks) await hook(ctx, definition, previous);
}

export async function runMessageStartHooks(ctx: ProcessingContext, message: MessageRow, served: Set<string>): Promise<Key[]> {
  const started: Key[] = [];
  for (const hook of messageStartHooks) started.push(...(await hook(ctx, message, served)));
  return started;
}

export async function runSpecialJobHooks(ctx: ProcessingContext, job: JobRow, instance: ElementInstanceRow, variables: Variables): Promise<void> {
  for (const hook of specialJobHooks) if (await hook(ctx, job, instance, variables)) return;
  await applyTaskResult(ctx, instance, false, variables);
  await completeElement(ctx, instance.key);
}
