import { expect } from 'vitest';
import { WebClient } from './httpSession.js';

export { serve, WebClient } from './httpSession.js';

/**
 * The password test stacks give the demo accounts: `seedDemoUsers(knex, { passwordOf: demoPassword })`.
 * A deployment never gets these: without `passwordOf` each demo account gets a random one.
 */
export const demoPassword = (username: string): string => `${username}-demo`;

/** A client signed in as a demo user (password `demoPassword(username)` unless given); the test fails if sign-in is refused. */
export async function signedInClient(baseUrl: string, username: string, password = demoPassword(username)): Promise<WebClient> {
  const c = new WebClient(baseUrl);
  expect((await c.signIn(username, password)).status).toBe(200);
  return c;
}
