import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail, GENESIS_HASH, hashAuditEntry, InvalidAuditEntryError, verifyAuditChain } from '../../src/audit/index.js';
import type { AuditEntryInput } from '../../src/audit/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { steppingClock, updEntry } from './auditFixtures.js';

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`AuditTrail (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    beforeEach(async () => {
      handle = await target.create();
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it('chains entries from the genesis hash, one seq after the other', async () => {
      // given
      const db = await handle.open();
      const trail = new AuditTrail(db, { clock: steppingClock() });

      // when
      const first = await trail.append(updEntry(1));
      const second = await trail.append(updEntry(2));

      // then
      expect(first).toMatchObject({ seq: 1, timestamp: '2025-03-03T08:00:00.000Z', prevHash: GENESIS_HASH });
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
      expect(first.hash).toBe(hashAuditEntry(first));
      expect(await trail.head()).toEqual({ seq: 2, hash: second.hash });
    });

    it('reads back exactly what it hashed', async () => {
      const db = await handle.open();
      const trail = new AuditTrail(db);
      await trail.append({
        actor: { type: 'user', id: 'm.rossi', role: 'upd' },
        action: 'instance.start',
        entity: { type: 'process-instance', key: '2251799813685300' },
        data: { nota: 'contestazione d\u2019addebito', importo: 1.5, flags: [true, null], vuoto: {} },
      });
      const verification = await verifyAuditChain(db);
      expect(verification).toMatchObject({ ok: true, count: 1 });
      const row = await db.knex('audit_entries').first();
      // a process-instance entity belongs to its own instance's trail
      expect(row.process_instance_key).toBe('2251799813685300');
    });

    it('keeps one chain under many concurrent appends from two app processes', async () => {
      // given: two connections, as two app processes sharing one database would have
      const dbA = await handle.open();
      const dbB = await handle.open();
      const trails = [new AuditTrail(dbA), new AuditTrail(dbB)];

      // when
      const appended = await Promise.all(Array.from({ length: 60 }, (_, i) => trails[i % 2].append(updEntry(i))));

      // then
      expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(await verifyAuditChain(dbA)).toMatchObject({ ok: true, count: 60, headSeq: 60 });
      const forks = await dbA.knex('audit_entries').select('prev_hash').groupBy('prev_hash').havingRaw('count(*) > 1');
      expect(forks).toEqual([]);
    });

    it('rejects bad input and writes nothing', async () => {
      const db = await handle.open();
      const trail = new AuditTrail(db);
      const bad: AuditEntryInput[] = [
        updEntry(1, { action: 'job.explode' as AuditEntryInput['action'] }),
        updEntry(1, { actor: { type: 'robot' as 'user', id: 'x' } }),
        updEntry(1, { actor: { type: 'user', id: '' } }),
        updEntry(1, { entity: { type: 'job', key: '1', comune: 'Firenze' } }),
        updEntry(1, { entity: { type: 'job', key: '1', processInstanceKey: 'abc' } }),
        updEntry(1, { data: { n: Number.NaN } }),
        updEntry(1, { data: { big: 'x'.repeat(70 * 1024) } }),
        updEntry(1, { data: [1, 2] as unknown as AuditEntryInput['data'] }),
      ];
      for (const input of bad) {
        await expect(trail.append(input)).rejects.toBeInstanceOf(InvalidAuditEntryError);
      }
      expect(await trail.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
      // the queue is not poisoned by the failures
      await expect(trail.append(updEntry(1))).resolves.toMatchObject({ seq: 1 });
    });

    it('is append-only in the database too: UPDATE, DELETE (and TRUNCATE) are refused', async () => {
      const db = await handle.open();
      const trail = new AuditTrail(db);
      await trail.append(updEntry(1));

      await expect(db.knex('audit_entries').update({ action: 'case.read' })).rejects.toThrow(/append-only|permission denied/);
      await expect(db.knex('audit_entries').delete()).rejects.toThrow(/append-only|permission denied/);
      if (db.dialect === 'postgres') {
        await expect(db.knex.raw('TRUNCATE audit_entries')).rejects.toThrow(/append-only|permission denied/);
      }
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 1 });
    });
  });
}
