import { Router } from '@koa/router';
import type { AppServices, AppState } from '../AppState.js';
import { currentUser } from '../auth/guards.js';
import { badRequest, HttpProblem, notFound } from '../errors.js';
import { startSession } from '../middleware/session.js';
import { MIN_PASSWORD, parseEmail, parseNotifyTasks, weakPassword } from './userRoutes.js';

/** /api/profile: the signed-in user's own settings: the e-mail address and the new-task e-mail opt-in. */
export function profileRoutes(services: AppServices): Router<AppState> {
  const { users, audit, sessions, secureCookies } = services;
  const router = new Router<AppState>({ prefix: '/api/profile' });

  const load = async (userId: string) => {
    const user = await users.findById(userId);
    if (!user) throw notFound();
    return user;
  };

  router.get('/', async (ctx) => {
    const user = await load(currentUser(ctx).userId);
    ctx.body = { username: user.username, displayName: user.displayName, email: user.email ?? null, notifyTasks: user.notifyTasks };
  });

  router.patch('/', async (ctx) => {
    const access = currentUser(ctx);
    const user = await load(access.userId);
    const b = (ctx.request.body ?? {}) as { email?: unknown; notifyTasks?: unknown };
    const email = parseEmail(b.email);
    const notifyTasks = parseNotifyTasks(b.notifyTasks);
    const next = { email: email === undefined ? (user.email ?? null) : email, notifyTasks: notifyTasks ?? user.notifyTasks };
    await users.setTaskMail(user.id, next);
    await audit.append({
      actor: { type: 'user', id: user.username },
      action: 'user.update',
      entity: { type: 'user', key: user.username },
      data: { email: next.email, notifyTasks: next.notifyTasks && next.email !== null },
    });
    const saved = await load(user.id);
    ctx.body = { username: saved.username, displayName: saved.displayName, email: saved.email ?? null, notifyTasks: saved.notifyTasks };
  });

  /**
   * Changes one's own password (the current one is asked again) and ends every other session of the
   * account: a stolen session does not outlive the change (ASVS 4.0.3 V3.3.3). This session gets a new id.
   */
  router.put('/password', async (ctx) => {
    const access = currentUser(ctx);
    const b = (ctx.request.body ?? {}) as { currentPassword?: unknown; newPassword?: unknown };
    if (typeof b.currentPassword !== 'string' || !b.currentPassword) throw badRequest('CURRENT_PASSWORD_REQUIRED', 'Inserisci la password attuale.', { field: 'currentPassword' });
    if (typeof b.newPassword !== 'string' || b.newPassword.length < MIN_PASSWORD) throw weakPassword();
    // Guessing the current password from a stolen session counts against the same limits as signing in.
    const locked = await services.signInThrottle.lockoutOf(access.username, ctx.ip);
    if (locked) throw new HttpProblem(429, 'SIGN_IN_LOCKED', 'Troppi tentativi non riusciti: riprova più tardi.', { retryAfterSeconds: locked.retryAfterSeconds });
    if (!(await users.verifyCredentials(access.username, b.currentPassword))) {
      await services.signInThrottle.recordFailure(access.username, ctx.ip);
      throw new HttpProblem(403, 'WRONG_PASSWORD', 'La password attuale non è corretta.', { field: 'currentPassword' });
    }
    await users.setPassword(access.userId, b.newPassword);
    const previous = ctx.state.session?.id;
    const ended = await sessions.destroyForUser(access.userId, previous);
    const session = await startSession(ctx, sessions, { userId: access.userId, secure: secureCookies });
    await audit.append({ actor: { type: 'user', id: access.username }, action: 'user.update', entity: { type: 'user', key: access.username }, data: { passwordChanged: true } });
    await audit.append({ actor: { type: 'user', id: access.username }, action: 'auth.sessions-ended', entity: { type: 'user', key: access.username }, data: { reason: 'password-change', sessions: ended } });
    ctx.body = { changed: true, otherSessionsEnded: ended, csrfToken: session.csrfToken };
  });

  return router;
}
