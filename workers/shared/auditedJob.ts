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
 * The job as handlers see it: `complete`, `fail` and `error` append job.complete / job.fail /
 * job.error (with the outputs, the error code or the failure message) once the engine has accepted
 * them, so every handler path leaves its entry without each handler writing it.
 */
export function auditedJob(job: ZeebeJob, ctx: Pick<WorkerContext, 'audit'>): ZeebeJob {
  const record = async (action: JobOutcome, data: { [key: string]: JsonValue }): Promise<void> => {
    const entry: AuditEntryInput = {
      actor: { type: 'worker', id: job.type, jobKey: String(job.key) },
      action,
      entity: jobEntity(job),
      data: { taskType: job.type, elementId: job.elementId, ...data },
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
