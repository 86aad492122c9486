import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { openAppDatabase, type AppDatabase, type OpenAppDatabaseOptions } from '../../src/db/index.js';

/**
 * The databases the DB and audit suites run against: always a real SQLite file in a temp dir, and
 * PostgreSQL too when TEST_DATABASE_URL names a server where that role may CREATE DATABASE
 * (each test gets a database of its own, dropped afterwards).
 */
export interface TestDatabaseTarget {
  name: 'sqlite' | 'postgres';
  available: boolean;
  create(): Promise<TestDatabaseHandle>;
}

export interface TestDatabaseHandle {
  dataDir: string;
  databaseUrl?: string;
  /** opens (and by default migrates) the app database; every opened one is closed by cleanup() */
  open(options?: Omit<OpenAppDatabaseOptions, 'dataDir' | 'databaseUrl'>): Promise<AppDatabase>;
  cleanup(): Promise<void>;
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

async function makeHandle(databaseUrl: string | undefined, dropDatabase: () => Promise<void>): Promise<TestDatabaseHandle> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'app-db-test-'));
  const opened: AppDatabase[] = [];
  return {
    dataDir,
    databaseUrl,
    async open(options = {}) {
      const db = await openAppDatabase({ log: () => {}, ...options, dataDir, databaseUrl });
      opened.push(db);
      return db;
    },
    async cleanup() {
      await Promise.all(opened.map((db) => db.close()));
      await dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createPostgresHandle(adminUrl: string): Promise<TestDatabaseHandle> {
  const name = `app_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return makeHandle(url.toString(), async () => {
    const dropper = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
    try {
      // Not WITH (FORCE): PostgreSQL 15 refuses FORCE to a non-superuser while an autovacuum worker is in
      // the database ("must be a member of the role whose process is being terminated"), which a database
      // that just ran many migrations often has. A plain DROP signals autovacuum itself; our own
      // connections are closed above, so only a backend still finishing its exit can hold it (55006).
      for (let attempt = 1; ; attempt += 1) {
        try {
          await dropper.raw(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt === 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    } finally {
      await dropper.destroy();
    }
  });
}

export const testDatabaseTargets: TestDatabaseTarget[] = [
  { name: 'sqlite', available: true, create: () => makeHandle(undefined, async () => {}) },
  {
    name: 'postgres',
    available: TEST_DATABASE_URL !== undefined,
    create: () => createPostgresHandle(TEST_DATABASE_URL as string),
  },
];
