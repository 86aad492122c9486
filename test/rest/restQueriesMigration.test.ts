import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMigrationSource, openEngineDatabase } from '../../src/engine/state/database.js';
import { tempDir } from '../support/engineHarness.js';

describe('migration 20261125_001_rest_queries', () => {
  it('adds the record actor and query indexes, and goes down and up again', async () => {
    // given
    const knex = await openEngineDatabase(path.join(tempDir('mig-'), 'engine.sqlite'));
    try {
      const columns = async () => Object.keys(await knex('records').columnInfo());
      const indexes = async () => ((await knex.raw("SELECT name FROM sqlite_master WHERE type = 'index'")) as { name: string }[]).map((r) => r.name);
      expect(await columns()).toEqual(expect.arrayContaining(['actor_id', 'actor_type']));
      expect(await indexes()).toContain('element_instances_statistics_idx');
      // when
      await knex.migrate.down({ migrationSource: engineMigrationSource, name: '20261125_001_rest_queries' });
      // then
      expect(await columns()).not.toContain('actor_id');
      expect(await indexes()).not.toContain('element_instances_statistics_idx');
      await knex.migrate.latest({ migrationSource: engineMigrationSource });
      expect(await columns()).toContain('actor_id');
    } finally {
      await knex.destroy();
    }
  });
});
