import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../src/audit/index.js';
import type { AppDatabase } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { tamperAsDatabaseOwner, updEntry } from './auditFixtures.js';
import { buildTamperBaseline, TAMPER_SCENARIOS } from './support/tamperScenarios.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

async function cli(script: 'verify' | 'anchor', handle: TestDatabaseHandle, extra: string[] = []): Promise<{ code: number; stdout: string }> {
  const args = [path.join(ROOT, `scripts/audit/${script}.ts`), '--data-dir', handle.dataDir, ...extra];
  if (handle.databaseUrl) args.push('--database-url', handle.databaseUrl);
  try {
    const { stdout } = await run(TSX, args, { cwd: ROOT, env: { ...process.env, AUDIT_SIGNING_KEY: '' } });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

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

    // then: the anchor's own entry (5) follows the four steps
    const intact = await cli('verify', handle);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^audit chain OK: 5 entries, head 5 [0-9a-f]{64}; latest anchor: entry 4/);
    expect(intact.stdout).toMatch(/public key: ([0-9a-f]{4} ){15}[0-9a-f]{4}\n/);

    // when
    await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 2 }).update({ actor_id: 'intruso' }));

    // then
    const broken = await cli('verify', handle);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('audit chain BROKEN at entry 2 (content-altered)');
    expect(broken.stdout).toMatch(/expected hash: [0-9a-f]{64}\n\s+found hash:\s+[0-9a-f]{64}/);

    // and the anchor CLI refuses to vouch for it
    const anchor = await cli('anchor', handle);
    expect(anchor).toMatchObject({ code: 1, stdout: expect.stringContaining('BROKEN at entry 2 (content-altered)') });
    expect(anchor.stdout).toContain('nothing was anchored');
  });

  it('verifies an offline copy with only the public key and the anchor log, and refuses another key', async () => {
    // given: a trail, anchored; the auditor keeps the public key and a copy of the anchor log
    const db = await handle.open();
    await buildTamperBaseline(db);
    const auditor = await mkdtemp(path.join(os.tmpdir(), 'auditor-'));
    try {
      await copyFile(path.join(handle.dataDir, 'audit-signing-key.pub.pem'), path.join(auditor, 'pub.pem'));
      await copyFile(path.join(handle.dataDir, 'audit-anchors.log'), path.join(auditor, 'anchors.log'));
      // the private key is not part of the copy
      await rename(path.join(handle.dataDir, 'audit-signing-key.pem'), path.join(auditor, 'kept-away.pem'));
      await rm(path.join(handle.dataDir, 'audit-signing-key.pub.pem'));
      const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
      await writeFile(path.join(auditor, 'other.pem'), other);

      // when
      const ok = await cli('verify', handle, ['--public-key', path.join(auditor, 'pub.pem'), '--anchors', path.join(auditor, 'anchors.log')]);
      const wrongKey = await cli('verify', handle, ['--public-key', path.join(auditor, 'other.pem'), '--anchors', path.join(auditor, 'anchors.log')]);

      // then
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^audit chain OK: 10 entries/);
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.stdout).toContain('BROKEN at entry 1 (bad-signature)');
      expect(wrongKey.stdout).toContain('which is not a trusted key');
    } finally {
      await rm(auditor, { recursive: true, force: true });
    }
  });

  it('refuses an unknown option and exits 2', async () => {
    await handle.open();
    const result = await cli('verify', handle, ['--public-kye', 'x.pem']);
    expect(result.code).toBe(2);
  });

  it('exits 2 without touching a database that was never migrated', async () => {
    const result = await cli('verify', handle);
    expect(result.code).toBe(2);
  });
});

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`npm run audit:verify finds every kind of tampering at its entry (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    let db: AppDatabase;
    beforeEach(async () => {
      handle = await target.create();
      db = await handle.open();
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it.each(TAMPER_SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
      // given
      const base = await buildTamperBaseline(db);
      expect((await cli('verify', handle)).code).toBe(0);

      // when
      await scenario.tamper(db, base);

      // then
      const result = await cli('verify', handle, ['--json']);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, brokenAt: scenario.expected(base) });
    });
  });
}
