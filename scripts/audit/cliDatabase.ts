import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openAppDatabase, type AppDatabase } from '../../src/db/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const DATABASE_OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies Options;

/**
 * Opens the app database for an audit CLI from `--data-dir` / `--database-url` or DATA_DIR /
 * DATABASE_URL, and parses the CLI's own options too (an unknown option is an error naming it).
 * It never migrates: a CLI run against an older schema must not change it.
 */
export async function openDatabaseForCli<T extends Options>(
  argv: string[],
  extra: T = {} as T,
): Promise<{ db: AppDatabase; json: boolean; values: ReturnType<typeof parseArgs<{ args: string[]; options: T & typeof DATABASE_OPTIONS }>>['values'] }> {
  const { values } = parseArgs({ args: argv, options: { ...DATABASE_OPTIONS, ...extra } as T & typeof DATABASE_OPTIONS });
  const v = values as { 'data-dir'?: string; 'database-url'?: string; json?: boolean };
  const db = await openAppDatabase({
    dataDir: v['data-dir'],
    databaseUrl: v['database-url'],
    migrations: 'refuse-pending',
    log: () => {},
  });
  return { db, json: v.json ?? false, values };
}
