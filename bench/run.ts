/**
 * `npm run bench`: throughput, latency and memory of the embedded engine (durable SQLite store in
 * WAL mode with synchronous=FULL, gRPC gateway, @camunda8/sdk workers), side by side with bpmn-engine
 * running the same process in memory, plus memory with many waiting instances.
 *
 *   npm run bench -- [instances] [--waiting=20000] [--concurrency=200] [--workers=poll|stream]
 *                    [--max_jobs=200] [--poll_interval=10] [--only=core,embedded,bpmn-engine,waiting,follower,web,growth,rate,monitoring]
 *                    [--follower_instances=10000] [--follower_rate=500] [--web_cases=10000] [--web_filler=22000]
 *                    [--growth_instances=10000]
 *                    [--rate=500] [--rate_seconds=20]   (with --only=rate: the fixed-rate latency mode)
 *   BENCH_INSTANCES, BENCH_WAITING, BENCH_CONCURRENCY, BENCH_WORKERS, BENCH_MAX_JOBS, BENCH_POLL_INTERVAL,
 *   BENCH_FOLLOWER_INSTANCES, BENCH_FOLLOWER_RATE, BENCH_WEB_CASES, BENCH_WEB_FILLER, BENCH_RATE, BENCH_RATE_SECONDS likewise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBpmnEngine } from './bpmnEngineRun.js';
import { runEmbeddedThroughput, type ThroughputResult } from './embeddedThroughput.js';
import { runEngineCore, type CoreResult } from './engineCore.js';
import { runFixedRate, type FixedRateResult } from './fixedRate.js';
import { runFollowerLag } from './followerLag.js';
import { runGrowth } from './growth.js';
import { mb } from './stats.js';
import { runWaitingMemory } from './waitingMemory.js';
import { runWebPages } from './webPages.js';
import { runMonitoringApis } from './monitoringApis.js';

process.env.ZEEBE_CLIENT_LOG_LEVEL ??= 'NONE';
process.env.CAMUNDA_LOG_LEVEL ??= 'none';

function option(name: string, fallback: string): string {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (flag) return flag.slice(name.length + 3);
  return process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
}

const positional = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const instances = Number(positional ?? option('instances', '2000'));
const waiting = Number(option('waiting', '20000'));
const concurrency = Number(option('concurrency', '200'));
const workerMode = option('workers', 'poll') === 'stream' ? 'stream' : 'poll';
// The SDK's defaults (32 jobs per poll, 300 ms between polls) cap a worker near 100 jobs/s, whatever the
// engine does; these let the engine be the limit. Pass --max_jobs=32 --poll_interval=300 for the defaults.
const maxJobs = Number(option('max_jobs', '200'));
const pollIntervalMs = Number(option('poll_interval', '10'));
const only = new Set(option('only', 'core,embedded,bpmn-engine,waiting,follower,web,growth,rate,monitoring').split(','));
const growthInstances = Number(option('growth_instances', '10000'));
const followerInstances = Number(option('follower_instances', '10000'));
const followerRate = Number(option('follower_rate', '500'));
const webCases = Number(option('web_cases', '10000'));
const webFiller = Number(option('web_filler', '22000'));
const rate = Number(option('rate', '500'));
const rateSeconds = Number(option('rate_seconds', '20'));
const monitoringCases = Number(option('monitoring_cases', '100000'));

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-bench-'));
const cpus = os.cpus();
console.log(`machine: ${cpus.length} cores (${cpus[0]?.model ?? '?'}), load average ${os.loadavg()[0].toFixed(1)}, node ${process.version}`);
console.log(`workload: ${instances} instances of start → 3 service tasks → end, ${concurrency} creates in flight\n`);

const row = (label: string, values: string[], width = 18): string => `${label.padEnd(34)}${values.map((v) => v.padStart(width)).join('')}`;

try {
  let core: CoreResult | undefined;
  let embedded: ThroughputResult | undefined;
  if (only.has('core')) core = await runEngineCore(instances, path.join(root, 'core'), concurrency);
  if (only.has('embedded')) {
    embedded = await runEmbeddedThroughput({ instances, concurrency, workerMode, maxJobsToActivate: maxJobs, pollIntervalMs, dataDir: path.join(root, 'throughput') });
  }
  const other = only.has('bpmn-engine') ? await runBpmnEngine('throughput', instances, concurrency) : undefined;

  if (embedded || other) {
    console.log(row('', ['embedded (gRPC)', 'bpmn-engine', 'ratio']));
    const ratio = (a?: number, b?: number): string => (a && b ? `${(a / b).toFixed(2)}×` : '');
    const e = embedded;
    console.log(row('completed instances/s', [e ? e.instancesPerSecond.toFixed(0) : '-', other ? other.instancesPerSecond.toFixed(0) : '-', ratio(e?.instancesPerSecond, other?.instancesPerSecond)]));
    console.log(row('instance latency p50 / p99 (ms)', [e ? `${e.instanceLatency.p50} / ${e.instanceLatency.p99}` : '-', other ? `${other.latency.p50.toFixed(0)} / ${other.latency.p99.toFixed(0)}` : '-', '']));
    console.log(row('job created→completed p50/p99 ms', [e ? `${e.jobLatency.p50} / ${e.jobLatency.p99}` : '-', 'n/a (in-process)', '']));
    console.log(row('peak RSS', [e ? mb(e.peakRss) : '-', other ? mb(other.peakRss) : '-', '']));
    console.log(row('peak heap', [e ? mb(e.peakHeap) : '-', other ? mb(other.peakHeap) : '-', '']));
    console.log(row('engine CPU ms / instance', [e ? e.engineCpuMsPerInstance.toFixed(2) : '-', other ? other.cpuMsPerInstance.toFixed(2) : '-', '']));
    console.log(row('durable (fsync before ack)', ['yes', 'no (memory)', '']));
    if (e) {
      console.log(`\nembedded details: ${e.seconds.toFixed(2)} s, ${e.queriesPerInstance.toFixed(2)} SQL reads per instance, ${(e.instances / Math.max(1, e.transactions)).toFixed(1)} instances per commit (${e.transactions} commits, one SQL script each), client (SDK) CPU ${e.clientCpuMsPerInstance.toFixed(2)} ms/instance`);
      console.log(`workers: 3 × @camunda8/sdk ${workerMode === 'stream' ? 'streamJobs' : `createWorker (ActivateJobs long poll, maxJobsToActivate ${maxJobs}, pollInterval ${pollIntervalMs} ms)`}; latencies from the engine's record log`);
    }
  }
  if (core) {
    console.log(`\nengine core (Engine.execute in one process, same SQLite durability, no gRPC): ${core.instancesPerSecond.toFixed(0)} instances/s, ${core.cpuMsPerInstance.toFixed(2)} ms CPU/instance`);
  }

  if (only.has('rate')) {
    console.log(`\nfixed rate: ${rate} instances/s offered for ${rateSeconds} s (engine in its own process, 3 SDK workers in this one); load average ${os.loadavg()[0].toFixed(1)}`);
    const modes: ('stream' | 'poll')[] = option('workers', '') === '' ? ['stream', 'poll'] : [workerMode];
    const results: FixedRateResult[] = [];
    for (const mode of modes) {
      results.push(await runFixedRate({ rate, seconds: rateSeconds, workerMode: mode, maxJobsToActivate: maxJobs, pollIntervalMs, dataDir: path.join(root, `rate-${mode}`) }));
    }
    // bpmn-engine keeps every started instance in memory; offered more than it completes, it can run out of heap.
    const other = await runBpmnEngine('rate', Math.round(rate * rateSeconds), concurrency, rate).catch((error: Error) => {
      console.log(`bpmn-engine at ${rate}/s: ${error.message}`);
      return undefined;
    });
    const p = (s: { p50: number; p90: number; p99: number }): string => `${s.p50.toFixed(0)} / ${s.p90.toFixed(0)} / ${s.p99.toFixed(0)}`;
    const heads = [...results.map((r) => (r.workerMode === 'stream' ? 'embedded stream' : 'embedded poll')), 'bpmn-engine'];
    console.log(row('p50 / p90 / p99 ms', heads, 24));
    console.log(row('started instances/s reached', [...results.map((r) => r.achievedRate.toFixed(0)), other ? other.achievedRate.toFixed(0) : 'failed'], 24));
    console.log(row('activation (created→worker)', [...results.map((r) => p(r.activation)), 'n/a (in-process)'], 24));
    console.log(row('job (created→completed)', [...results.map((r) => p(r.job)), 'n/a (in-process)'], 24));
    console.log(row('instance (created→completed)', [...results.map((r) => p(r.instance)), other ? p(other.latency) : 'failed'], 24));
    console.log(row('engine CPU ms / instance', [...results.map((r) => r.engineCpuMsPerInstance.toFixed(2)), other ? other.cpuMsPerInstance.toFixed(2) : 'failed'], 24));
    console.log(row('load average at the end', [...results.map((r) => r.loadAverage.toFixed(1)), ''], 24));
    if (modes.includes('poll')) console.log(`poll: createWorker, ActivateJobs long poll, maxJobsToActivate ${maxJobs}, pollInterval ${pollIntervalMs} ms`);
  }

  if (only.has('waiting')) {
    console.log(`\nmemory with waiting instances (one service task nobody works on; RSS / heap after GC)`);
    const samples = await runWaitingMemory(waiting, path.join(root, 'waiting'), concurrency);
    for (const s of samples) console.log(`  embedded     ${String(s.instances).padStart(6)} waiting: RSS ${mb(s.memory.rss).padStart(9)}  heap ${mb(s.memory.heapUsed).padStart(9)}  cached rows ${s.cacheRows}`);
    const bpmnWaiting = Math.min(waiting, Number(option('bpmn_engine_waiting', '2000')));
    const other = await runBpmnEngine('waiting', bpmnWaiting, concurrency);
    for (const s of other.samples) console.log(`  bpmn-engine  ${String(s.instances).padStart(6)} waiting: RSS ${mb(s.memory.rss).padStart(9)}  heap ${mb(s.memory.heapUsed).padStart(9)}`);
    const first = other.samples[0];
    const last = other.samples[other.samples.length - 1];
    const perInstance = (last.memory.heapUsed - first.memory.heapUsed) / Math.max(1, last.instances);
    console.log(`  bpmn-engine keeps every waiting instance in memory: ~${(perInstance / 1024).toFixed(0)} KB heap each (${bpmnWaiting} measured; ${waiting} would need ~${mb(perInstance * waiting)})`);
  }

  if (only.has('follower')) {
    console.log(`\naudit follower lag (${followerInstances} instances started at ${followerRate}/s over gRPC, read back through the REST API, follower restarted halfway)`);
    const f = await runFollowerLag({ instances: followerInstances, rate: followerRate, dataDir: path.join(root, 'follower') });
    console.log(`  started at ${f.achievedRate.toFixed(0)}/s; lag creation → trail p50 ${f.lag.p50} ms, p99 ${f.lag.p99} ms, max ${f.lag.max} ms (target p99 < 5000 ms; includes the 2 s grace left to the app)`);
    console.log(`  p99 for instances created before the restart ${f.lagBeforeRestart.p99} ms, after it ${f.lagAfterRestart.p99} ms`);
    console.log(`  ${f.recorded} of ${f.instances} in the trail ${f.drainMs} ms after the last start; skipped ${f.skipped}, duplicates ${f.duplicates}`);
  }
  if (only.has('web')) {
    const web = await runWebPages(path.join(root, 'web'), webCases, webFiller);
    console.log(`\nweb app APIs (through the Camunda REST API) with ${web.cases} open deadlines and ${web.elementInstances} element instances, ${20} calls each`);
    console.log(`${'page'.padEnd(52)}${'user'.padEnd(18)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}  items`);
    for (const t of web.timings) console.log(`${t.page.padEnd(52)}${t.user.padEnd(18)}${t.p50.toFixed(0).padStart(9)}${t.p95.toFixed(0).padStart(9)}  ${t.summary}`);
    console.log(`${'task list right after a case moved in the engine'.padEnd(52)}${'Provincia (UPD)'.padEnd(18)}${web.afterChange.p50.toFixed(0).padStart(9)}${web.afterChange.p95.toFixed(0).padStart(9)}  (index catch-up included)`);
    console.log(`open-work index built from the engine in ${(web.indexBuildMs / 1000).toFixed(1)} s (once, on a new database)`);
  }
  if (only.has('growth')) {
    const g = await runGrowth(growthInstances, path.join(root, 'growth'), concurrency);
    const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
    const per = (bytes: number): string => kb(bytes / g.instances);
    console.log(`\nengine.sqlite growth (${g.instances} completed instances of start → 3 service tasks → end; sizes after a WAL checkpoint)`);
    console.log(`  file: ${mb(g.fileBytes.empty)} empty → ${mb(g.fileBytes.afterRound)}: ${per(g.fileBytes.afterRound - g.fileBytes.empty)} per completed instance, nothing ever deleted without ENGINE_RETENTION`);
    console.log(`  ${'table'.padEnd(22)}${'rows/inst'.padStart(10)}${'table/inst'.padStart(13)}${'indexes/inst'.padStart(14)}${'indexes'.padStart(9)}${'share'.padStart(8)}`);
    const total = g.tables.reduce((sum, t) => sum + t.tableBytes + t.indexBytes, 0);
    for (const t of g.tables.filter((t) => t.rows > 0 || t.tableBytes > 4096)) {
      console.log(`  ${t.table.padEnd(22)}${(t.rows / g.instances).toFixed(1).padStart(10)}${per(t.tableBytes).padStart(13)}${per(t.indexBytes).padStart(14)}${String(t.indexes).padStart(9)}${`${((100 * (t.tableBytes + t.indexBytes)) / Math.max(1, total)).toFixed(0)}%`.padStart(8)}`);
    }
    console.log(`  retention (ENGINE_RETENTION=PT0S, all exported): ${g.deletedPerSecond.toFixed(0)} instances deleted/s in batches of 50 while the next round ran (${g.sweptAlonePerSecond.toFixed(0)}/s alone); that round ${g.throughput.whileSweeping.toFixed(0)} completed/s against ${g.throughput.alone.toFixed(0)}/s alone`);
    console.log(`  after retention: file ${mb(g.fileBytes.afterRetention)} (SQLite does not shrink it), ${mb(g.freeBytesAfterRetention)} of free pages; rows left ${JSON.stringify(Object.fromEntries(Object.entries(g.rowsLeftAfterRetention).filter(([, n]) => n > 0)))}`);
    console.log(`  another ${g.instances} instances after retention: file ${mb(g.fileBytes.afterSecondRound)} (${per(Math.max(0, g.fileBytes.afterSecondRound - g.fileBytes.afterRetention))} of growth per instance: the free pages are reused)`);
  }
  if (only.has('monitoring')) {
    const m = await runMonitoringApis(path.join(root, 'monitoring'), monitoringCases);
    console.log(`\nMonitoraggio APIs with ${monitoringCases} cases of aggregates (loaded in ${(m.loadMs / 1000).toFixed(1)} s), ${20} calls each; target p95 < 200 ms`);
    console.log(`${'api'.padEnd(80)}${'user'.padEnd(16)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}  items`);
    for (const t of m.timings) console.log(`${t.api.padEnd(80)}${t.user.padEnd(16)}${t.p50.toFixed(0).padStart(9)}${t.p95.toFixed(0).padStart(9)}  ${t.items}`);
  }
} finally {
  if (!process.env.BENCH_KEEP) fs.rmSync(root, { recursive: true, force: true });
}
