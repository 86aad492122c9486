import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail, InvalidAuditEntryError, verifyAuditChain } from '../../src/audit/index.js';
import type { AuditEntryInput } from '../../src/audit/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { updEntry } from './auditFixtures.js';

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`AuditTrail.appendAll (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    beforeEach(async () => {
      handle = await target.create();
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it('chains a batch in order after the entries already there, in one go', async () => {
      // given
      const db = await handle.open();
      const trail = new AuditTrail(db);
      const single = await trail.append(updEntry(0));

      // when: more entries than one INSERT chunk
      const batch = await trail.appendAll(Array.from({ length: 120 }, (_, i) => updEntry(i + 1)));

      // then
      expect(batch.map((e) => e.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 2));
      expect(batch[0].prevHash).toBe(single.hash);
      for (let i = 1; i < batch.length; i++) expect(batch[i].prevHash).toBe(batch[i - 1].hash);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 121, headSeq: 121 });
    });

    it('refuses the whole batch when one entry is invalid, and writes nothing', async () => {
      // given
      const db = await handle.open();
      const trail = new AuditTrail(db);
      const bad = { ...updEntry(2), action: 'instance.teleport' } as unknown as AuditEntryInput;

      // when / then
      await expect(trail.appendAll([updEntry(1), bad, updEntry(3)])).rejects.toThrow(InvalidAuditEntryError);
      await expect(trail.appendAll([updEntry(1), bad])).rejects.toThrow(/instance\.teleport/);
      expect(await trail.head()).toMatchObject({ seq: 0 });
    });
  });
}
