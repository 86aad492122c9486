import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmod, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anchorAuditChain, AuditTrail, loadAuditSigner, searchAuditTrail, verifyAuditChain } from '../../src/audit/index.js';
import type { AppDatabase } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { tamperAsDatabaseOwner, updEntry } from './auditFixtures.js';

describe('the audit signing key', () => {
  let handle: TestDatabaseHandle;
  let db: AppDatabase;
  beforeEach(async () => {
    handle = await testDatabaseTargets[0].create();
    db = await handle.open();
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it('is generated on first append as a 0600 file in DATA_DIR, with its public half beside it', async () => {
    // when
    const entry = await new AuditTrail(db).append(updEntry(1));

    // then
    const file = path.join(handle.dataDir, 'audit-signing-key.pem');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const pub = createPublicKey(await readFile(path.join(handle.dataDir, 'audit-signing-key.pub.pem'), 'utf8'));
    expect(entry.keyId).toBe(createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex'));
    expect(entry.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
  });

  it('refuses a key file other users can read, naming the file, and appends nothing', async () => {
    // given
    await new AuditTrail(db).append(updEntry(1));
    const file = path.join(handle.dataDir, 'audit-signing-key.pem');
    await chmod(file, 0o644);

    // when: a fresh process would load it again
    const other = await testDatabaseTargets[0].create();
    try {
      const env = { AUDIT_SIGNING_KEY: file };
      await expect(loadAuditSigner(other.dataDir, env)).rejects.toThrow(`${file} is readable by other users (mode 644): run chmod 600 ${file}`);
      const otherDb = await other.open();
      await expect(new AuditTrail(otherDb, { signer: loadAuditSigner(other.dataDir, env) }).append(updEntry(2))).rejects.toThrow('readable by other users');
      expect((await searchAuditTrail(otherDb)).total).toBe(0);
    } finally {
      await other.cleanup();
    }
  });

  it('uses AUDIT_SIGNING_KEY given as a PEM, and refuses a key that is not Ed25519', async () => {
    // given
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

    // when
    const signer = await loadAuditSigner(handle.dataDir, { AUDIT_SIGNING_KEY: pem });

    // then
    expect(signer.keyId).toBe(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex'));
    await expect(loadAuditSigner(handle.dataDir, { AUDIT_SIGNING_KEY: rsa })).rejects.toThrow('AUDIT_SIGNING_KEY: the audit signing key must be Ed25519, found rsa');
  });
});

describe('a trail begun before signing (migration 0014)', () => {
  let handle: TestDatabaseHandle;
  let db: AppDatabase;
  beforeEach(async () => {
    handle = await testDatabaseTargets[0].create();
    db = await handle.open();
    // given: five entries as the app wrote them before signing: no signature, no head log
    const trail = new AuditTrail(db);
    for (let i = 1; i <= 5; i++) await trail.append(updEntry(i));
    await tamperAsDatabaseOwner(db, (k) => k('audit_entries').update({ signature: null, key_id: null }));
    await rm(path.join(handle.dataDir, 'audit-heads.log'));
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it('is vouched for by the first signed anchor, after which every entry must be signed', async () => {
    // then: unsigned entries nobody vouches for are not accepted
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: 'unsigned-entry' } });

    // when: the app starts and anchors
    const outcome = await anchorAuditChain(db);

    // then
    expect(outcome).toMatchObject({ status: 'anchored', adoptedUnsigned: 5, anchor: { headSeq: 5, unsignedUpTo: 5 } });
    const trail = new AuditTrail(db);
    await trail.append(updEntry(7));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 7, unsignedUpTo: 5, signedEntries: 2 });

    // when: a forger strips the signature of an entry written after signing began
    await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 7 }).update({ signature: null, key_id: null }));

    // then
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: { seq: 7, reason: 'unsigned-entry' } });
    expect(await anchorAuditChain(db)).toMatchObject({ status: 'broken', brokenAt: { seq: 7 } });
  });

  it('is not adopted when signed entries come before unsigned ones (signatures stripped by a forger)', async () => {
    // given: after the unsigned 1..5, entry 6 is signed, and a forger strips the signature of entry 7
    const trail = new AuditTrail(db);
    await trail.append(updEntry(6));
    await trail.append(updEntry(7));
    await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 7 }).update({ signature: null, key_id: null }));

    // when
    const outcome = await anchorAuditChain(db);

    // then: nothing anchored, the first unsigned entry reported
    expect(outcome).toMatchObject({ status: 'broken', brokenAt: { seq: 1, reason: 'unsigned-entry' } });
  });
});
