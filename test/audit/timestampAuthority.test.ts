import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import {
  anchorAuditChain,
  AuditTrail,
  buildTimestampRequest,
  parseCertificatesPem,
  verifyAuditChain,
} from '../../src/audit/index.js';
import type { AppDatabase } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { updEntry } from './auditFixtures.js';
import { startTestTimestampAuthority, type TestTimestampAuthority } from './support/testTimestampAuthority.js';

const run = promisify(execFile);

describe('RFC 3161 anchors against a real TSA (openssl ts -reply)', () => {
  let tsa: TestTimestampAuthority;
  let otherTsa: TestTimestampAuthority;
  let handle: TestDatabaseHandle;
  let db: AppDatabase;
  beforeAll(async () => {
    [tsa, otherTsa] = await Promise.all([startTestTimestampAuthority(), startTestTimestampAuthority()]);
  });
  afterAll(async () => {
    await tsa?.close();
    await otherTsa?.close();
  });
  beforeEach(async () => {
    handle = await testDatabaseTargets[0].create();
    db = await handle.open();
    const trail = new AuditTrail(db);
    for (let i = 1; i <= 3; i++) await trail.append(updEntry(i));
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it('builds a request openssl reads as a SHA-256 query with a nonce asking for the certificate', async () => {
    // given
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tsq-'));
    try {
      await writeFile(path.join(dir, 'q.tsq'), buildTimestampRequest('audit-anchor:v1\n3\nabc'));

      // when
      const { stdout } = await run('openssl', ['ts', '-query', '-in', path.join(dir, 'q.tsq'), '-text']);

      // then
      expect(stdout).toContain('Hash Algorithm: sha256');
      // the hex dump: "0000 - d7 22 95 ...   .\"..." -> only the byte columns
      const dumped = [...stdout.matchAll(/^\s+\d{4} - ((?:[0-9a-f]{2}[ -]{1,2})+)/gm)].map((m) => m[1].replace(/[ -]/g, '')).join('');
      expect(dumped).toBe(await sha256Hex('audit-anchor:v1\n3\nabc'));
      expect(stdout).toMatch(/Nonce: 0x[0-9A-F]+/);
      expect(stdout).toContain('Certificate required: yes');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stamps each anchor and verifies the token against the TSA root', async () => {
    // when
    const outcome = await anchorAuditChain(db, { tsaUrl: tsa.url });

    // then
    expect(outcome).toMatchObject({ status: 'anchored', anchor: { headSeq: 3 } });
    expect(outcome.status === 'anchored' && outcome.anchor.tsaToken).toBeTruthy();
    expect(tsa.requests).toBeGreaterThan(0);
    const line = JSON.parse((await readFile(path.join(handle.dataDir, 'audit-anchors.log'), 'utf8')).trim()) as { tsaToken: string };
    expect(line.tsaToken).toMatch(/^[A-Za-z0-9+/=]+$/);
    const v = await verifyAuditChain(db, { timestamps: { check: 'all', trustedCerts: parseCertificatesPem(tsa.caPem) } });
    // the anchor's copy in the table and in the log, each with the token
    const stamp = { ok: true, tsa: 'O=Test, CN=Test TSA', genTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) };
    expect(v).toMatchObject({ ok: true, timestamps: [{ anchor: { headSeq: 3, source: 'table' }, check: stamp }, { anchor: { headSeq: 3, source: 'file' }, check: stamp }] });
  });

  it('reports a token from an authority the auditor does not trust, and an edited token, at the anchored entry', async () => {
    // given
    await anchorAuditChain(db, { tsaUrl: tsa.url });

    // then: another CA is not the TSA's root
    expect(await verifyAuditChain(db, { timestamps: { check: 'all', trustedCerts: parseCertificatesPem(otherTsa.caPem) } })).toMatchObject({
      ok: false,
      brokenAt: { seq: 3, reason: 'anchor-timestamp-invalid' },
    });

    // when: the log line gets the token of another anchor text (stamped by the same TSA); the table copy stays intact
    const file = path.join(handle.dataDir, 'audit-anchors.log');
    const line = JSON.parse((await readFile(file, 'utf8')).trim()) as Record<string, unknown>;
    const other = await anchorAuditChain((await otherDb()).db, { tsaUrl: tsa.url });
    line.tsaToken = other.status === 'anchored' ? other.anchor.tsaToken : '';
    await writeFile(file, `${JSON.stringify(line)}\n`);

    // then
    expect(await verifyAuditChain(db, { timestamps: { check: 'all' } })).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'anchor-timestamp-invalid' } });
  });

  it('still anchors to the log when the TSA does not answer, and says why it is unstamped', async () => {
    const outcome = await anchorAuditChain(db, { tsaUrl: 'http://127.0.0.1:9/tsa' });
    expect(outcome).toMatchObject({ status: 'anchored', tsaError: expect.stringContaining('did not answer') });
    expect(outcome.status === 'anchored' && outcome.anchor.tsaToken).toBeFalsy();
  });

  const others: TestDatabaseHandle[] = [];
  afterEach(async () => {
    for (const h of others.splice(0)) await h.cleanup();
  });
  async function otherDb(): Promise<{ db: AppDatabase }> {
    const h = await testDatabaseTargets[0].create();
    others.push(h);
    const other = await h.open();
    await new AuditTrail(other).append(updEntry(9));
    return { db: other };
  }
});

async function sha256Hex(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}
