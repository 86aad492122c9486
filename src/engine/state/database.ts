import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import * as engineCore from './migrations/20261124_001_engine_core.js';
import * as restQueries from './migrations/20261125_001_rest_queries.js';
import * as messageStartLocks from './migrations/20261125_002_message_start_locks.js';
import * as resourceDeletion from './migrations/20261202_001_resource_deletion.js';
import * as clusterIdentity from './migrations/20261202_002_cluster_identity.js';
import * as decisions from './migrations/20261203_001_decisions.js';
import * as retention from './migrations/20261203_010_retention.js';
import * as redundantIndexes from './migrations/20261203_020_redundant_indexes.js';
import * as elementEndDateIndex from './migrations/20261203_040_element_end_date_index.js';
import * as recordsRowid from './migrations/20261203_050_records_rowid.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '20261124_001_engine_core': engineCore,
  '20261125_001_rest_queries': restQueries,
  '20261125_002_message_start_locks': messageStartLocks,
  '20261202_001_resource_deletion': resourceDeletion,
  '20261202_002_cluster_identity': clusterIdentity,
  '20261203_001_decisions': decisions,
  '20261203_010_retention': retention,
  '20261203_020_redundant_indexes': redundantIndexes,
  '20261203_040_element_end_date_index': elementEndDateIndex,
  '20261203_050_records_rowid': recordsRowid,
};

/** Migrations are imported statically so they load the same under tsx, vitest and a bundle. */
const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

/**
 * Opens the engine's SQLite file. WAL lets readers (REST queries) run beside the single writer;
 * synchronous=FULL makes every committed batch survive a power cut, which is what "acknowledged" means.
 */
export async function openEngineDatabase(file: string): Promise<Knex> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const knex = knexFactory({
    client: 'sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) => {
        conn.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;', (err) => done(err, conn));
      },
    },
  });
  const [, pending] = (await knex.migrate.list({ migrationSource })) as [unknown[], unknown[]];
  if (pending.length > 0) {
    const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
    if (process.env.NODE_ENV !== 'test' && !process.env.VITEST) {
      console.log(`[engine] ${file}: applied ${applied.length} migration(s): ${applied.join(', ')}`);
    }
  }
  return knex;
}

export { migrationSource as engineMigrationSource };
