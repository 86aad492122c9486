import { PROCESSES, type TaskType } from '../processes/generated/task-types.js';
import { AuditTrail } from '../src/audit/AuditTrail.js';
import type { AuditDatabase } from '../src/audit/AuditDatabase.js';
import { disciplinareHandlers } from './disciplinare/index.js';
import { formazioneHandlers } from './formazione/index.js';
import { selezioneHandlers } from './selezione/index.js';
import { Mailer, type SmtpSettings } from './shared/Mailer.js';
import { notifyHandlers } from './shared/notify.js';
import type { ZeebeGrpcClient } from './shared/sdk.js';
import { runHandler, type AnyTaskHandler, type HandlerMap } from './shared/TaskHandler.js';
import { DEFAULT_ADDRESSES, type OfficeAddresses, type WorkerContext } from './shared/WorkerContext.js';

export type { WorkerContext } from './shared/WorkerContext.js';
export type { SmtpSettings } from './shared/Mailer.js';

/** Every handler, keyed by the task types generated from the BPMN. */
export const ALL_HANDLERS: HandlerMap = {
  ...notifyHandlers,
  ...disciplinareHandlers,
  ...selezioneHandlers,
  ...formazioneHandlers,
};

/** Task types of service and send tasks in the deployed models. */
export function modelTaskTypes(): TaskType[] {
  return [...new Set(Object.values(PROCESSES).flatMap((p) => p.taskTypes as readonly TaskType[]))].sort();
}

export interface StartWorkersOptions {
  zeebe: ZeebeGrpcClient;
  db: AuditDatabase;
  smtp: SmtpSettings;
  dataDir: string;
  addresses?: Partial<OfficeAddresses>;
  /** Defaults to the wall clock; tests follow the engine's pinned clock. */
  now?: () => Date;
  /** Job timeout: a job not ended within it is handed to another worker (the handlers are idempotent). */
  timeoutMs?: number;
}

export interface RunningWorkers {
  readonly taskTypes: TaskType[];
  close(): Promise<void>;
}

/** Starts one SDK worker per task type of the models; each handler ends its job with complete, fail or error. */
export function startWorkers(options: StartWorkersOptions): RunningWorkers {
  const missing = modelTaskTypes().filter((t) => !ALL_HANDLERS[t]);
  if (missing.length > 0) throw new Error(`no handler for task types: ${missing.join(', ')}`);
  const mailer = new Mailer(options.smtp);
  const ctx: WorkerContext = {
    knex: options.db.knex,
    audit: new AuditTrail(options.db),
    mailer,
    dataDir: options.dataDir,
    addresses: { ...DEFAULT_ADDRESSES, ...options.addresses },
    now: options.now ?? (() => new Date()),
  };
  const taskTypes = modelTaskTypes();
  const workers = taskTypes.map((taskType) => {
    const fn = ALL_HANDLERS[taskType] as AnyTaskHandler;
    return options.zeebe.createWorker({
      taskType,
      taskHandler: (job) => runHandler(fn, job, ctx),
      timeout: options.timeoutMs ?? 30_000,
      maxJobsToActivate: 8,
      pollInterval: 300,
    });
  });
  return {
    taskTypes,
    async close() {
      await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
      mailer.close();
    },
  };
}
