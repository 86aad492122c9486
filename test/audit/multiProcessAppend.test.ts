import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchAuditTrail, verifyAuditChain } from '../../src/audit/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CHILD = path.join(import.meta.dirname, 'fixtures/appendFromProcess.ts');

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`appends from several processes (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    beforeEach(async () => {
      handle = await target.create();
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it('keep one unforked chain without gaps: 1,000 entries from four processes at once (web and workers)', async () => {
      // given: a migrated database shared by four app processes
      const db = await handle.open();

      // when: each appends 250 entries concurrently
      await Promise.all([1, 2, 3, 4].map(() => run(TSX, [CHILD, handle.dataDir, handle.databaseUrl ?? '', '250'], { cwd: ROOT })));

      // then: one chain, sequence 1..1000 with no gap, every process's entries all there
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 1000, headSeq: 1000 });
      const byProcess = new Map<string, number>();
      const seqs: number[] = [];
      for (let offset = 0; offset < 1000; offset += 200) {
        for (const e of (await searchAuditTrail(db, {}, { limit: 200, offset, order: 'asc' })).items) {
          byProcess.set(e.actor.id, (byProcess.get(e.actor.id) ?? 0) + 1);
          seqs.push(e.seq);
        }
      }
      expect([...byProcess.values()]).toEqual([250, 250, 250, 250]);
      expect(seqs).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    });
  });
}
