import { expect } from 'vitest';
import { WebClient } from './httpSession.js';

export { serve, WebClient } from './httpSession.js';

/** A client signed in as a demo user (password `<username>-demo` unless given); the test fails if sign-in is refused. */
export async function signedInClient(baseUrl: string, username: string, password = `${username}-demo`): Promise<WebClient> {
  const c = new WebClient(baseUrl);
  expect((await c.signIn(username, password)).status).toBe(200);
  return c;
}
