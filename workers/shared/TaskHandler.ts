import type { TaskType } from '../../processes/generated/task-types.js';
import { DomainValidationError } from '../../src/domain/index.js';
import { auditedJob, jobEntity, JobAuditNote } from './auditedJob.js';
import { BusinessError, WorkerInputError } from './errors.js';
import type { ICustomHeaders, IInputVariables, JSONDoc, MustReturnJobActionAcknowledgement, ZeebeJob } from './sdk.js';
import type { WorkerContext } from './WorkerContext.js';

/**
 * A job handler: `job` is typed with its input variables and custom headers. Every path ends the
 * job explicitly: `job.complete(...)`, `job.error(code)` through a thrown BusinessError, or
 * `job.fail(...)` (done by `runHandler` for thrown input or technical errors).
 */
export type TaskHandler<In = IInputVariables, Headers = ICustomHeaders> = (
  job: ZeebeJob<In, Headers, OutputVariables>,
  ctx: WorkerContext,
) => MustReturnJobActionAcknowledgement;

/** A handler with its types erased, as the worker registry stores it. */
/** Output variables: any JSON value, null included (the SDK's JSON type omits null). */
export type OutputVariables = Record<string, unknown>;

/** What the shared helpers need to know about the job they act for. */
export type JobRef = Pick<ZeebeJob, 'key' | 'type' | 'processInstanceKey'>;

export type AnyTaskHandler = (job: ZeebeJob, ctx: WorkerContext) => MustReturnJobActionAcknowledgement;

export type HandlerMap = Partial<Record<TaskType, AnyTaskHandler>>;

/** Registers a typed handler; the cast is sound because Zeebe hands the handler whatever the model sends. */
export function handler<In, Headers = ICustomHeaders>(fn: TaskHandler<In, Headers>): AnyTaskHandler {
  return fn as unknown as AnyTaskHandler;
}

/** Technical retries back off so a flapping SMTP server or locked database gets time to recover. */
export const RETRY_BACKOFF_MS = 2_000;

/**
 * Runs a handler and turns what it throws into the one right job outcome:
 * - BusinessError → `job.error(code)` (a boundary event in the model catches it);
 * - WorkerInputError → `job.fail` with no retries: an incident with a clear message, since retrying
 *   the same variables cannot succeed;
 * - anything else → `job.fail` with one retry fewer and a back-off (technical failure).
 * The worker process never crashes on a bad job.
 */
export async function runHandler(fn: AnyTaskHandler, job: ZeebeJob, ctx: WorkerContext): Promise<Awaited<MustReturnJobActionAcknowledgement>> {
  // A handler that already ended its job (complete rejected, e.g. the instance was cancelled meanwhile)
  // must not end it a second time.
  let ended = false;
  // Every outcome the handler reports is also appended to the audit trail, with its outputs.
  const note = new JobAuditNote();
  const audited = auditedJob(job, ctx, note);
  const tracked: ZeebeJob = {
    ...audited,
    complete: (variables) => { ended = true; return audited.complete(variables); },
    error: ((code: never, message?: string) => { ended = true; return audited.error(code, message); }) as ZeebeJob['error'],
    fail: ((config: never) => { ended = true; return audited.fail(config); }) as ZeebeJob['fail'],
  };
  try {
    return await fn(tracked, { ...ctx, jobAudit: note });
  } catch (error) {
    if (ended) return 'JOB_ACTION_ACKNOWLEDGEMENT';
    const failure = describeFailure(error, job);
    await recordFailure(ctx, job, failure).catch(() => undefined);
    if (error instanceof BusinessError) {
      return job.error({ errorCode: error.errorCode, errorMessage: error.message, variables: error.variables as JSONDoc });
    }
    if (error instanceof WorkerInputError || error instanceof DomainValidationError) {
      return job.fail({ errorMessage: failure.message, retries: 0 });
    }
    return job.fail({ errorMessage: failure.message, retries: Math.max(0, job.retries - 1), retryBackOff: RETRY_BACKOFF_MS });
  }
}

interface FailureDescription {
  kind: 'business' | 'input' | 'technical';
  message: string;
}

function describeFailure(error: unknown, job: ZeebeJob): FailureDescription {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof BusinessError) return { kind: 'business', message: text };
  if (error instanceof WorkerInputError || error instanceof DomainValidationError) return { kind: 'input', message: `${job.type} (${job.elementId}): ${text}` };
  return { kind: 'technical', message: `${job.type} (${job.elementId}): errore tecnico: ${text}` };
}

async function recordFailure(ctx: WorkerContext, job: ZeebeJob, failure: FailureDescription): Promise<void> {
  const data: JSONDoc = { taskType: job.type, elementId: job.elementId, kind: failure.kind, message: failure.message };
  await ctx.audit.append({
    actor: { type: 'worker', id: job.type, jobKey: String(job.key) },
    action: failure.kind === 'business' ? 'job.error' : 'job.fail',
    entity: jobEntity(job),
    data: data as { [key: string]: string },
  });
}
