/**
 * `npm run bench`: throughput, latency and memory of the embedded engine (durable SQLite store,
 * gRPC workers), side by side with bpmn-engine running the same process in memory.
 *
 *   npm run bench -- [instances] [--waiting=20000] [--concurrency=200] [--workers=poll|stream] [--only=embedded,bpmn-engine,waiting]
 *   BENCH_INSTANCES, BENCH_WAITING, BENCH_CONCURRENCY, BENCH_WORKERS, BENCH_MAX_JOBS set the same from the environment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEmbeddedThroughput } from './embeddedThroughput.js';
import { mb } from './stats.js';

function option(name: string, fallback: string): string {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (flag) return flag.slice(name.length + 3);
  return process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
}

const positional = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const instances = Number(positional ?? option('instances', '2000'));
const concurrency = Number(option('concurrency', '200'));
const workerMode = option('workers', 'poll') === 'stream' ? 'stream' : 'poll';
const maxJobs = Number(option('max_jobs', '32'));
const pollIntervalMs = Number(option('poll_interval', '300'));
const only = new Set(option('only', 'embedded,bpmn-engine,waiting').split(','));

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-bench-'));
console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}; data in ${root}`);

try {
  if (only.has('embedded')) {
    const r = await runEmbeddedThroughput({ instances, concurrency, workerMode, maxJobsToActivate: maxJobs, pollIntervalMs, dataDir: path.join(root, 'throughput') });
    console.log(`embedded: ${r.instances} instances in ${r.seconds.toFixed(2)} s = ${r.instancesPerSecond.toFixed(0)} inst/s; job p50 ${r.jobLatency.p50} ms p99 ${r.jobLatency.p99} ms; instance p50 ${r.instanceLatency.p50} p99 ${r.instanceLatency.p99}; peak RSS ${mb(r.peakRss)} heap ${mb(r.peakHeap)}; ${r.queriesPerInstance.toFixed(1)} SQL/instance, ${r.transactions} transactions; engine CPU ${r.engineCpuMsPerInstance.toFixed(2)} ms/instance, client CPU ${r.clientCpuMsPerInstance.toFixed(2)} ms/instance`);
  }
} finally {
  if (!process.env.BENCH_KEEP) fs.rmSync(root, { recursive: true, force: true });
}
