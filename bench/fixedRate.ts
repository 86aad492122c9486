/**
 * Fixed-rate mode: instances of start → 3 service tasks → end are started at a set rate (not as fast as
 * the engine answers), so latency is measured below saturation, the way a deployment sees it. The engine
 * runs in its own process, the three @camunda8/sdk workers (streaming or long-polling) in this one.
 * Activation latency is job created (the engine's JOB CREATED record) → the job in the worker's handler;
 * both clocks are the same machine's Date.now().
 */
import path from 'node:path';
import knexFactory from 'knex';
import { EngineChild } from './EngineChild.js';
import { sdkClient } from './embeddedThroughput.js';
import { TASK_TYPES, THREE_TASKS_ID, threeTasksXml } from './processes.js';
import { atFixedRate, summarize, type LatencySummary } from './stats.js';

export interface FixedRateOptions {
  rate: number;
  seconds: number;
  workerMode: 'poll' | 'stream';
  maxJobsToActivate: number;
  pollIntervalMs: number;
  dataDir: string;
}

export interface FixedRateResult {
  workerMode: 'poll' | 'stream';
  instances: number;
  /** Starts per second actually reached. */
  achievedRate: number;
  activation: LatencySummary;
  job: LatencySummary;
  instance: LatencySummary;
  engineCpuMsPerInstance: number;
  loadAverage: number;
}

async function engineLatencies(dataDir: string, delivered: Map<string, number>): Promise<{ activation: number[]; job: number[]; instance: number[] }> {
  const db = knexFactory({ client: 'sqlite3', connection: { filename: path.join(dataDir, 'engine.sqlite') }, useNullAsDefault: true });
  try {
    type Row = { key: number; intent: string; timestamp: number; value_type: string; element_id: string | null };
    const rows = (await db('records')
      .select('key', 'intent', 'timestamp', 'value_type', 'element_id')
      .whereIn('value_type', ['JOB', 'PROCESS_INSTANCE_CREATION', 'PROCESS_INSTANCE'])
      .whereIn('intent', ['CREATED', 'COMPLETED', 'ELEMENT_COMPLETED'])) as Row[];
    const jobCreated = new Map<number, number>();
    const instanceCreated = new Map<number, number>();
    for (const r of rows) {
      if (r.value_type === 'JOB' && r.intent === 'CREATED') jobCreated.set(r.key, r.timestamp);
      if (r.value_type === 'PROCESS_INSTANCE_CREATION') instanceCreated.set(r.key, r.timestamp);
    }
    const activation: number[] = [];
    const job: number[] = [];
    const instance: number[] = [];
    for (const [key, at] of delivered) {
      const created = jobCreated.get(Number(key));
      if (created !== undefined) activation.push(at - created);
    }
    for (const r of rows) {
      if (r.value_type === 'JOB' && r.intent === 'COMPLETED' && jobCreated.has(r.key)) job.push(r.timestamp - (jobCreated.get(r.key) as number));
      if (r.value_type === 'PROCESS_INSTANCE' && r.element_id === THREE_TASKS_ID && instanceCreated.has(r.key)) instance.push(r.timestamp - (instanceCreated.get(r.key) as number));
    }
    return { activation, job, instance };
  } finally {
    await db.destroy();
  }
}

export async function runFixedRate(options: FixedRateOptions): Promise<FixedRateResult> {
  const engine = await EngineChild.start(options.dataDir);
  const zeebe = sdkClient(engine.address, options.dataDir);
  const total = Math.round(options.rate * options.seconds);
  try {
    await zeebe.deployResource({ name: 'bench.bpmn', process: Buffer.from(threeTasksXml()) } as never);
    const delivered = new Map<string, number>();
    let finished = 0;
    let allDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allDone = resolve));
    const last = TASK_TYPES[TASK_TYPES.length - 1];
    const handler = (taskType: string) => async (job: { key: string; complete(v?: object): Promise<unknown> }) => {
      delivered.set(job.key, Date.now());
      const ack = await job.complete({ [taskType.replace('-', '_')]: true });
      if (taskType === last && ++finished === total) allDone();
      return ack as never;
    };
    const workers: { close(): unknown }[] = await Promise.all(
      TASK_TYPES.map((taskType) =>
        options.workerMode === 'stream'
          ? zeebe.streamJobs({ type: taskType, worker: `rate-${taskType}`, timeout: 60_000, tenantIds: [], taskHandler: handler(taskType) as never })
          : zeebe.createWorker({ taskType, id: `rate-${taskType}`, timeout: 60_000, maxJobsToActivate: options.maxJobsToActivate, pollInterval: options.pollIntervalMs, taskHandler: handler(taskType) as never }),
      ),
    );
    // Let the streams open and the first long polls arrive before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await engine.memory();
    const { seconds } = await atFixedRate(total, options.rate, async (i) => {
      await zeebe.createProcessInstance({ bpmnProcessId: THREE_TASKS_ID, variables: { n: i } });
    });
    await done;
    const after = await engine.memory();
    await Promise.all(workers.map((w) => w.close()));
    const { activation, job, instance } = await engineLatencies(options.dataDir, delivered);
    return {
      workerMode: options.workerMode,
      instances: total,
      achievedRate: total / seconds,
      activation: summarize(activation),
      job: summarize(job),
      instance: summarize(instance),
      engineCpuMsPerInstance: (after.cpuMs - before.cpuMs) / total,
      loadAverage: (await import('node:os')).loadavg()[0],
    };
  } finally {
    await zeebe.close().catch(() => undefined);
    await engine.stop();
  }
}
