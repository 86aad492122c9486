import { createHash, createPublicKey, verify } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditTrail,
  auditAnchorFilePath,
  hashAuditEntry,
  MalformedAnchorFileError,
  verifyAuditChain,
  writeAuditAnchor,
  type AuditEntry,
} from '../../src/audit/index.js';
import { auditEntryFromRow, auditEntryToRow, type AuditEntryRow } from '../../src/audit/auditEntryRow.js';
import type { AppDatabase } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { steppingClock, tamperAsDatabaseOwner, updEntry } from './auditFixtures.js';

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`verifyAuditChain (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    let db: AppDatabase;
    let entries: AuditEntry[];

    beforeEach(async () => {
      handle = await target.create();
      db = await handle.open();
      const trail = new AuditTrail(db, { clock: steppingClock() });
      entries = [];
      for (let i = 1; i <= 10; i++) entries.push(await trail.append(updEntry(i)));
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it('reports an intact chain with its count and head hash', async () => {
      expect(await verifyAuditChain(db, { batchSize: 3 })).toEqual({
        ok: true,
        count: 10,
        headSeq: 10,
        headHash: entries[9].hash,
        anchorsChecked: 0,
        latestAnchor: undefined,
        keyIds: [await installationKeyId(db)],
        signedEntries: 10,
        unsignedUpTo: 0,
        anchorLog: false,
        timestamps: [],
      });
    });

    it('reports an empty chain as intact', async () => {
      const other = await target.create();
      try {
        expect(await verifyAuditChain(await other.open())).toMatchObject({ ok: true, count: 0, headSeq: 0 });
      } finally {
        await other.cleanup();
      }
    });

    it('detects one changed field at that entry', async () => {
      // when
      await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 5 }).update({ data: '{"esito":"ko","step":5}' }));

      // then
      const result = await verifyAuditChain(db);
      expect(result).toMatchObject({ ok: false, count: 4, brokenAt: { seq: 5, reason: 'content-altered', foundHash: entries[4].hash } });
      const tampered = auditEntryFromRow((await db.knex('audit_entries').where({ seq: 5 }).first()) as AuditEntryRow);
      expect(result.ok || result.brokenAt.expectedHash).toBe(hashAuditEntry(tampered));
    });

    it('reports an entry whose data is no longer JSON as unreadable, at that entry', async () => {
      await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 6 }).update({ data: '{"esito":' }));

      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, count: 5, brokenAt: { seq: 6, reason: 'unreadable-entry', foundHash: entries[5].hash } });
    });

    it('detects a changed actor at that entry even when the forger also recomputed its hash', async () => {
      // when: entry 7 is rewritten with a self-consistent hash (the old signature kept: the forger has no key)
      await tamperAsDatabaseOwner(db, async (k) => {
        const forged = { ...entries[6], actor: { type: 'user' as const, id: 'someone.else' } };
        await k('audit_entries').where({ seq: 7 }).update(auditEntryToRow({ ...forged, hash: hashAuditEntry(forged) }));
      });

      // then: its signature no longer verifies
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, count: 6, brokenAt: { seq: 7, reason: 'bad-signature' } });
    });

    it('detects a deleted entry at its number', async () => {
      await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 5 }).delete());

      expect(await verifyAuditChain(db)).toMatchObject({
        ok: false,
        count: 4,
        brokenAt: { seq: 5, reason: 'missing-entry', expectedHash: entries[3].hash, foundHash: entries[4].hash },
      });
    });

    it('detects two reordered entries at the first of them', async () => {
      // when: entries 5 and 6 swap places
      await tamperAsDatabaseOwner(db, async (k) => {
        await k('audit_entries').where({ seq: 5 }).update({ seq: -1 });
        await k('audit_entries').where({ seq: 6 }).update({ seq: 5 });
        await k('audit_entries').where({ seq: -1 }).update({ seq: 6 });
      });

      // then
      expect(await verifyAuditChain(db)).toMatchObject({
        ok: false,
        brokenAt: { seq: 5, reason: 'broken-link', expectedHash: entries[3].hash, foundHash: entries[4].hash },
      });
    });

    it('detects a truncated tail through the latest anchor', async () => {
      // given
      const anchor = await writeAuditAnchor(db, new Date('2025-03-04T00:00:00Z'));
      expect(anchor).toMatchObject({ headSeq: 10, headHash: entries[9].hash });

      // when
      await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where('seq', '>', 7).delete());

      // then
      expect(await verifyAuditChain(db)).toMatchObject({
        ok: false,
        count: 7,
        brokenAt: { seq: 8, reason: 'truncated', expectedHash: entries[9].hash, foundHash: entries[6].hash },
      });
    });

    it('still detects the truncation when the anchors in the database were removed too', async () => {
      await writeAuditAnchor(db);
      await tamperAsDatabaseOwner(db, async (k) => {
        await k('audit_entries').where('seq', '>', 8).delete();
        await k('audit_anchors').delete();
      });

      expect(await verifyAuditChain(db)).toMatchObject({
        ok: false,
        brokenAt: { seq: 9, reason: 'truncated', anchor: { source: 'file', headSeq: 10 } },
      });
    });

    it('detects a chain rewritten consistently after it was anchored', async () => {
      // given
      await writeAuditAnchor(db);

      // when: entry 3 is changed and every hash from 3 on recomputed
      await tamperAsDatabaseOwner(db, async (k) => {
        let prevHash = entries[1].hash;
        for (const original of entries.slice(2)) {
          const content = { ...original, prevHash, data: original.seq === 3 ? { step: 3, esito: 'archiviato' } : original.data };
          const forged = { ...content, hash: hashAuditEntry(content) };
          await k('audit_entries').where({ seq: original.seq }).update(auditEntryToRow(forged));
          prevHash = forged.hash;
        }
      });

      // then: the hashes are self-consistent, but entry 3 is the first whose signature does not verify
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, count: 2, brokenAt: { seq: 3, reason: 'bad-signature' } });
    });

    it('accepts entries appended after the latest anchor', async () => {
      await writeAuditAnchor(db);
      const trail = new AuditTrail(db);
      const later = await trail.append(updEntry(11));
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 11, headHash: later.hash, anchorsChecked: 2 });
    });

    it('writes each anchor as one JSON line in <dataDir>/audit-anchors.log, signed with the installation key', async () => {
      // when
      await writeAuditAnchor(db, new Date('2025-03-04T00:00:00Z'));

      // then
      const text = await readFile(auditAnchorFilePath(db), 'utf8');
      expect(text).toMatch(new RegExp(`^\\{"headSeq":10,"headHash":"${entries[9].hash}","anchoredAt":"2025-03-04T00:00:00.000Z","keyId":"[0-9a-f]{64}","signature":"[A-Za-z0-9+/=]{88}","unsignedUpTo":0\\}\n$`));
      const line = JSON.parse(text) as { keyId: string; signature: string };
      expect(line.keyId).toBe(await installationKeyId(db));
      const signed = `audit-anchor:v1\n10\n${entries[9].hash}\n2025-03-04T00:00:00.000Z\n0`;
      expect(verify(null, Buffer.from(signed), await installationPublicKey(db), Buffer.from(line.signature, 'base64'))).toBe(true);
    });

    it('refuses a garbled anchor file instead of skipping the line', async () => {
      await writeAuditAnchor(db);
      await appendFile(auditAnchorFilePath(db), 'not json\n');
      await expect(verifyAuditChain(db)).rejects.toBeInstanceOf(MalformedAnchorFileError);
    });
  });
}

async function installationPublicKey(db: AppDatabase) {
  return createPublicKey(await readFile(path.join(db.dataDir, 'audit-signing-key.pub.pem'), 'utf8'));
}

/** SHA-256 of the public key's DER, computed here rather than by the code under test. */
async function installationKeyId(db: AppDatabase): Promise<string> {
  return createHash('sha256').update((await installationPublicKey(db)).export({ type: 'spki', format: 'der' })).digest('hex');
}
