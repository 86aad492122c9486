import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail, InvalidAuditSearchError, searchAuditTrail, type AuditEntry } from '../../src/audit/index.js';
import type { AppDatabase } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { steppingClock } from './auditFixtures.js';

const FIRENZE = '048017';
const PRATO = '100005';

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`searchAuditTrail (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    let db: AppDatabase;
    let all: AuditEntry[];

    beforeEach(async () => {
      handle = await target.create();
      db = await handle.open();
      // one entry per second from 08:00:00
      const trail = new AuditTrail(db, { clock: steppingClock('2025-03-03T08:00:00.000Z') });
      all = [];
      all.push(await trail.append({ actor: { type: 'user', id: 'anna', role: 'upd' }, action: 'instance.start', entity: { type: 'process-instance', key: '101', comune: FIRENZE } }));
      all.push(await trail.append({ actor: { type: 'worker', id: 'notify', jobKey: '9001' }, action: 'job.complete', entity: { type: 'job', key: '9001', processInstanceKey: '101', comune: FIRENZE } }));
      all.push(await trail.append({ actor: { type: 'user', id: 'bruno', role: 'segreteria' }, action: 'task.complete', entity: { type: 'user-task', key: '9002', processInstanceKey: '101', comune: FIRENZE } }));
      all.push(await trail.append({ actor: { type: 'user', id: 'anna', role: 'upd' }, action: 'instance.start', entity: { type: 'process-instance', key: '202', comune: PRATO } }));
      all.push(await trail.append({ actor: { type: 'engine', id: 'embedded' }, action: 'deadline.missed', entity: { type: 'timer', key: '9003', processInstanceKey: '202', comune: PRATO } }));
      all.push(await trail.append({ actor: { type: 'user', id: 'x' }, action: 'auth.sign-in-failed', entity: { type: 'user', key: 'x' } }));
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    const seqs = (r: { items: AuditEntry[] }) => r.items.map((e) => e.seq);

    it('returns everything, oldest first, with the total', async () => {
      const result = await searchAuditTrail(db);
      expect(result).toMatchObject({ total: 6, limit: 50, offset: 0 });
      expect(result.items).toEqual(all);
    });

    it('filters by actor, action, entity, process instance and comune', async () => {
      expect(seqs(await searchAuditTrail(db, { actorId: 'anna' }))).toEqual([1, 4]);
      expect(seqs(await searchAuditTrail(db, { actorType: 'user' }))).toEqual([1, 3, 4, 6]);
      expect(seqs(await searchAuditTrail(db, { action: 'instance.start' }))).toEqual([1, 4]);
      expect(seqs(await searchAuditTrail(db, { action: ['job.complete', 'deadline.missed'] }))).toEqual([2, 5]);
      expect(seqs(await searchAuditTrail(db, { entityType: 'user-task', entityKey: '9002' }))).toEqual([3]);
      expect(seqs(await searchAuditTrail(db, { processInstanceKey: '101' }))).toEqual([1, 2, 3]);
      expect(seqs(await searchAuditTrail(db, { comune: PRATO }))).toEqual([4, 5]);
      expect(seqs(await searchAuditTrail(db, { comune: [FIRENZE, PRATO], actorId: 'anna' }))).toEqual([1, 4]);
    });

    it('treats an empty comune scope as matching nothing', async () => {
      expect(await searchAuditTrail(db, { comune: [] })).toMatchObject({ total: 0, items: [] });
    });

    it('filters by period, from inclusive and to exclusive', async () => {
      const result = await searchAuditTrail(db, { from: '2025-03-03T08:00:01Z', to: new Date('2025-03-03T08:00:04Z') });
      expect(seqs(result)).toEqual([2, 3, 4]);
    });

    it('pages, in either order', async () => {
      const page2 = await searchAuditTrail(db, {}, { limit: 2, offset: 2 });
      expect(page2).toMatchObject({ total: 6, limit: 2, offset: 2 });
      expect(seqs(page2)).toEqual([3, 4]);
      expect(seqs(await searchAuditTrail(db, {}, { limit: 2, order: 'desc' }))).toEqual([6, 5]);
    });

    it('rejects a bad page or period', async () => {
      await expect(searchAuditTrail(db, {}, { limit: 0 })).rejects.toBeInstanceOf(InvalidAuditSearchError);
      await expect(searchAuditTrail(db, {}, { limit: 501 })).rejects.toBeInstanceOf(InvalidAuditSearchError);
      await expect(searchAuditTrail(db, {}, { offset: -1 })).rejects.toBeInstanceOf(InvalidAuditSearchError);
      await expect(searchAuditTrail(db, { from: 'ieri' })).rejects.toBeInstanceOf(InvalidAuditSearchError);
    });
  });
}
