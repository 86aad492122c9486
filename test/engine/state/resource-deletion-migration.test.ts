import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMigrationSource, openEngineDatabase } from '../../../src/engine/state/database.js';
import { tempDir } from '../../support/engineHarness.js';

describe('migration 20261202_001_resource_deletion', () => {
  it('adds the deletion state of process definitions, and goes down and up again', async () => {
    // given
    const knex = await openEngineDatabase(path.join(tempDir('mig-'), 'engine.sqlite'));
    try {
      const columns = async () => Object.keys(await knex('process_definitions').columnInfo());
      expect(await columns()).toContain('deletion_state');
      // when
      await knex.migrate.down({ migrationSource: engineMigrationSource, name: '20261202_001_resource_deletion' });
      // then
      expect(await columns()).not.toContain('deletion_state');
      await knex.migrate.latest({ migrationSource: engineMigrationSource });
      expect(await columns()).toContain('deletion_state');
    } finally {
      await knex.destroy();
    }
  });
});
