import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMigrationSource, openEngineDatabase } from '../../../src/engine/state/database.js';
import { tempDir } from '../../support/engineHarness.js';

/** Migration 20261202_001: the cluster id of /v2/topology, made once per engine database. */
describe('cluster identity migration', () => {
  it('makes one cluster id when the database is created, keeps it on reopening, and goes down cleanly', async () => {
    // given
    const file = path.join(tempDir('cluster-id-'), 'engine.sqlite');
    const first = await openEngineDatabase(file);
    const made = (await first('cluster_identity').select('cluster_id')) as { cluster_id: string }[];
    await first.destroy();
    // when
    const again = await openEngineDatabase(file);
    const kept = (await again('cluster_identity').select('cluster_id')) as { cluster_id: string }[];
    await again.migrate.down({ migrationSource: engineMigrationSource, name: '20261202_002_cluster_identity' });
    const tableAfterDown = await again.schema.hasTable('cluster_identity');
    await again.destroy();
    // then
    expect(made).toHaveLength(1);
    expect(made[0].cluster_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(kept).toEqual(made);
    expect(tableAfterDown).toBe(false);
  });
});
