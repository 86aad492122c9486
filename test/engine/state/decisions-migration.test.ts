import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMigrationSource, openEngineDatabase } from '../../../src/engine/state/database.js';
import { tempDir } from '../../support/engineHarness.js';

describe('migration 20261203_001_decisions', () => {
  it('creates the DMN tables, and goes down and up again', async () => {
    // given
    const knex = await openEngineDatabase(path.join(tempDir('mig-'), 'engine.sqlite'));
    try {
      const tables = async () => Promise.all(['decision_requirements', 'decisions', 'decision_instances'].map((t) => knex.schema.hasTable(t)));
      expect(await tables()).toEqual([true, true, true]);
      // when
      await knex.migrate.down({ migrationSource: engineMigrationSource, name: '20261203_001_decisions' });
      // then
      expect(await tables()).toEqual([false, false, false]);
      await knex.migrate.latest({ migrationSource: engineMigrationSource });
      expect(await tables()).toEqual([true, true, true]);
    } finally {
      await knex.destroy();
    }
  });
});
