import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditAnchorScheduler, AuditTrail, readFileAnchors, readTableAnchors, searchAuditTrail, type AnchorOutcome } from '../../src/audit/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { tamperAsDatabaseOwner, updEntry } from './auditFixtures.js';

describe('AuditAnchorScheduler', () => {
  let handle: TestDatabaseHandle;
  beforeEach(async () => {
    handle = await testDatabaseTargets[0].create();
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it('anchors at start, then every interval in which entries were appended, and once more at stop', async () => {
    // given
    const db = await handle.open();
    const trail = new AuditTrail(db);
    await trail.append(updEntry(1));
    const outcomes: AnchorOutcome[] = [];
    const appends: Promise<unknown>[] = [];
    let twoAnchors!: () => void;
    const done = new Promise<void>((resolve) => (twoAnchors = resolve));
    const scheduler = new AuditAnchorScheduler(db, {
      intervalMs: 20,
      trail,
      onOutcome: (o) => {
        outcomes.push(o);
        const anchored = outcomes.filter((x) => x.status === 'anchored').length;
        if (o.status === 'anchored' && anchored === 1) appends.push(trail.append(updEntry(2)));
        if (anchored === 2) twoAnchors();
      },
    });

    // when
    scheduler.start();
    await done;
    await Promise.all(appends);
    await trail.append(updEntry(3));
    await scheduler.stop();
    const countAtStop = (await readTableAnchors(db)).length;
    await new Promise((r) => setTimeout(r, 60));

    // then: entry 1 anchored at start (its anchor entry is 2), entry 3 (after updEntry(2)) next, the last at stop
    const anchored = outcomes.flatMap((o) => (o.status === 'anchored' ? [o.anchor.headSeq] : []));
    expect(anchored[0]).toBe(1);
    expect(anchored.at(-1)).toBe((await trail.head()).seq - 1);
    expect((await readTableAnchors(db)).length).toBe(countAtStop);
    expect(countAtStop).toBe(anchored.length);
    expect((await readFileAnchors(db)).map((a) => a.headSeq)).toEqual((await readTableAnchors(db)).map((a) => a.headSeq));
    const anchorEntries = await searchAuditTrail(db, { action: 'audit.anchor' });
    expect(anchorEntries.items.map((e) => e.data.headSeq)).toEqual(anchored);
  });

  it('does not anchor again when nothing was appended since the last anchor', async () => {
    // given
    const db = await handle.open();
    const trail = new AuditTrail(db);
    await trail.append(updEntry(1));
    const scheduler = new AuditAnchorScheduler(db, { trail });

    // when
    const first = await scheduler.anchorNow();
    const second = await scheduler.anchorNow();

    // then
    expect(first).toMatchObject({ status: 'anchored', anchor: { headSeq: 1 }, entry: { seq: 2, action: 'audit.anchor' } });
    expect(second).toMatchObject({ status: 'unchanged' });
    expect((await readTableAnchors(db)).length).toBe(1);
  });

  it('never anchors a broken chain and reports where it broke', async () => {
    // given
    const db = await handle.open();
    const trail = new AuditTrail(db);
    for (let i = 1; i <= 3; i++) await trail.append(updEntry(i));
    await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 2 }).update({ actor_id: 'intruso' }));
    const outcomes: AnchorOutcome[] = [];
    const scheduler = new AuditAnchorScheduler(db, { trail, onOutcome: (o) => outcomes.push(o) });

    // when
    expect(await scheduler.anchorNow()).toMatchObject({ status: 'broken', brokenAt: { seq: 2, reason: 'content-altered' } });

    // then
    expect(await readTableAnchors(db)).toEqual([]);
    expect(await readFileAnchors(db)).toEqual([]);
    expect(outcomes).toMatchObject([{ status: 'broken' }]);
    expect((await trail.head()).seq).toBe(3);
  });
});
