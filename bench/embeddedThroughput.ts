/**
 * The embedded engine under load: N instances of start → 3 service tasks → end, created over gRPC
 * with a bounded number of creates in flight, worked by 3 @camunda8/sdk job workers (one per task
 * type) in this process while the engine runs in its own process.
 */
import path from 'node:path';
import knexFactory from 'knex';
import { Camunda8 } from '@camunda8/sdk';
import { readEngineClient } from '../src/camunda/embeddedEngineLogin.js';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe/index.js';
import { EngineChild } from './EngineChild.js';
import { TASK_TYPES, THREE_TASKS_ID, threeTasksXml } from './processes.js';
import { pool, summarize, type LatencySummary } from './stats.js';

export interface ThroughputOptions {
  instances: number;
  /** Creates in flight at once. */
  concurrency: number;
  /** `poll`: SDK createWorker (long-polling ActivateJobs); `stream`: SDK streamJobs (StreamActivatedJobs). */
  workerMode: 'poll' | 'stream';
  maxJobsToActivate: number;
  /** The SDK worker's pause between polls (its default is 300 ms). */
  pollIntervalMs: number;
  dataDir: string;
}

export interface ThroughputResult {
  instances: number;
  seconds: number;
  instancesPerSecond: number;
  /** Engine record log: JOB CREATED → JOB COMPLETED, ms. */
  jobLatency: LatencySummary;
  /** Engine record log: instance CREATED → process ELEMENT_COMPLETED, ms. */
  instanceLatency: LatencySummary;
  peakRss: number;
  peakHeap: number;
  queriesPerInstance: number;
  transactions: number;
  /** CPU time of the engine process (all its threads, SQLite included) per completed instance. */
  engineCpuMsPerInstance: number;
  /** CPU time of this process (the SDK client: creates and the three workers) per completed instance. */
  clientCpuMsPerInstance: number;
}

/** An SDK client signed in (Basic) as the engine's job-workers client, read from the credentials file of `dataDir`. */
export function sdkClient(address: string, dataDir: string): ZeebeGrpcClient {
  const client = readEngineClient(dataDir, 'job-workers');
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    ...(client ? { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: client.id, CAMUNDA_BASIC_AUTH_PASSWORD: client.secret } : { CAMUNDA_AUTH_STRATEGY: 'NONE' }),
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never);
  return camunda.getZeebeGrpcApiClient();
}

async function latencies(dataDir: string): Promise<{ jobs: number[]; instances: number[] }> {
  const db = knexFactory({ client: 'sqlite3', connection: { filename: path.join(dataDir, 'engine.sqlite') }, useNullAsDefault: true });
  try {
    type Row = { key: number; intent: string; timestamp: number; value_type: string; element_id: string | null };
    const rows = (await db('records')
      .select('key', 'intent', 'timestamp', 'value_type', 'element_id')
      .whereIn('value_type', ['JOB', 'PROCESS_INSTANCE_CREATION', 'PROCESS_INSTANCE'])
      .whereIn('intent', ['CREATED', 'COMPLETED', 'ELEMENT_COMPLETED'])) as Row[];
    const jobCreated = new Map<number, number>();
    const instanceCreated = new Map<number, number>();
    const jobs: number[] = [];
    const instances: number[] = [];
    for (const r of rows) {
      if (r.value_type === 'JOB' && r.intent === 'CREATED') jobCreated.set(r.key, r.timestamp);
      if (r.value_type === 'PROCESS_INSTANCE_CREATION') instanceCreated.set(r.key, r.timestamp);
    }
    for (const r of rows) {
      if (r.value_type === 'JOB' && r.intent === 'COMPLETED' && jobCreated.has(r.key)) jobs.push(r.timestamp - (jobCreated.get(r.key) as number));
      if (r.value_type === 'PROCESS_INSTANCE' && r.element_id === THREE_TASKS_ID && instanceCreated.has(r.key)) {
        instances.push(r.timestamp - (instanceCreated.get(r.key) as number));
      }
    }
    return { jobs, instances };
  } finally {
    await db.destroy();
  }
}

export async function runEmbeddedThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const engine = await EngineChild.start(options.dataDir);
  const zeebe = sdkClient(engine.address, options.dataDir);
  try {
    await zeebe.deployResource({ name: 'bench.bpmn', process: Buffer.from(threeTasksXml()) } as never);
    const before = await engine.memory();
    let finished = 0;
    let allDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allDone = resolve));
    const last = TASK_TYPES[TASK_TYPES.length - 1];
    const handler = (taskType: string) => async (job: { complete(v?: object): Promise<unknown> }) => {
      const ack = await job.complete({ [taskType.replace('-', '_')]: true });
      if (taskType === last && ++finished === options.instances) allDone();
      return ack as never;
    };
    const workers: { close(): unknown }[] = await Promise.all(
      TASK_TYPES.map((taskType) =>
        options.workerMode === 'stream'
          ? zeebe.streamJobs({ type: taskType, worker: `bench-${taskType}`, timeout: 60_000, tenantIds: [], taskHandler: handler(taskType) as never })
          : zeebe.createWorker({ taskType, id: `bench-${taskType}`, timeout: 60_000, maxJobsToActivate: options.maxJobsToActivate, pollInterval: options.pollIntervalMs, taskHandler: handler(taskType) as never }),
      ),
    );
    const started = performance.now();
    const clientCpu = process.cpuUsage();
    await pool(options.instances, options.concurrency, async (i) => {
      await zeebe.createProcessInstance({ bpmnProcessId: THREE_TASKS_ID, variables: { n: i } });
    });
    await done;
    const seconds = (performance.now() - started) / 1000;
    const clientCpuUsed = process.cpuUsage(clientCpu);
    const after = await engine.memory();
    await Promise.all(workers.map((w) => w.close()));
    const { jobs, instances } = await latencies(options.dataDir);
    return {
      instances: options.instances,
      seconds,
      instancesPerSecond: options.instances / seconds,
      jobLatency: summarize(jobs),
      instanceLatency: summarize(instances),
      peakRss: after.maxRss,
      peakHeap: after.peakHeap,
      queriesPerInstance: (after.queries - before.queries) / options.instances,
      transactions: after.transactions - before.transactions,
      engineCpuMsPerInstance: (after.cpuMs - before.cpuMs) / options.instances,
      clientCpuMsPerInstance: (clientCpuUsed.user + clientCpuUsed.system) / 1000 / options.instances,
    };
  } finally {
    await zeebe.close().catch(() => undefined);
    await engine.stop();
  }
}
