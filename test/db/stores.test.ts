import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiagramDraftStore, DuplicateUsernameError, SessionStore, UserStore, type AppDatabase } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from './testDatabases.js';

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`app stores (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    let db: AppDatabase;
    beforeEach(async () => {
      handle = await target.create();
      db = await handle.open();
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    describe('UserStore', () => {
      it('creates a user and signs in with the right password only', async () => {
        // given
        const users = new UserStore(db.knex);
        const created = await users.create({ username: 'm.rossi', displayName: 'Mario Rossi', password: 'segreto!', roles: ['upd'], comuniIstat: ['048017'] });

        // then
        expect(created).toMatchObject({ username: 'm.rossi', roles: ['upd'], comuniIstat: ['048017'], active: true });
        expect(await users.verifyCredentials('m.rossi', 'segreto!')).toEqual(created);
        expect(await users.verifyCredentials('m.rossi', 'sbagliato')).toBeUndefined();
        expect(await users.verifyCredentials('nessuno', 'segreto!')).toBeUndefined();
        expect(JSON.stringify(await users.findByUsername('m.rossi'))).not.toContain('scrypt');
      });

      it('refuses a taken username and a disabled account', async () => {
        const users = new UserStore(db.knex);
        const u = await users.create({ username: 'anna', displayName: 'Anna', password: 'pw' });
        await expect(users.create({ username: 'anna', displayName: 'Altra', password: 'pw' })).rejects.toBeInstanceOf(DuplicateUsernameError);
        await users.setActive(u.id, false);
        expect(await users.verifyCredentials('anna', 'pw')).toBeUndefined();
        expect(await users.findById(u.id)).toMatchObject({ active: false });
      });

      it('changes a password', async () => {
        const users = new UserStore(db.knex);
        const u = await users.create({ username: 'anna', displayName: 'Anna', password: 'vecchia' });
        await users.setPassword(u.id, 'nuova');
        expect(await users.verifyCredentials('anna', 'vecchia')).toBeUndefined();
        expect(await users.verifyCredentials('anna', 'nuova')).toMatchObject({ id: u.id });
      });
    });

    describe('SessionStore', () => {
      it('stores, replaces, expires and destroys sessions', async () => {
        // given
        let now = new Date('2025-03-03T08:00:00Z');
        const sessions = new SessionStore(db.knex, () => now);
        const user = await new UserStore(db.knex).create({ username: 'anna', displayName: 'Anna', password: 'pw' });

        // when / then
        await sessions.set('k1', { userId: user.id, lang: 'it' }, 60_000);
        expect(await sessions.get('k1')).toEqual({ userId: user.id, lang: 'it' });
        await sessions.set('k1', { userId: user.id, lang: 'en' }, 60_000);
        expect(await sessions.get('k1')).toEqual({ userId: user.id, lang: 'en' });
        now = new Date('2025-03-03T08:01:00Z');
        expect(await sessions.get('k1')).toBeUndefined();
        expect(await sessions.deleteExpired()).toBe(1);
        await sessions.set('k2', {}, 60_000);
        await sessions.destroy('k2');
        expect(await sessions.get('k2')).toBeUndefined();
      });
    });

    describe('DiagramDraftStore', () => {
      it('keeps every saved version and returns the latest by default', async () => {
        // given
        const drafts = new DiagramDraftStore(db.knex);

        // when
        const saved = await Promise.all([1, 2, 3].map((n) => drafts.save({ diagramId: 'upd', xml: `<v${n}/>`, author: 'anna' })));
        await drafts.save({ diagramId: 'concorso', xml: '<c/>', author: 'bruno' });

        // then
        expect(saved.map((d) => d.version).sort()).toEqual([1, 2, 3]);
        expect((await drafts.listVersions('upd')).map((v) => v.version)).toEqual([1, 2, 3]);
        const latest = await drafts.get('upd');
        expect(latest?.version).toBe(3);
        expect((await drafts.get('upd', 1))?.version).toBe(1);
        expect(await drafts.get('upd', 9)).toBeUndefined();
        expect((await drafts.listLatest()).map((d) => [d.diagramId, d.version])).toEqual([
          ['concorso', 1],
          ['upd', 3],
        ]);
      });
    });
  });
}
