import path from 'node:path';
import type { Knex } from 'knex';
import { StaticMigrationSource } from './StaticMigrationSource.js';

export interface AppDatabaseLocation {
  /** Folder for SQLite files; ignored for PostgreSQL except by callers that keep files there. */
  dataDir: string;
  /** `postgres://...`; when set the app data lives in PostgreSQL instead of `<dataDir>/app.sqlite`. */
  databaseUrl?: string;
}

export const APP_SQLITE_FILE = 'app.sqlite';
export const MIGRATIONS_TABLE = 'knex_migrations';

/** Milliseconds a SQLite connection waits for another process's write lock before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

interface SqliteConnection {
  exec(sql: string, done: (err: Error | null) => void): void;
}

export function buildAppKnexConfig(location: AppDatabaseLocation): Knex.Config {
  const migrations: Knex.MigratorConfig = {
    migrationSource: new StaticMigrationSource(),
    tableName: MIGRATIONS_TABLE,
  };
  if (location.databaseUrl) {
    return { client: 'pg', connection: location.databaseUrl, pool: { min: 0, max: 10 }, migrations };
  }
  return {
    client: 'sqlite3',
    connection: { filename: path.join(location.dataDir, APP_SQLITE_FILE) },
    useNullAsDefault: true,
    // One connection: SQLite has one writer anyway, and a single connection makes the pragmas hold
    // for every query. WAL lets readers in other processes (the audit CLI) run while we write;
    // synchronous=FULL keeps an acknowledged audit entry on disk across a power loss.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        conn.exec(
          `PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS};`,
          (err) => done(err, conn),
        );
      },
    },
    migrations,
  };
}
