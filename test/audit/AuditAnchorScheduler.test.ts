import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditAnchorScheduler, AuditTrail, readFileAnchors, readTableAnchors, type AuditAnchor } from '../../src/audit/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { updEntry } from './auditFixtures.js';

describe('AuditAnchorScheduler', () => {
  let handle: TestDatabaseHandle;
  beforeEach(async () => {
    handle = await testDatabaseTargets[0].create();
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it('anchors at start and then every interval, in the table and the file, until stopped', async () => {
    // given
    const db = await handle.open();
    await new AuditTrail(db).append(updEntry(1));
    const anchors: AuditAnchor[] = [];
    let twoAnchors!: () => void;
    const done = new Promise<void>((resolve) => (twoAnchors = resolve));
    const scheduler = new AuditAnchorScheduler(db, {
      intervalMs: 20,
      onAnchor: (a) => {
        anchors.push(a);
        if (anchors.length === 2) twoAnchors();
      },
    });

    // when
    scheduler.start();
    await done;
    await scheduler.stop();
    const countAtStop = (await readTableAnchors(db)).length;
    await new Promise((r) => setTimeout(r, 60));

    // then
    expect(anchors[0]).toMatchObject({ headSeq: 1 });
    expect((await readTableAnchors(db)).length).toBe(countAtStop);
    expect((await readFileAnchors(db)).map((a) => a.headSeq)).toEqual((await readTableAnchors(db)).map((a) => a.headSeq));
  });
});
