import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { UserStore, type NewAppUser } from '../../../src/db/index.js';

/**
 * Demo accounts, one per role, created only when asked (SEED_DEMO_USERS=true), each with a random password
 * printed once at start. A demo account is known by its username together with its demo display name, so
 * SEED_DEMO_USERS=false removes exactly these and never a real account that happens to be called `admin`.
 */
export const DEMO_USERS: ReadonlyArray<Omit<NewAppUser, 'password'>> = [
  { username: 'designer', displayName: 'Progettista dei processi', roles: ['designer'] },
  { username: 'provincia', displayName: 'Ufficio procedimenti disciplinari (UPD)', roles: ['provincia', 'provincia-upd', 'provincia-selezione', 'provincia-formazione'] },
  { username: 'comune', displayName: 'Comune di Monza (ufficio personale)', roles: ['comune'], comuniIstat: ['108033'] },
  { username: 'auditor', displayName: 'Revisore', roles: ['auditor'], comuniIstat: ['108033'] },
  { username: 'admin', displayName: 'Amministratore', roles: ['admin'] },
];

export interface DemoSignIn {
  username: string;
  password: string;
  /** as printed: roles, then the Comune groups (comune-108033) */
  roles: string[];
}

export interface SeedDemoUsersOptions {
  /**
   * The password each demo account gets. Default: a random one (16 characters), returned so the caller
   * prints it once. Tests pass a known one (test/web/support/webClient.ts `demoPassword`).
   */
  passwordOf?: (username: string) => string;
}

/** The password every demo account had before they became random: still accepted means still to be replaced. */
const legacyPassword = (username: string) => `${username}-demo`;
const randomPassword = () => randomBytes(12).toString('base64url');

const printedRoles = (u: Omit<NewAppUser, 'password'>): string[] => [
  ...(u.roles ?? []),
  ...(u.comuniIstat ?? []).map((c) => (u.roles?.includes('comune') ? `comune-${c}` : `Comune ${c}`)),
];

/**
 * Creates the demo accounts that do not exist yet and returns them with their passwords. A demo account
 * made by an older version, still with its published password (`admin-demo`), gets a new random one and
 * is returned too; the others keep theirs and are not returned (their password was printed when made).
 */
export async function seedDemoUsers(knex: Knex, options: SeedDemoUsersOptions = {}): Promise<DemoSignIn[]> {
  const users = new UserStore(knex);
  const passwordOf = options.passwordOf ?? randomPassword;
  const out: DemoSignIn[] = [];
  for (const demo of DEMO_USERS) {
    const existing = await users.findByUsername(demo.username);
    if (!existing) {
      const password = passwordOf(demo.username);
      await users.create({ ...demo, password });
      out.push({ username: demo.username, password, roles: printedRoles(demo) });
      continue;
    }
    // Only hashes from before the current cost can hold the published password; checking them costs one scrypt each.
    if (!options.passwordOf && existing.displayName === demo.displayName && (await users.passwordIsOutdated(existing.id)) && (await users.verifyCredentials(demo.username, legacyPassword(demo.username)))) {
      const password = randomPassword();
      await users.setPassword(existing.id, password);
      out.push({ username: demo.username, password, roles: printedRoles(demo) });
    }
  }
  return out;
}

/** SEED_DEMO_USERS=false: deletes the demo accounts made earlier (their sessions go with them); returns their usernames. */
export async function removeDemoUsers(knex: Knex): Promise<string[]> {
  const removed: string[] = [];
  for (const demo of DEMO_USERS) {
    const deleted = await knex('users').where({ username: demo.username, display_name: demo.displayName }).delete();
    if (deleted > 0) removed.push(demo.username);
  }
  return removed;
}
