import { UserStore, type NewAppUser } from '../../../src/db/index.js';
import type { Knex } from 'knex';

/** Demo accounts for a first local start, one per role. Development only: never in production. */
export const DEMO_USERS: ReadonlyArray<NewAppUser & { password: string }> = [
  { username: 'designer', displayName: 'Progettista dei processi', password: 'designer-demo', roles: ['designer'] },
  { username: 'provincia', displayName: 'Ufficio procedimenti disciplinari (UPD)', password: 'provincia-demo', roles: ['provincia', 'provincia-upd', 'provincia-selezione', 'provincia-formazione'] },
  { username: 'comune', displayName: 'Comune di Monza (ufficio personale)', password: 'comune-demo', roles: ['comune'], comuniIstat: ['108033'] },
  { username: 'auditor', displayName: 'Revisore', password: 'auditor-demo', roles: ['auditor'], comuniIstat: ['108033'] },
  { username: 'admin', displayName: 'Amministratore', password: 'admin-demo', roles: ['admin'] },
];

/** Creates the demo accounts that do not exist yet; returns the ones created. */
export async function seedDemoUsers(knex: Knex): Promise<Array<{ username: string; password: string; roles: string[] }>> {
  const users = new UserStore(knex);
  const created: Array<{ username: string; password: string; roles: string[] }> = [];
  for (const demo of DEMO_USERS) {
    if (await users.findByUsername(demo.username)) continue;
    await users.create(demo);
    created.push({ username: demo.username, password: demo.password, roles: demo.roles ?? [] });
  }
  return created;
}
