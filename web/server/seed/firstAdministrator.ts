import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { UserStore } from '../../../src/db/index.js';
import type { DemoSignIn } from './seedDemoUsers.js';

export const FIRST_ADMINISTRATOR = 'amministratore';

/**
 * Without demo accounts a fresh installation would have nobody to sign in as: when the app database has
 * no account at all, one administrator is created with a random password, printed once at start. That
 * administrator creates the real accounts (Utenti) and should change the password (PUT /api/profile/password).
 */
export async function ensureFirstAdministrator(knex: Knex): Promise<DemoSignIn | undefined> {
  const row = (await knex('users').count({ n: '*' }).first()) as { n: number | string } | undefined;
  if (Number(row?.n ?? 0) > 0) return undefined;
  const password = randomBytes(12).toString('base64url');
  await new UserStore(knex).create({ username: FIRST_ADMINISTRATOR, displayName: 'Primo amministratore', password, roles: ['admin'] });
  return { username: FIRST_ADMINISTRATOR, password, roles: ['admin'] };
}
