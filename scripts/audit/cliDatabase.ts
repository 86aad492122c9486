import { parseArgs } from 'node:util';
import { openAppDatabase, type AppDatabase } from '../../src/db/index.js';

/**
 * Opens the app database for an audit CLI from `--data-dir` / `--database-url` or DATA_DIR /
 * DATABASE_URL. It never migrates: a CLI run against an older schema must not change it.
 */
export async function openDatabaseForCli(argv: string[]): Promise<{ db: AppDatabase; json: boolean }> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const db = await openAppDatabase({
    dataDir: values['data-dir'],
    databaseUrl: values['database-url'],
    migrations: 'refuse-pending',
    log: () => {},
  });
  return { db, json: values.json ?? false };
}
