/**
 * Growth of engine.sqlite (`--only=growth`): bytes per completed instance of start → 3 service tasks → end, per
 * table with its indexes, what is left behind, and what ENGINE_RETENTION gives back. Driven through Engine.execute
 * in one process (as `core`), the sweeper on the same connection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../src/engine/Engine.js';
import type { ActivatedJob } from '../src/engine/processor/commands/jobCommands.js';
import { AUDIT_TRAIL_EXPORTER, ExporterPositions } from '../src/engine/retention/ExporterPositions.js';
import { RetentionPolicy } from '../src/retentionPolicy.js';
import { RetentionSweeper } from '../src/engine/retention/RetentionSweeper.js';
import { TASK_TYPES, THREE_TASKS_ID, threeTasksXml } from './processes.js';

export interface TableGrowth {
  table: string;
  rows: number;
  tableBytes: number;
  indexBytes: number;
  indexes: number;
}

export interface GrowthResult {
  instances: number;
  /** file size after a checkpoint, before and after the first round */
  fileBytes: { empty: number; afterRound: number; afterRetention: number; afterSecondRound: number };
  tables: TableGrowth[];
  freeBytesAfterRetention: number;
  rowsLeftAfterRetention: Record<string, number>;
  /** completed instances/s alone, and while the sweeper deleted the previous round */
  throughput: { alone: number; whileSweeping: number };
  deletedPerSecond: number;
  /** instances deleted/s by a sweep with nothing else running */
  sweptAlonePerSecond: number;
}

const RUNTIME_TABLES = ['process_instances', 'element_instances', 'variables', 'jobs', 'incidents', 'user_tasks', 'message_subscriptions', 'timers', 'records', 'messages', 'message_correlations'];

async function drive(engine: Engine, instances: number, concurrency: number): Promise<number> {
  const started = performance.now();
  let created = 0;
  let finished = 0;
  const creators = Array.from({ length: concurrency }, async () => {
    while (created < instances) await engine.execute({ type: 'createInstance', bpmnProcessId: THREE_TASKS_ID, variables: { n: created++ } });
  });
  const done = new AbortController();
  const workers = TASK_TYPES.map(async (jobType, index) => {
    while (finished < instances) {
      const jobs = await engine.activateJobs({ jobType, worker: `growth-${jobType}`, timeout: 60_000, maxJobs: 200, fetchVariables: [] }, 30_000, done.signal);
      await Promise.all(
        jobs.map(async (job: ActivatedJob) => {
          await engine.execute({ type: 'completeJob', jobKey: job.key, variables: { [jobType.replace('-', '_')]: true } });
          if (index === TASK_TYPES.length - 1 && ++finished === instances) done.abort();
        }),
      );
    }
  });
  await Promise.all([...creators, ...workers]);
  return instances / ((performance.now() - started) / 1000);
}

async function fileBytes(engine: Engine, file: string): Promise<number> {
  await engine.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  return fs.statSync(file).size;
}

/** Bytes of each table and of its indexes (SQLite's dbstat), and its rows. */
async function tableSizes(engine: Engine): Promise<TableGrowth[]> {
  const pages = (await engine.knex.raw(`select m.tbl_name as tbl, m.type as type, sum(s.pgsize) as bytes from dbstat s join sqlite_master m on m.name = s.name group by m.tbl_name, m.type`)) as { tbl: string; type: string; bytes: number }[];
  const indexCounts = (await engine.knex.raw(`select tbl_name as tbl, count(*) as n from sqlite_master where type = 'index' group by tbl_name`)) as { tbl: string; n: number }[];
  const out: TableGrowth[] = [];
  for (const table of RUNTIME_TABLES) {
    const rows = Number(((await engine.knex(table).count({ n: '*' }).first()) as { n: number }).n);
    out.push({
      table,
      rows,
      tableBytes: pages.find((p) => p.tbl === table && p.type === 'table')?.bytes ?? 0,
      indexBytes: pages.find((p) => p.tbl === table && p.type === 'index')?.bytes ?? 0,
      indexes: indexCounts.find((c) => c.tbl === table)?.n ?? 0,
    });
  }
  return out;
}

export async function runGrowth(instances: number, dataDir: string, concurrency = 200): Promise<GrowthResult> {
  const file = path.join(dataDir, 'engine.sqlite');
  const engine = await Engine.open({ dataDir });
  try {
    await engine.execute({ type: 'deploy', resources: [{ name: 'bench.bpmn', content: Buffer.from(threeTasksXml()) }] });
    const empty = await fileBytes(engine, file);
    // Round 1, nothing deleted: what every completed instance leaves behind.
    const alone = await drive(engine, instances, concurrency);
    const afterRound = await fileBytes(engine, file);
    const tables = await tableSizes(engine);

    // Round 2 while retention (PT0S, everything exported) deletes round 1 in the background.
    const positions = new ExporterPositions(engine.knex);
    await positions.acknowledge(AUDIT_TRAIL_EXPORTER, engine.clock.now(), engine.clock.now());
    const sweeper = new RetentionSweeper(engine, { policy: RetentionPolicy.parse('PT0S')!, idleMs: 100 });
    const sweepStarted = performance.now();
    sweeper.start();
    const whileSweeping = await drive(engine, instances, concurrency);
    await sweeper.stop();
    await sweeper.sweepAll();
    const deletedPerSecond = instances / ((performance.now() - sweepStarted) / 1000);
    // Then round 2 too, so the file holds no instance.
    await positions.acknowledge(AUDIT_TRAIL_EXPORTER, engine.clock.now(), engine.clock.now());
    const aloneStarted = performance.now();
    const swept = await sweeper.sweepAll();
    const sweptAlonePerSecond = swept / ((performance.now() - aloneStarted) / 1000);
    const afterRetention = await fileBytes(engine, file);
    const free = (await engine.knex.raw('PRAGMA freelist_count')) as { freelist_count: number }[];
    const pageSize = (await engine.knex.raw('PRAGMA page_size')) as { page_size: number }[];
    const rowsLeftAfterRetention = Object.fromEntries((await tableSizes(engine)).map((t) => [t.table, t.rows]));

    // Round 3 after retention: the freed pages are reused before the file grows.
    await drive(engine, instances, concurrency);
    const afterSecondRound = await fileBytes(engine, file);
    return {
      instances,
      fileBytes: { empty, afterRound, afterRetention, afterSecondRound },
      tables,
      freeBytesAfterRetention: free[0].freelist_count * pageSize[0].page_size,
      rowsLeftAfterRetention,
      throughput: { alone, whileSweeping },
      deletedPerSecond,
      sweptAlonePerSecond,
    };
  } finally {
    await engine.close();
  }
}
