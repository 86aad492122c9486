import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import knexFactory from 'knex';
import { appMigrations, buildAppKnexConfig, PendingMigrationsError } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from './testDatabases.js';

const APP_TABLES = ['users', 'sessions', 'diagram_drafts', 'audit_entries', 'audit_chain_lock', 'audit_anchors', 'sign_in_limits'];

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`app database migrations (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    beforeEach(async () => {
      handle = await target.create();
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it('applies every migration on open and logs what it applied', async () => {
      // given
      const lines: string[] = [];

      // when
      const db = await handle.open({ log: (line) => lines.push(line) });

      // then
      for (const table of APP_TABLES) expect(await db.knex.schema.hasTable(table), table).toBe(true);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`applied ${appMigrations.length} migration(s)`);
      expect(lines[0]).toContain('0001_create_users');
    });

    it('reports an up-to-date schema on the second open', async () => {
      await handle.open();
      const lines: string[] = [];
      await handle.open({ log: (line) => lines.push(line) });
      expect(lines).toEqual([expect.stringContaining('schema up to date')]);
    });

    it('refuses to start with pending migrations when asked to, without touching the schema', async () => {
      // when
      const refused = handle.open({ migrations: 'refuse-pending' });

      // then
      await expect(refused).rejects.toBeInstanceOf(PendingMigrationsError);
      await expect(refused).rejects.toMatchObject({ code: 'PENDING_MIGRATIONS', pending: appMigrations.map((m) => m.name) });
      const probe = knexFactory(buildAppKnexConfig({ dataDir: handle.dataDir, databaseUrl: handle.databaseUrl }));
      expect(await probe.schema.hasTable('knex_migrations')).toBe(false);
      await probe.destroy();
      const migrated = await handle.open();
      expect(await migrated.knex.schema.hasTable('users')).toBe(true);
      await expect(handle.open({ migrations: 'refuse-pending' })).resolves.toBeDefined();
    });

    it('runs each migration up and down, one step at a time, and up again', async () => {
      // given
      const fresh = await handle.open();
      await fresh.knex.migrate.rollback(undefined, true);
      for (const table of APP_TABLES) expect(await fresh.knex.schema.hasTable(table), table).toBe(false);

      // when / then: each step up, then each step down
      for (const migration of appMigrations) {
        await fresh.knex.migrate.up();
        const [done] = (await fresh.knex.migrate.list()) as [Array<{ name: string }>, unknown];
        expect(done.map((m) => m.name).at(-1)).toBe(migration.name);
      }
      for (let i = appMigrations.length - 1; i >= 0; i--) {
        await fresh.knex.migrate.down();
        const [done] = (await fresh.knex.migrate.list()) as [Array<{ name: string }>, unknown];
        expect(done).toHaveLength(i);
      }
      for (const table of APP_TABLES) expect(await fresh.knex.schema.hasTable(table), table).toBe(false);
      await fresh.knex.migrate.latest();
      for (const table of APP_TABLES) expect(await fresh.knex.schema.hasTable(table), table).toBe(true);
    });

    it('enforces the users foreign key from sessions', async () => {
      const db = await handle.open();
      const now = new Date().toISOString();
      await expect(
        db.knex('sessions').insert({ id: 's1', user_id: 'nobody', data: '{}', created_at: now, expires_at: now }),
      ).rejects.toThrow(/FOREIGN KEY|foreign key/);
    });
  });
}

describe('app database on SQLite', () => {
  let handle: TestDatabaseHandle;
  beforeEach(async () => {
    handle = await testDatabaseTargets[0].create();
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it('uses <dataDir>/app.sqlite in WAL mode with foreign keys on', async () => {
    const db = await handle.open();
    const [journal] = (await db.knex.raw('PRAGMA journal_mode')) as Array<{ journal_mode: string }>;
    const [fk] = (await db.knex.raw('PRAGMA foreign_keys')) as Array<{ foreign_keys: number }>;
    expect(db.dialect).toBe('sqlite');
    expect(journal.journal_mode).toBe('wal');
    expect(fk.foreign_keys).toBe(1);
    expect(db.knex.client.config.connection.filename).toBe(`${handle.dataDir}/app.sqlite`);
  });
});
