import type { Variables } from '../feel/feel.js';
import type { ElementInstanceRow, JobRow, Key } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { propagateVariables, setLocalVariables } from './variables.js';

export interface JobSpec {
  type: string;
  retries: number;
  headers: Record<string, string>;
  kind?: string;
}

export function jobValue(job: JobRow): Record<string, unknown> {
  return {
    type: job.type,
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline ?? -1,
    errorMessage: job.error_message,
    errorCode: job.error_code,
    elementId: job.element_id,
    elementInstanceKey: job.element_instance_key,
    bpmnProcessId: job.bpmn_process_id,
    processDefinitionKey: job.process_definition_key,
    processDefinitionVersion: job.process_definition_version,
    processInstanceKey: job.process_instance_key,
    customHeaders: job.custom_headers,
    jobKind: job.kind,
    tenantId: job.tenant_id,
  };
}

export function jobEvent(ctx: ProcessingContext, job: JobRow, intent: string, extra: Record<string, unknown> = {}): void {
  ctx.event('JOB', intent, job.key, { ...jobValue(job), ...extra }, job.process_instance_key, job.element_id);
}

/** Creates an activatable job for a task; workers waiting on its type are served after the commit. */
export async function createJob(ctx: ProcessingContext, instance: ElementInstanceRow, spec: JobSpec): Promise<JobRow> {
  const { definition } = await ctx.model(instance.process_definition_key);
  const job: JobRow = {
    key: ctx.key(),
    type: spec.type,
    kind: spec.kind ?? 'BPMN_ELEMENT',
    state: 'ACTIVATABLE',
    retries: spec.retries,
    worker: '',
    deadline: null,
    recur_at: null,
    element_instance_key: instance.key,
    element_id: instance.element_id,
    process_instance_key: instance.process_instance_key,
    process_definition_key: instance.process_definition_key,
    bpmn_process_id: instance.bpmn_process_id,
    process_definition_version: definition.version,
    custom_headers: spec.headers,
    error_message: '',
    error_code: '',
    tenant_id: instance.tenant_id,
    created_at: ctx.now(),
  };
  ctx.batch.put('jobs', job);
  jobEvent(ctx, job, 'CREATED');
  await publishJob(ctx, job);
  return job;
}

/**
 * A job became activatable (created, failed with retries left, timed out, back-off over, incident
 * resolved): as Zeebe's publishWork, an open job stream takes it at once, else waiting long polls
 * are woken after the commit.
 */
export async function publishJob(ctx: ProcessingContext, job: JobRow): Promise<void> {
  if (!(await ctx.services.pushToStream(ctx, job))) ctx.batch.afterCommit(() => ctx.services.jobsAvailable(job.type));
}

/** The element of the job was terminated: the job goes with it. */
export async function cancelJobsOf(ctx: ProcessingContext, elementInstanceKey: Key): Promise<void> {
  for (const job of await ctx.batch.find('jobs', { element_instance_key: elementInstanceKey })) {
    ctx.batch.delete('jobs', job.key);
    jobEvent(ctx, job, 'CANCELED');
  }
}

export type JobVariables = Variables;

/**
 * Zeebe's job-completion rule: without output mappings the variables propagate starting at the
 * task's own scope; with output mappings they stay local to the task and only the mappings leave it.
 */
export async function applyTaskResult(ctx: ProcessingContext, instance: ElementInstanceRow, hasOutputs: boolean, variables: Variables): Promise<void> {
  if (hasOutputs) await setLocalVariables(ctx, instance.key, instance.process_instance_key, variables, instance.tenant_id);
  else await propagateVariables(ctx, instance.key, instance.process_instance_key, variables, instance.tenant_id);
}
