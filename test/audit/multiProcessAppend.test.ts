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

    it('keep one unforked chain', async () => {
      // given: a migrated database shared by three app processes
      const db = await handle.open();

      // when: each appends 40 entries concurrently
      await Promise.all([1, 2, 3].map(() => run(TSX, [CHILD, handle.dataDir, handle.databaseUrl ?? '', '40'], { cwd: ROOT })));

      // then
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 120, headSeq: 120 });
      const byProcess = new Map<string, number>();
      for (const e of (await searchAuditTrail(db, {}, { limit: 500 })).items) byProcess.set(e.actor.id, (byProcess.get(e.actor.id) ?? 0) + 1);
      expect([...byProcess.values()]).toEqual([40, 40, 40]);
    });
  });
}
