/**
 * Audit follower lag: instances started over gRPC at a fixed rate on the embedded engine (its own
 * process, REST API v2 on), the engine event follower (default options: 2 s grace, 500 ms rest)
 * reading them through the REST API into an audit trail on its own SQLite file, and restarted
 * halfway (stop, then a new follower from the persisted cursors). Lag is the time from the engine
 * acknowledging an instance's creation to its `instance.start` entry being committed in the trail.
 */
import path from 'node:path';
import { AuditTrail } from '../src/audit/index.js';
import { openAppDatabase } from '../src/db/index.js';
import { CamundaEventSource } from '../web/server/audit/follower/CamundaEventSource.js';
import { EngineEventFollower } from '../web/server/audit/follower/EngineEventFollower.js';
import { EngineChild } from './EngineChild.js';
import { sdkClient } from './embeddedThroughput.js';
import { WAITING_ID, waitingXml } from './processes.js';
import { summarize, type LatencySummary } from './stats.js';

export interface FollowerLagResult {
  instances: number;
  targetRate: number;
  achievedRate: number;
  lag: LatencySummary;
  /** the instances created before the restart only, and those created after it */
  lagBeforeRestart: LatencySummary;
  lagAfterRestart: LatencySummary;
  recorded: number;
  skipped: number;
  duplicates: number;
  /** from the last creation until the trail held every instance */
  drainMs: number;
}

export async function runFollowerLag(options: { instances: number; rate: number; dataDir: string }): Promise<FollowerLagResult> {
  const { instances, rate, dataDir } = options;
  const engine = await EngineChild.start(path.join(dataDir, 'engine'), { rest: true });
  const zeebe = sdkClient(engine.address);
  const db = await openAppDatabase({ dataDir: path.join(dataDir, 'app'), log: () => undefined });
  const trail = new AuditTrail(db);
  const sources: CamundaEventSource[] = [];
  const startFollower = () => {
    const source = new CamundaEventSource({ restAddress: engine.restAddress });
    sources.push(source);
    return new EngineEventFollower(db, trail, source, { onError: (e) => console.error('[bench] follower:', e) });
  };
  try {
    await zeebe.deployResource({ name: 'waiting.bpmn', process: Buffer.from(waitingXml()) } as never);
    let follower = startFollower();
    // Warm: the first REST calls of a new client (connection, SDK set-up) before the clock runs.
    await follower.pollOnce();
    follower.start();
    const createdAt = new Map<string, number>();
    const inFlight = new Set<Promise<void>>();
    const t0 = Date.now();
    let sent = 0;
    let restarted = false;
    let restartAt = Infinity;
    while (sent < instances) {
      // Every instance has its due time (t0 + i / rate); send those that are due, at most 500 in flight.
      const due = Math.min(instances, Math.floor(((Date.now() - t0) * rate) / 1000) + 1);
      while (sent < due && inFlight.size < 500) {
        const n = sent++;
        const p = zeebe
          .createProcessInstance({ bpmnProcessId: WAITING_ID, variables: { n } } as never)
          .then((r) => void createdAt.set(String((r as { processInstanceKey: string }).processInstanceKey), Date.now()))
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (!restarted && sent >= instances / 2) {
        // The restart under load: the new follower starts from the persisted cursors.
        restarted = true;
        restartAt = Date.now();
        await follower.stop();
        follower = startFollower();
        follower.start();
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inFlight);
    const lastCreated = Date.now();
    const achievedRate = instances / ((lastCreated - t0) / 1000);
    const count = async () => Number(((await db.knex('audit_entries').where({ action: 'instance.start' }).count({ n: '*' }).first()) as { n: number }).n);
    const deadline = Date.now() + 120_000;
    while ((await count()) < instances && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const drainMs = Date.now() - lastCreated;
    // A moment more, so that a late duplicate would show.
    await new Promise((r) => setTimeout(r, 3000));
    await follower.stop();
    const rows = (await db.knex('audit_entries').where({ action: 'instance.start' }).select('entity_key', 'timestamp')) as Array<{ entity_key: string; timestamp: string }>;
    const keys = new Set(rows.map((r) => r.entity_key));
    const measured = rows.filter((r) => createdAt.has(r.entity_key)).map((r) => ({ at: createdAt.get(r.entity_key)!, lag: Date.parse(r.timestamp) - createdAt.get(r.entity_key)! }));
    const lags = measured.map((m) => m.lag);
    return {
      instances,
      targetRate: rate,
      achievedRate,
      lag: summarize(lags),
      lagBeforeRestart: summarize(measured.filter((m) => m.at < restartAt).map((m) => m.lag)),
      lagAfterRestart: summarize(measured.filter((m) => m.at >= restartAt).map((m) => m.lag)),
      recorded: keys.size,
      skipped: [...createdAt.keys()].filter((k) => !keys.has(k)).length,
      duplicates: rows.length - keys.size,
      drainMs,
    };
  } finally {
    for (const s of sources) await s.close();
    await db.close();
    await zeebe.close().catch(() => undefined);
    await engine.stop();
  }
}
