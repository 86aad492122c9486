/**
 * Child process of the benchmark: bpmn-engine (in memory, no persistence) running the same process,
 * its service tasks in-process functions that answer on the next turn of the event loop.
 * BENCH_MODE=throughput: N instances, at most CONCURRENCY running; BENCH_MODE=waiting: N instances
 * parked at a service task that never answers; BENCH_MODE=rate: N instances started at BENCH_RATE a second.
 * Replies once over IPC.
 */
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import { THREE_TASKS_ID, threeTasksXmlForBpmnEngine } from './processes.js';
import { atFixedRate, pool, sampleMemory, summarize, type LatencySummary, type MemorySample } from './stats.js';

export type BpmnEngineReply =
  | { type: 'throughput'; seconds: number; instancesPerSecond: number; latency: LatencySummary; peakRss: number; peakHeap: number; cpuMsPerInstance: number }
  | { type: 'waiting'; samples: { instances: number; memory: MemorySample }[] }
  | { type: 'rate'; achievedRate: number; latency: LatencySummary; cpuMsPerInstance: number };

const mode = process.env.BENCH_MODE;
const instances = Number(process.env.BENCH_N);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 200);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
type Callback = (error: Error | null, result?: unknown) => void;

/** The XML is parsed once and the parsed model shared, as the embedded engine caches its models. */
async function parsed(source: string): Promise<unknown> {
  return new BpmnModdle().fromXML(source);
}

let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);

async function throughput(): Promise<BpmnEngineReply> {
  const moddleContext = await parsed(threeTasksXmlForBpmnEngine());
  const answer = (_ctx: unknown, next: Callback): void => void setImmediate(() => next(null, { done: true }));
  const services = { bench_a: answer, bench_b: answer, bench_c: answer };
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await pool(instances, concurrency, async (i) => {
    const t0 = performance.now();
    const engine = new Engine({ name: `${THREE_TASKS_ID}-${i}`, moddleContext });
    await new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', reject);
      void engine.execute({ services, variables: { n: i } });
    });
    latencies.push(performance.now() - t0);
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    type: 'throughput',
    seconds,
    instancesPerSecond: instances / seconds,
    latency: summarize(latencies),
    peakRss: sampleMemory().maxRss,
    peakHeap,
    cpuMsPerInstance: (used.user + used.system) / 1000 / instances,
  };
}

async function rate(): Promise<BpmnEngineReply> {
  const moddleContext = await parsed(threeTasksXmlForBpmnEngine());
  const answer = (_ctx: unknown, next: Callback): void => void setImmediate(() => next(null, { done: true }));
  const services = { bench_a: answer, bench_b: answer, bench_c: answer };
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const { seconds } = await atFixedRate(instances, Number(process.env.BENCH_RATE), async (i) => {
    const t0 = performance.now();
    const engine = new Engine({ name: `${THREE_TASKS_ID}-${i}`, moddleContext });
    await new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', reject);
      void engine.execute({ services, variables: { n: i } });
    });
    latencies.push(performance.now() - t0);
  });
  const used = process.cpuUsage(cpu);
  return { type: 'rate', achievedRate: instances / seconds, latency: summarize(latencies), cpuMsPerInstance: (used.user + used.system) / 1000 / instances };
}

async function waiting(): Promise<BpmnEngineReply> {
  const moddleContext = await parsed(threeTasksXmlForBpmnEngine(['never', 'never', 'never']));
  const never = (): void => undefined;
  const engines: Engine[] = [];
  gc();
  const samples = [{ instances: 0, memory: sampleMemory() }];
  const step = Math.max(1, Math.floor(instances / 4));
  for (let i = 0; i < instances; i++) {
    const engine = new Engine({ name: `waiting-${i}`, moddleContext });
    await engine.execute({ services: { never }, variables: { n: i } });
    engines.push(engine);
    if ((i + 1) % step === 0 || i + 1 === instances) {
      gc();
      samples.push({ instances: i + 1, memory: sampleMemory() });
    }
  }
  return { type: 'waiting', samples };
}

const reply = mode === 'waiting' ? await waiting() : mode === 'rate' ? await rate() : await throughput();
clearInterval(sampler);
process.send?.(reply);
process.exit(0);
