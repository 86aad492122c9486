import { Router } from '@koa/router';
import type { AppServices, AppState } from '../AppState.js';
import { currentUser } from '../auth/guards.js';
import { notFound } from '../errors.js';
import { parseEmail, parseNotifyTasks } from './userRoutes.js';

/** /api/profile: the signed-in user's own settings: the e-mail address and the new-task e-mail opt-in. */
export function profileRoutes(services: AppServices): Router<AppState> {
  const { users, audit } = services;
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

  return router;
}
