import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../src/audit/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { tamperAsDatabaseOwner, updEntry } from './auditFixtures.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

async function cli(script: 'verify' | 'anchor', handle: TestDatabaseHandle): Promise<{ code: number; stdout: string }> {
  const args = [path.join(ROOT, `scripts/audit/${script}.ts`), '--data-dir', handle.dataDir];
  if (handle.databaseUrl) args.push('--database-url', handle.databaseUrl);
  try {
    const { stdout } = await run(TSX, args, { cwd: ROOT });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

// One database is enough here: the CLI only wires verifyAuditChain to an exit code.
const sqlite = testDatabaseTargets[0];

describe('scripts/audit/verify.ts', () => {
  let handle: TestDatabaseHandle;
  beforeEach(async () => {
    handle = await sqlite.create();
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it('exits 0 on an intact chain, 1 with the broken entry after tampering', async () => {
    // given
    const db = await handle.open();
    const trail = new AuditTrail(db);
    for (let i = 1; i <= 4; i++) await trail.append(updEntry(i));
    expect(await cli('anchor', handle)).toMatchObject({ code: 0, stdout: expect.stringContaining('audit anchor written: entry 4') });

    // then
    const intact = await cli('verify', handle);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^audit chain OK: 4 entries, head 4 [0-9a-f]{64}; latest anchor: entry 4/);

    // when
    await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 2 }).update({ actor_id: 'intruso' }));

    // then
    const broken = await cli('verify', handle);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('audit chain BROKEN at entry 2 (content-altered)');
    expect(broken.stdout).toMatch(/expected hash: [0-9a-f]{64}\n\s+found hash:\s+[0-9a-f]{64}/);
  });

  it('exits 2 without touching a database that was never migrated', async () => {
    const result = await cli('verify', handle);
    expect(result.code).toBe(2);
  });
});
