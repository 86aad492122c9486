import { reject } from '../../errors.js';
import type { JsonValue, Variables } from '../../feel/feel.js';
import type { ElementInstanceRow, JobRow, Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { findCatch, triggerCatch } from '../errorEvents.js';
import { createIncident } from '../incidents.js';
import { applyTaskResult, jobEvent, publishJob } from '../jobs.js';
import { completeElement } from '../lifecycle.js';
import { setLocalVariables, visibleVariables } from '../variables.js';
import type { Command } from './types.js';
import { stringifyExactJson } from '../../exactJson.js';

export interface ActivatedJob {
  key: Key;
  type: string;
  processInstanceKey: Key;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: Key;
  elementId: string;
  elementInstanceKey: Key;
  customHeaders: string;
  worker: string;
  retries: number;
  deadline: number;
  variables: string;
  tenantId: string;
  kind: string;
}

async function jobVariables(ctx: ProcessingContext, job: JobRow, fetch: string[]): Promise<Variables> {
  const all = await visibleVariables(ctx, job.element_instance_key);
  if (fetch.length === 0) return all;
  const picked: Variables = {};
  for (const name of fetch) if (name in all) picked[name] = all[name] as JsonValue;
  return picked;
}

export async function toActivatedJob(ctx: ProcessingContext, job: JobRow, fetch: string[]): Promise<ActivatedJob> {
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.process_instance_key,
    bpmnProcessId: job.bpmn_process_id,
    processDefinitionVersion: job.process_definition_version,
    processDefinitionKey: job.process_definition_key,
    elementId: job.element_id,
    elementInstanceKey: job.element_instance_key,
    customHeaders: JSON.stringify(job.custom_headers),
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline ?? 0,
    variables: stringifyExactJson(await jobVariables(ctx, job, fetch)),
    tenantId: job.tenant_id,
    kind: job.kind,
  };
}

/** Marks a job activated for a worker until `now + timeout`. */
export function lockJob(ctx: ProcessingContext, job: JobRow, worker: string, timeout: number): JobRow {
  const locked: JobRow = { ...job, state: 'ACTIVATED', worker, deadline: ctx.now() + timeout };
  ctx.batch.put('jobs', locked);
  jobEvent(ctx, locked, 'ACTIVATED');
  ctx.batch.afterCommit(() => ctx.services.timersChanged(locked.deadline as number));
  return locked;
}

export async function activateJobs(ctx: ProcessingContext, command: Extract<Command, { type: 'activateJobs' }>): Promise<ActivatedJob[]> {
  const jobs = await ctx.batch.find('jobs', { type: command.jobType, state: 'ACTIVATABLE' }, { limit: command.maxJobs });
  const activated: ActivatedJob[] = [];
  for (const job of jobs) {
    const locked = lockJob(ctx, job, command.worker, command.timeout);
    activated.push(await toActivatedJob(ctx, locked, command.fetchVariables));
  }
  return activated;
}

async function liveJob(ctx: ProcessingContext, jobKey: Key, verb: string): Promise<JobRow> {
  const job = await ctx.batch.get('jobs', jobKey);
  if (!job) reject('NOT_FOUND', `Command '${verb}' rejected with code 'NOT_FOUND': Expected to ${verb.toLowerCase().replace('_', ' ')} job with key '${jobKey}', but no such job was found`);
  return job;
}

function requireActivatable(job: JobRow, verb: string): void {
  if (job.state === 'FAILED' || job.state === 'ERROR_THROWN') {
    reject('INVALID_STATE', `Expected to ${verb} job with key '${job.key}', but it is in state '${job.state}'`);
  }
}

/** CompleteJob is accepted while the job is ACTIVATABLE or ACTIVATED: a worker whose lock ran out may still finish. */
export async function completeJob(ctx: ProcessingContext, command: Extract<Command, { type: 'completeJob' }>): Promise<Record<string, never>> {
  const job = await liveJob(ctx, command.jobKey, 'COMPLETE');
  requireActivatable(job, 'complete');
  ctx.batch.delete('jobs', job.key);
  jobEvent(ctx, job, 'COMPLETED', { variables: command.variables });
  const instance = await ctx.instance(job.element_instance_key);
  if (instance && instance.state === 'ACTIVATED') {
    const element = await ctx.element(instance);
    if (job.kind === 'BPMN_ELEMENT' || job.kind === 'userTask') {
      await applyTaskResult(ctx, instance, element.outputs.length > 0, command.variables);
      await completeElement(ctx, instance.key);
    } else {
      await ctx.services.onSpecialJobCompleted(ctx, job, instance, command.variables);
    }
  }
  return {};
}

export async function failJob(ctx: ProcessingContext, command: Extract<Command, { type: 'failJob' }>): Promise<Record<string, never>> {
  const job = await liveJob(ctx, command.jobKey, 'FAIL');
  requireActivatable(job, 'fail');
  const retries = command.retries;
  const now = ctx.now();
  const backOff = retries > 0 && command.retryBackOff > 0;
  const failed: JobRow = {
    ...job,
    retries,
    error_message: command.errorMessage,
    worker: '',
    deadline: null,
    state: retries > 0 && !backOff ? 'ACTIVATABLE' : 'FAILED',
    recur_at: backOff ? now + command.retryBackOff : null,
  };
  ctx.batch.put('jobs', failed);
  jobEvent(ctx, failed, 'FAILED');
  if (Object.keys(command.variables).length > 0) {
    // FailJob variables stay local to the task (Zeebe semantics).
    await setLocalVariables(ctx, job.element_instance_key, job.process_instance_key, command.variables, job.tenant_id);
  }
  if (retries <= 0) {
    const instance = await ctx.instance(job.element_instance_key);
    if (instance) await createIncident(ctx, instance, 'JOB_NO_RETRIES', command.errorMessage || 'No more retries left.', job.key);
  } else if (backOff) {
    ctx.batch.afterCommit(() => ctx.services.timersChanged(failed.recur_at as number));
  } else {
    await publishJob(ctx, failed);
  }
  return {};
}

export async function throwError(ctx: ProcessingContext, command: Extract<Command, { type: 'throwError' }>): Promise<Record<string, never>> {
  const job = await liveJob(ctx, command.jobKey, 'THROW_ERROR');
  requireActivatable(job, 'throw an error for');
  const instance = (await ctx.instance(job.element_instance_key)) as ElementInstanceRow;
  const found = await findCatch(ctx, instance, command.errorCode, 'error');
  if (found) {
    // As in Zeebe, the job is done with ERROR_THROWN before the catch terminates the task, so the
    // termination does not cancel it as well.
    ctx.batch.delete('jobs', job.key);
    jobEvent(ctx, job, 'ERROR_THROWN', { errorCode: command.errorCode, errorMessage: command.errorMessage });
    await triggerCatch(ctx, found, command.variables, true);
    return {};
  }
  const thrown: JobRow = { ...job, state: 'ERROR_THROWN', error_code: command.errorCode, error_message: command.errorMessage, worker: '', deadline: null };
  ctx.batch.put('jobs', thrown);
  jobEvent(ctx, thrown, 'ERROR_THROWN');
  await createIncident(
    ctx,
    instance,
    'UNHANDLED_ERROR_EVENT',
    `Expected to throw an error event with the code '${command.errorCode}' with message '${command.errorMessage}', but it was not caught. No error events are available in the scope.`,
    job.key,
  );
  return {};
}

export async function updateJobRetries(ctx: ProcessingContext, command: Extract<Command, { type: 'updateJobRetries' }>): Promise<Record<string, never>> {
  if (command.retries < 1) reject('INVALID_ARGUMENT', `Expected retries to be greater than 0, but was ${command.retries}`);
  const job = await liveJob(ctx, command.jobKey, 'UPDATE_RETRIES');
  const updated = { ...job, retries: command.retries };
  ctx.batch.put('jobs', updated);
  jobEvent(ctx, updated, 'RETRIES_UPDATED');
  return {};
}

export async function updateJobTimeout(ctx: ProcessingContext, command: Extract<Command, { type: 'updateJobTimeout' }>): Promise<Record<string, never>> {
  const job = await liveJob(ctx, command.jobKey, 'UPDATE_TIMEOUT');
  if (job.state !== 'ACTIVATED') reject('INVALID_STATE', `Expected to update the timeout of job with key '${job.key}', but it is not active`);
  const updated = { ...job, deadline: ctx.now() + command.timeout };
  ctx.batch.put('jobs', updated);
  jobEvent(ctx, updated, 'TIMEOUT_UPDATED');
  ctx.batch.afterCommit(() => ctx.services.timersChanged());
  return {};
}

/** A pushed job whose stream went away goes back to the pool. */
export async function yieldJob(ctx: ProcessingContext, command: Extract<Command, { type: 'yieldJob' }>): Promise<Record<string, never>> {
  const job = await ctx.batch.get('jobs', command.jobKey);
  if (!job || job.state !== 'ACTIVATED') return {};
  // Only the activation that was yielded: not one a later worker got after its lock ran out.
  if (command.deadline !== undefined && job.deadline !== command.deadline) return {};
  const yielded: JobRow = { ...job, state: 'ACTIVATABLE', worker: '', deadline: null };
  ctx.batch.put('jobs', yielded);
  jobEvent(ctx, yielded, 'YIELDED');
  ctx.batch.afterCommit(() => ctx.services.jobsAvailable(job.type));
  return {};
}

/** Lock timeouts make jobs activatable again with retries unchanged; back-offs end. */
export async function expireJobLocks(ctx: ProcessingContext): Promise<void> {
  const now = ctx.now();
  const { knex } = ctx.services.store;
  const timedOut = (await knex('jobs').select('key').where('state', 'ACTIVATED').andWhere('deadline', '<=', now).limit(1000)) as { key: Key }[];
  for (const { key } of timedOut) {
    const job = await ctx.batch.get('jobs', key);
    if (!job || job.state !== 'ACTIVATED' || (job.deadline ?? Infinity) > now) continue;
    const reopened: JobRow = { ...job, state: 'ACTIVATABLE', worker: '', deadline: null };
    ctx.batch.put('jobs', reopened);
    jobEvent(ctx, reopened, 'TIMED_OUT');
    await publishJob(ctx, reopened);
  }
  const recurring = (await knex('jobs').select('key').where('state', 'FAILED').andWhere('recur_at', '<=', now).limit(1000)) as { key: Key }[];
  for (const { key } of recurring) {
    const job = await ctx.batch.get('jobs', key);
    if (!job || job.state !== 'FAILED' || job.recur_at === null || job.recur_at > now) continue;
    const reopened: JobRow = { ...job, state: 'ACTIVATABLE', recur_at: null };
    ctx.batch.put('jobs', reopened);
    jobEvent(ctx, reopened, 'RECURRED_AFTER_BACKOFF');
    await publishJob(ctx, reopened);
  }
}
