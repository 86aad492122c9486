/**
 * The engine without the network: the same workload driven through `Engine.execute` in one process,
 * so the figure is the processor and the durable store alone (what gRPC and the SDK cost is the difference).
 */
import { Engine } from '../src/engine/Engine.js';
import type { ActivatedJob } from '../src/engine/processor/commands/jobCommands.js';
import { TASK_TYPES, THREE_TASKS_ID, threeTasksXml } from './processes.js';

export interface CoreResult {
  instances: number;
  seconds: number;
  instancesPerSecond: number;
  cpuMsPerInstance: number;
}

export async function runEngineCore(instances: number, dataDir: string, concurrency = 200): Promise<CoreResult> {
  const engine = await Engine.open({ dataDir });
  try {
    await engine.execute({ type: 'deploy', resources: [{ name: 'bench.bpmn', content: Buffer.from(threeTasksXml()) }] });
    const cpu = process.cpuUsage();
    const started = performance.now();
    let created = 0;
    let finished = 0;
    const create = (): Promise<unknown> | undefined =>
      created < instances ? engine.execute({ type: 'createInstance', bpmnProcessId: THREE_TASKS_ID, variables: { n: created++ } }) : undefined;
    const creators = Array.from({ length: concurrency }, async () => {
      while (created < instances) await create();
    });
    const done = new AbortController();
    const workers = TASK_TYPES.map(async (jobType, index) => {
      while (finished < instances) {
        const jobs = await engine.activateJobs({ jobType, worker: `core-${jobType}`, timeout: 60_000, maxJobs: 200, fetchVariables: [] }, 30_000, done.signal);
        await Promise.all(
          jobs.map(async (job: ActivatedJob) => {
            await engine.execute({ type: 'completeJob', jobKey: job.key, variables: { [jobType.replace('-', '_')]: true } });
            if (index === TASK_TYPES.length - 1 && ++finished === instances) done.abort();
          }),
        );
      }
    });
    await Promise.all([...creators, ...workers]);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { instances, seconds, instancesPerSecond: instances / seconds, cpuMsPerInstance: (used.user + used.system) / 1000 / instances };
  } finally {
    await engine.close();
  }
}
