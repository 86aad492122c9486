import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMigrationSource, openEngineDatabase } from '../../../src/engine/state/database.js';
import { tempDir } from '../../support/engineHarness.js';

describe('migration 20261203_010_retention', () => {
  it('adds the exporter positions and the end-date and parent indexes, and goes down and up again', async () => {
    // given
    const knex = await openEngineDatabase(path.join(tempDir('mig-'), 'engine.sqlite'));
    try {
      const indexes = async () => ((await knex.raw(`select name from sqlite_master where type = 'index' and tbl_name = 'process_instances'`)) as { name: string }[]).map((r) => r.name);
      expect(await knex.schema.hasTable('exporter_positions')).toBe(true);
      expect(await indexes()).toEqual(expect.arrayContaining(['process_instances_end_date_idx', 'process_instances_parent_idx']));
      // when
      await knex.migrate.down({ migrationSource: engineMigrationSource, name: '20261203_010_retention' });
      // then
      expect(await knex.schema.hasTable('exporter_positions')).toBe(false);
      expect(await indexes()).not.toContain('process_instances_end_date_idx');
      await knex.migrate.latest({ migrationSource: engineMigrationSource });
      expect(await knex.schema.hasTable('exporter_positions')).toBe(true);
    } finally {
      await knex.destroy();
    }
  });
});
