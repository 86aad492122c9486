import { createHash } from 'node:crypto';
import type { AuditEntity, AuditEntryInput, JsonValue } from '../../src/audit/index.js';
import { canonicalJson } from '../../src/audit/index.js';
import type { ZeebeJob } from './sdk.js';
import type { WorkerContext } from './WorkerContext.js';

/** Outputs above this size are recorded by their hash and names, so one entry stays under the trail's 64 KiB. */
const MAX_RECORDED_OUTPUT_BYTES = 32 * 1024;

type JobOutcome = 'job.complete' | 'job.fail' | 'job.error';

/** The entity every job entry points at: the job, its instance and, when the case names one, its Comune. */
export function jobEntity(job: Pick<ZeebeJob, 'key' | 'processInstanceKey' | 'variables'>): AuditEntity {
  const code = (job.variables as Record<string, unknown> | undefined)?.codiceIstat;
  const comune = (typeof code === 'string' || typeof code === 'number') && /^\d{6}$/.test(String(code)) ? String(code) : undefined;
  return { type: 'job', key: String(job.key), processInstanceKey: String(job.processInstanceKey), ...(comune ? { comune } : {}) };
}

/** The variables a job ended with, as the trail keeps them (hash and names when they are too big). */
export function recordedOutputs(variables: unknown): JsonValue {
  if (variables === undefined || variables === null) return {};
  const json = canonicalJson(variables as JsonValue);
  if (Buffer.byteLength(json) <= MAX_RECORDED_OUTPUT_BYTES) return JSON.parse(json) as JsonValue;
  return {
    truncated: true,
    sha256: createHash('sha256').update(json).digest('hex'),
    bytes: Buffer.byteLength(json),
    names: typeof variables === 'object' ? Object.keys(variables as object).sort() : [],
  };
}

/**
 * What a shared step (a notice, a publication) adds to its job's one `job.complete` entry: the act's
 * details under a name of their own, the Comune when the job's variables do not name it, the legal rule.
 */
export interface JobAuditDetails {
  data: { [key: string]: JsonValue };
  comune?: string;
  legalRule?: string;
}

/**
 * The details collected while one job runs, merged into the entry its outcome writes, so a job leaves
 * one entry with both what the step did and the outputs the engine took.
 */
export class JobAuditNote {
  private details: JobAuditDetails = { data: {} };

  add(more: JobAuditDetails): void {
    this.details = {
      data: { ...this.details.data, ...more.data },
      comune: this.details.comune ?? more.comune,
      legalRule: more.legalRule ?? this.details.legalRule,
    };
  }

  get current(): JobAuditDetails {
    return this.details;
  }
}

/**
 * Adds a step's details to its job's entry. Outside `runHandler` (no note to add to), the step records
 * them in a `job.complete` entry of its own, so nothing goes unrecorded.
 */
export async function noteJobDetails(ctx: Pick<WorkerContext, 'audit' | 'jobAudit'>, job: Pick<ZeebeJob, 'key' | 'type' | 'processInstanceKey'>, details: JobAuditDetails): Promise<void> {
  if (ctx.jobAudit) {
    ctx.jobAudit.add(details);
    return;
  }
  await ctx.audit.append({
    actor: { type: 'worker', id: job.type, jobKey: String(job.key) },
    action: 'job.complete',
    entity: { type: 'job', key: String(job.key), processInstanceKey: String(job.processInstanceKey), ...(details.comune ? { comune: details.comune } : {}) },
    data: details.data,
    ...(details.legalRule ? { legalRule: details.legalRule } : {}),
  });
}

/**
 * The job as handlers see it: `complete`, `fail` and `error` append job.complete / job.fail /
 * job.error (with the outputs, the error code or the failure message) once the engine has accepted
 * them, so every handler path leaves its entry without each handler writing it. A completion also
 * carries what the job's steps noted (`note`): one entry per job.
 */
export function auditedJob(job: ZeebeJob, ctx: Pick<WorkerContext, 'audit'>, note?: JobAuditNote): ZeebeJob {
  const record = async (action: JobOutcome, data: { [key: string]: JsonValue }): Promise<void> => {
    // A step's details belong to the completion only: a failed or errored job did not do the act.
    const details = action === 'job.complete' ? note?.current : undefined;
    const entity = jobEntity(job);
    const entry: AuditEntryInput = {
      actor: { type: 'worker', id: job.type, jobKey: String(job.key) },
      action,
      entity: { ...entity, ...(!entity.comune && details?.comune ? { comune: details.comune } : {}) },
      data: { taskType: job.type, elementId: job.elementId, ...details?.data, ...data },
      ...(details?.legalRule ? { legalRule: details.legalRule } : {}),
    };
    // The engine already took the outcome: a trail write failing must not turn it into a job failure.
    await ctx.audit.append(entry).catch((error: unknown) => console.error(`[audit] ${action} of job ${String(job.key)} not recorded:`, error));
  };
  const after = async <T>(ack: Promise<T>, action: JobOutcome, data: { [key: string]: JsonValue }): Promise<T> => {
    const result = await ack;
    await record(action, data);
    return result;
  };
  return {
    ...job,
    complete: (variables) => after(job.complete(variables), 'job.complete', { outputs: recordedOutputs(variables) }),
    fail: ((config: unknown, retries?: number) => {
      const c = typeof config === 'string' ? { errorMessage: config, retries } : (config as { errorMessage?: string; retries?: number; retryBackOff?: number });
      const data = { message: c.errorMessage ?? null, retries: c.retries ?? null, retryBackOff: c.retryBackOff ?? null };
      return after((job.fail as (...args: unknown[]) => Promise<unknown>)(config, retries), 'job.fail', data);
    }) as ZeebeJob['fail'],
    error: ((code: unknown, message?: string) => {
      const c = typeof code === 'string' ? { errorCode: code, errorMessage: message } : (code as { errorCode: string; errorMessage?: string; variables?: unknown });
      const data = { errorCode: c.errorCode, message: c.errorMessage ?? null, outputs: recordedOutputs((c as { variables?: unknown }).variables) };
      return after((job.error as (...args: unknown[]) => Promise<unknown>)(code, message), 'job.error', data);
    }) as ZeebeJob['error'],
  };
}
