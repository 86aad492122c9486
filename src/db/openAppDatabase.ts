import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { buildAppKnexConfig, MIGRATIONS_TABLE } from './appDatabaseConfig.js';
import { appMigrations } from './migrations/index.js';
import { dialectOf, type AppDialect } from './dialect.js';

export interface OpenAppDatabaseOptions {
  /** Default: `DATA_DIR` or `./data` (src/config.ts should pass it explicitly). */
  dataDir?: string;
  /** Default: `DATABASE_URL`; unset means SQLite at `<dataDir>/app.sqlite`. */
  databaseUrl?: string;
  /**
   * `run` (default) applies pending migrations and logs what it applied;
   * `refuse-pending` throws PendingMigrationsError instead of touching the schema,
   * for processes (CLIs, extra replicas) that must not migrate.
   */
  migrations?: 'run' | 'refuse-pending';
  log?: (line: string) => void;
}

export interface AppDatabase {
  knex: Knex;
  dialect: AppDialect;
  /** Where files that accompany the database (audit anchors) are written. */
  dataDir: string;
  close(): Promise<void>;
}

export class PendingMigrationsError extends Error {
  readonly code = 'PENDING_MIGRATIONS';
  constructor(readonly pending: string[]) {
    super(`app database has ${pending.length} pending migration(s): ${pending.join(', ')}; run the app once with migrations enabled`);
    this.name = 'PendingMigrationsError';
  }
}

export async function openAppDatabase(options: OpenAppDatabaseOptions = {}): Promise<AppDatabase> {
  const dataDir = path.resolve(options.dataDir ?? process.env.DATA_DIR ?? './data');
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  const log = options.log ?? ((line: string) => console.log(line));
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  const knex = knexFactory(buildAppKnexConfig({ dataDir, databaseUrl }));
  const dialect = dialectOf(knex);
  const where = databaseUrl ? 'PostgreSQL' : path.join(dataDir, 'app.sqlite');
  try {
    const pendingNames = await listPendingMigrations(knex);
    if (pendingNames.length > 0 && options.migrations === 'refuse-pending') {
      throw new PendingMigrationsError(pendingNames);
    }
    if (pendingNames.length > 0) {
      const [, applied] = (await knex.migrate.latest()) as [number, string[]];
      log(`[db] app database ${where}: applied ${applied.length} migration(s): ${applied.join(', ')}`);
    } else {
      log(`[db] app database ${where}: schema up to date`);
    }
  } catch (error) {
    await knex.destroy();
    throw error;
  }
  return { knex, dialect, dataDir, close: () => knex.destroy() };
}

async function listPendingMigrations(knex: Knex): Promise<string[]> {
  // knex.migrate.list() creates its bookkeeping tables; a fresh database is known to be all pending
  // without that, so refuse-pending really leaves an unmigrated database untouched.
  if (!(await knex.schema.hasTable(MIGRATIONS_TABLE))) return appMigrations.map((m) => m.name);
  const [, pending] = (await knex.migrate.list()) as [unknown, Array<{ name: string } | string>];
  return pending.map((m) => (typeof m === 'string' ? m : m.name));
}
