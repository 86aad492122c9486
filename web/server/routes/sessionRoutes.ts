import { Router } from '@koa/router';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { accessOf, type UserAccess } from '../auth/roles.js';
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

/** /api/session: who am I (and a CSRF token), sign in, sign out. */
export function sessionRoutes(services: AppServices): Router<AppState> {
  const { sessions, users, audit, secureCookies } = services;
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
    const user = await users.verifyCredentials(username, body.password);
    if (!user) {
      await audit.append({
        actor: { type: 'user', id: username },
        action: 'auth.sign-in-failed',
        entity: { type: 'user', key: username },
        data: { ip: ctx.ip },
      });
      throw new HttpProblem(401, 'INVALID_CREDENTIALS', 'Nome utente o password non corretti.');
    }
    const session = await startSession(ctx, sessions, { userId: user.id, secure: secureCookies });
    await audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'auth.sign-in',
      entity: { type: 'user', key: user.username },
      data: { ip: ctx.ip },
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
