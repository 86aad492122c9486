import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail, verifyAuditChain, type AuditEntryInput, type AuditEntry } from '../../../../../src/audit/index.js';
import { openAppDatabase, type AppDatabase } from '../../../../../src/db/index.js';
import { CamundaEventSource } from '../../../../../web/server/audit/follower/CamundaEventSource.js';
import { EngineEventFollower, type EngineEventFollowerOptions } from '../../../../../web/server/audit/follower/EngineEventFollower.js';
import { bpmn, deployXml, startHarness, webAppSdkConfig, type Harness } from '../../../../support/engineHarness.js';

const PROCESS_ID = 'follower-burst';
// Small pages and batches so a few hundred instances cross many of them, and runs of instances
// started in one engine batch (one instant) are longer than a page.
const SMALL: EngineEventFollowerOptions = { graceMs: 0, pageSize: 25, batchSize: 20, onError: (e) => console.error(e) };

let harness: Harness;
let db: AppDatabase;
let trail: AuditTrail;
const sources: CamundaEventSource[] = [];

const source = () => {
  const s = new CamundaEventSource({ restAddress: harness.embedded.restAddress, sdkConfig: webAppSdkConfig(harness.embedded) });
  sources.push(s);
  return s;
};

/** Starts `count` instances, many at once so that several share one engine batch and one startDate. */
async function startInstances(count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i += 100) {
    const wave = Array.from({ length: Math.min(100, count - i) }, () => harness.zeebe.createProcessInstance({ bpmnProcessId: PROCESS_ID, variables: { codiceIstat: '108033' } } as never));
    for (const r of await Promise.all(wave)) keys.push(String((r as { processInstanceKey: string }).processInstanceKey));
  }
  return keys;
}

async function startEntries(): Promise<string[]> {
  return (await db.knex('audit_entries').where({ action: 'instance.start' }).orderBy('seq').pluck('entity_key')) as string[];
}

/** A trail whose process is killed right after its `killAfter`-th batch is committed, before the caller hears. */
class KilledAfterCommit extends AuditTrail {
  private batches = 0;
  constructor(
    database: AppDatabase,
    private readonly killAfter: number,
  ) {
    super(database);
  }
  override async appendAll(inputs: AuditEntryInput[]): Promise<AuditEntry[]> {
    const entries = await super.appendAll(inputs);
    if (++this.batches === this.killAfter) throw new Error('killed after commit');
    return entries;
  }
}

beforeAll(async () => {
  harness = await startHarness({ rest: { host: '127.0.0.1', port: 0 } });
  await deployXml(harness.zeebe, `${PROCESS_ID}.bpmn`, bpmn(PROCESS_ID, `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`));
  db = await openAppDatabase({ dataDir: path.join(harness.dataDir, 'app'), log: () => undefined });
  trail = new AuditTrail(db);
}, 60_000);

afterAll(async () => {
  for (const s of sources) await s.close();
  await db?.close();
  await harness?.stop();
});

describe('the engine event follower reads the engine through the REST API in pages and appends in batches', () => {
  it('records every instance of a burst exactly once, and after a restart only the new ones', async () => {
    // given: a burst of instances, more than a dozen pages
    const first = await startInstances(400);

    // when: one pass, then a new follower (as after a restart: cursors from the table) after more instances
    await new EngineEventFollower(db, trail, source(), SMALL).pollOnce();
    const afterFirst = await startEntries();
    const second = await startInstances(150);
    await new EngineEventFollower(db, trail, source(), SMALL).pollOnce();

    // then: each instance once, none skipped, with its Comune, and the chain intact
    expect([...afterFirst].sort()).toEqual([...first].sort());
    const all = await startEntries();
    expect(all).toHaveLength(first.length + second.length);
    expect(new Set(all)).toEqual(new Set([...first, ...second]));
    expect(await db.knex('audit_entries').where({ action: 'instance.start' }).whereNot({ comune: '108033' }).count({ n: '*' }).first()).toEqual({ n: 0 });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('does not double a batch committed just before the follower was killed, and skips nothing after it', async () => {
    // given: instances the trail has not seen, and a follower killed right after its second batch is committed
    const before = new Set(await startEntries());
    const keys = await startInstances(200);
    await expect(new EngineEventFollower(db, new KilledAfterCommit(db, 2), source(), SMALL).pollOnce()).rejects.toThrow('killed after commit');
    const atKill = (await startEntries()).filter((k) => !before.has(k));
    expect(atKill.length).toBeGreaterThan(0);
    expect(atKill.length).toBeLessThan(keys.length);

    // when: the follower starts again from its persisted cursor
    await new EngineEventFollower(db, trail, source(), SMALL).pollOnce();

    // then: every new instance once
    const added = (await startEntries()).filter((k) => !before.has(k));
    expect(added).toHaveLength(keys.length);
    expect(new Set(added)).toEqual(new Set(keys));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('lets a whole burst ripen through the grace period together, not one instance per poll', async () => {
    // given: a burst, and a follower that leaves each item to the app for a minute (on a clock the test moves)
    const before = new Set(await startEntries());
    const keys = await startInstances(120);
    let offset = 0;
    const follower = new EngineEventFollower(db, trail, source(), { ...SMALL, graceMs: 60_000, now: () => Date.now() + offset });

    // when: a pass right away, then one after the grace period
    await follower.pollOnce();
    const early = (await startEntries()).filter((k) => !before.has(k));
    const waiting = follower.backlog()['instances-started'];
    offset = 61_000;
    await follower.pollOnce();

    // then: nothing before the grace period, the whole burst after it
    expect(early).toEqual([]);
    expect(waiting).toBe(keys.length);
    expect(follower.backlog()['instances-started']).toBe(0);
    expect(new Set((await startEntries()).filter((k) => !before.has(k)))).toEqual(new Set(keys));
  });

  it('takes over the open incidents a follower before the split kept in the incidents cursor, and closes the one gone from the engine', async () => {
    // given: the cursor row as the earlier follower wrote it, naming an incident the engine no longer has
    await db.knex('audit_follower_cursors').where({ name: 'incidents' }).delete();
    await db.knex('audit_follower_cursors').where({ name: 'incidents-open' }).delete();
    await db.knex('audit_follower_cursors').insert({ name: 'incidents', state: JSON.stringify({ seenAtSince: [], open: ['2251799813999999'] }), updated_at: new Date().toISOString() });

    // when
    await new EngineEventFollower(db, trail, source(), SMALL).pollOnce();

    // then: recorded as resolved, once, and no longer watched
    const resolved = await db.knex('audit_entries').where({ action: 'incident.resolve', entity_key: '2251799813999999' }).count({ n: '*' }).first();
    expect(resolved).toEqual({ n: 1 });
    const row = (await db.knex('audit_follower_cursors').where({ name: 'incidents-open' }).first()) as { state: string };
    expect(JSON.parse(row.state)).toEqual({ keys: [] });
  });
});
