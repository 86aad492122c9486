/**
 * Child process of the benchmark: the embedded engine (durable SQLite store, gRPC gateway on an
 * ephemeral loopback port), measured from inside. Talks to the parent over IPC.
 */
import { EmbeddedEngine } from '../src/engine/EmbeddedEngine.js';
import { sampleMemory } from './stats.js';

export type EngineRequest = { cmd: 'memory'; gc?: boolean } | { cmd: 'stop' };
export type EngineReply =
  | { type: 'ready'; port: number; restPort?: number }
  | { type: 'memory'; rss: number; heapUsed: number; maxRss: number; peakHeap: number; cacheRows: number; /** knex queries (reads; a batch's write is one script outside knex) */ queries: number; transactions: number; cpuMs: number };

const dataDir = process.env.DATA_DIR;
if (!dataDir || !process.send) throw new Error('engineProcess: run with DATA_DIR, as a forked child');

// BENCH_ENGINE_REST=1: also the REST API v2, for the benchmarks that read through it (audit follower).
const embedded = await EmbeddedEngine.start({ dataDir, grpc: { host: '127.0.0.1', port: 0 }, ...(process.env.BENCH_ENGINE_REST ? { rest: { host: '127.0.0.1', port: 0 } } : {}) });
let queries = 0;
const started = new Map<string, number>();
const sqlTime = new Map<string, { n: number; ms: number }>();
embedded.engine.knex.on('query', (q: { sql?: string; __knexQueryUid?: string }) => {
  queries++;
  if (process.env.BENCH_SQL_TIMING && q.__knexQueryUid) started.set(q.__knexQueryUid, performance.now());
});
embedded.engine.knex.on('query-response', (_r: unknown, q: { sql?: string; __knexQueryUid?: string }) => {
  const t0 = q.__knexQueryUid ? started.get(q.__knexQueryUid) : undefined;
  if (t0 === undefined) return;
  started.delete(q.__knexQueryUid as string);
  const shape = (q.sql ?? '').replace(/\(\?(, \?)*\)/g, '(?…)').replace(/union all select .*/, 'union all …').slice(0, 110);
  const entry = sqlTime.get(shape) ?? { n: 0, ms: 0 };
  entry.n++;
  entry.ms += performance.now() - t0;
  sqlTime.set(shape, entry);
});
process.on('exit', () => {
  if (!process.env.BENCH_SQL_TIMING) return;
  for (const [shape, e] of [...sqlTime].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`${e.ms.toFixed(0).padStart(7)} ms ${String(e.n).padStart(6)}x ${shape}`);
});
let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50);

/** Rows held by the store's bounded read cache (a private detail, read here only to report it). */
function cacheRows(): number {
  const cache = (embedded.engine.store as unknown as { cache: Map<string, Map<number, unknown>> }).cache;
  let total = embedded.engine.store.groups.size;
  for (const rows of cache.values()) total += rows.size;
  return total;
}

process.on('message', (raw) => {
  const request = raw as EngineRequest;
  if (request.cmd === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (request.gc && gc) gc();
    const memory = sampleMemory();
    peakHeap = Math.max(peakHeap, memory.heapUsed);
    const cpu = process.cpuUsage();
    const reply: EngineReply = { type: 'memory', ...memory, peakHeap, cacheRows: cacheRows(), queries, transactions: embedded.engine.commits, cpuMs: (cpu.user + cpu.system) / 1000 };
    process.send?.(reply);
  } else if (request.cmd === 'stop') {
    clearInterval(sampler);
    void embedded.stop().then(() => process.exit(0));
  }
});
const restPort = embedded.restAddress ? Number(new URL(embedded.restAddress).port) : undefined;
process.send({ type: 'ready', port: embedded.gateway.port, ...(restPort ? { restPort } : {}) } satisfies EngineReply);
