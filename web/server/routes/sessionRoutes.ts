import { Router } from '@koa/router';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { accessOf, type UserAccess } from '../auth/roles.js';
import type { Lockout } from '../auth/SignInThrottle.js';
import { badRequest, HttpProblem } from '../errors.js';
import { startSession } from '../middleware/session.js';

const publicUser = (u: UserAccess) => ({
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  services: u.services,
  comuni: u.comuni,
  groups: u.groups,
});

/** 429 with Retry-After, the same words whichever limit was hit (no hint which usernames exist). */
function lockedOut(ctx: AppContext, lock: Lockout): HttpProblem {
  ctx.set('Retry-After', String(lock.retryAfterSeconds));
  const minutes = Math.ceil(lock.retryAfterSeconds / 60);
  return new HttpProblem(429, 'SIGN_IN_LOCKED', `Troppi tentativi di accesso non riusciti: riprova tra ${minutes} minut${minutes === 1 ? 'o' : 'i'}.`, { retryAfterSeconds: lock.retryAfterSeconds });
}

/** /api/session: who am I (and a CSRF token), sign in, sign out. */
export function sessionRoutes(services: AppServices): Router<AppState> {
  const { sessions, users, audit, secureCookies, signInThrottle: throttle } = services;
  const router = new Router<AppState>({ prefix: '/api/session' });
  const actorOf = (ctx: AppContext) => ({ type: 'user' as const, id: ctx.state.user?.username ?? 'anonymous' });

  router.get('/', async (ctx) => {
    const session = ctx.state.session ?? (await startSession(ctx, sessions, { secure: secureCookies }));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { user: ctx.state.user ? publicUser(ctx.state.user) : null, csrfToken: session.csrfToken };
  });

  router.post('/', async (ctx) => {
    const body = (ctx.request.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof body.username !== 'string' || typeof body.password !== 'string' || !body.username || !body.password) {
      throw badRequest('CREDENTIALS_REQUIRED', 'Inserisci nome utente e password.');
    }
    const username = body.username.trim().slice(0, 100);
    const ip = ctx.ip;
    // A locked account or address is refused before the password is even checked, so guessing stops.
    const locked = await throttle.lockoutOf(username, ip);
    if (locked) throw lockedOut(ctx, locked);
    const user = await users.verifyCredentials(username, body.password);
    if (!user) {
      const outcome = await throttle.recordFailure(username, ip);
      // One entry per account and per address per window, and one per lockout: an anonymous client cannot
      // grow the trail without bound; the attempts in between are counted (in the lockout entry).
      // Made-up usernames do not get one entry each: only the first failure of a real account counts as news.
      const knownAccount = outcome.firstInWindow.account && !outcome.firstInWindow.address && !!(await users.findByUsername(username));
      if (outcome.firstInWindow.address || knownAccount) {
        await audit.append({
          actor: { type: 'user', id: username },
          action: 'auth.sign-in-failed',
          entity: { type: 'user', key: username },
          data: { ip, failuresInWindow: outcome.failures.account },
        });
      }
      for (const lock of outcome.lockedNow) {
        await audit.append({
          actor: { type: 'user', id: username },
          action: 'auth.sign-in-locked',
          entity: { type: 'user', key: username },
          data: { ip, scope: lock.scope, failures: lock.scope === 'account' ? outcome.failures.account : outcome.failures.address, lockoutSeconds: lock.retryAfterSeconds },
        });
      }
      if (outcome.lockedNow.length > 0) throw lockedOut(ctx, outcome.lockedNow[0]);
      throw new HttpProblem(401, 'INVALID_CREDENTIALS', 'Nome utente o password non corretti.');
    }
    const failedBefore = await throttle.recordSuccess(username);
    const session = await startSession(ctx, sessions, { userId: user.id, secure: secureCookies });
    await audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'auth.sign-in',
      entity: { type: 'user', key: user.username },
      data: { ip, ...(failedBefore > 0 ? { failedAttemptsBefore: failedBefore } : {}) },
    });
    ctx.body = { user: publicUser(accessOf(user)), csrfToken: session.csrfToken };
  });

  router.delete('/', async (ctx) => {
    if (ctx.state.user) {
      await audit.append({ actor: actorOf(ctx), action: 'auth.sign-out', entity: { type: 'user', key: ctx.state.user.username } });
    }
    const session = await startSession(ctx, sessions, { secure: secureCookies });
    ctx.state.user = undefined;
    ctx.body = { user: null, csrfToken: session.csrfToken };
  });

  return router;
}
