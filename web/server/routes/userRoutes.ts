import { Router } from '@koa/router';
import { DuplicateUsernameError, EMAIL_ADDRESS, type AppUser } from '../../../src/db/index.js';
import type { AppServices, AppState } from '../AppState.js';
import { currentUser, requireRole } from '../auth/guards.js';
import { ROLES, SERVICES } from '../auth/roles.js';
import { badRequest, HttpProblem, notFound } from '../errors.js';

export const publicUser = (u: AppUser) => ({
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  comuniIstat: u.comuniIstat,
  active: u.active,
  email: u.email ?? null,
  notifyTasks: u.notifyTasks,
});
export const KNOWN_ROLES: readonly string[] = [...ROLES, ...Object.keys(SERVICES).map((s) => `provincia-${s}`)];
export const MIN_PASSWORD = 10;

export const weakPassword = () => badRequest('WEAK_PASSWORD', `La password deve avere almeno ${MIN_PASSWORD} caratteri.`);

/** `email` as the API takes it: an address, or null/'' for none; undefined when absent. */
export function parseEmail(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || !EMAIL_ADDRESS.test(value.trim())) throw badRequest('INVALID_EMAIL', 'Indirizzo e-mail non valido.');
  return value.trim();
}

export function parseNotifyTasks(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest('INVALID_NOTIFY_TASKS', '`notifyTasks` deve essere vero o falso.');
  return value;
}

/** /api/users: accounts, for administrators only. Every change is in the audit trail. */
export function userRoutes(services: AppServices): Router<AppState> {
  const { users, audit, sessions } = services;
  const router = new Router<AppState>({ prefix: '/api/users' });
  router.use(requireRole('admin'));

  const record = async (admin: string, action: 'user.create' | 'user.update', user: AppUser, data: Record<string, string | boolean | string[] | null>) => {
    await audit.append({ actor: { type: 'user', id: admin, role: 'admin' }, action, entity: { type: 'user', key: user.username }, data });
  };

  router.get('/', async (ctx) => {
    ctx.body = { items: (await users.list()).map(publicUser) };
  });

  router.get('/:username', async (ctx) => {
    const user = await users.findByUsername(ctx.params.username);
    if (!user) throw notFound('Utente non trovato.');
    ctx.body = publicUser(user);
  });

  router.post('/', async (ctx) => {
    const admin = currentUser(ctx);
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
    const roles = strings(b.roles ?? []);
    const comuni = strings(b.comuniIstat ?? []);
    if (typeof b.username !== 'string' || !/^[a-z0-9][a-z0-9._-]{1,99}$/i.test(b.username)) throw badRequest('INVALID_USERNAME', 'Nome utente non valido.');
    if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw badRequest('INVALID_DISPLAY_NAME', 'Indica il nome completo.');
    if (typeof b.password !== 'string' || b.password.length < MIN_PASSWORD) throw weakPassword();
    if (!roles || roles.length === 0 || roles.some((r) => !KNOWN_ROLES.includes(r))) throw badRequest('INVALID_ROLES', `Ruoli ammessi: ${KNOWN_ROLES.join(', ')}.`);
    if (!comuni || comuni.some((c) => !/^\d{6}$/.test(c))) throw badRequest('INVALID_COMUNI', 'I codici ISTAT hanno 6 cifre.');
    if (roles.includes('comune') && comuni.length === 0) throw badRequest('INVALID_COMUNI', 'Un utente del Comune deve avere il codice ISTAT del suo Comune.');
    if (roles.includes('provincia') && !roles.some((r) => r.startsWith('provincia-'))) throw badRequest('INVALID_ROLES', 'Un utente della Provincia deve avere almeno un servizio (provincia-upd, provincia-selezione, provincia-formazione).');
    const email = parseEmail(b.email);
    const notifyTasks = parseNotifyTasks(b.notifyTasks) ?? false;
    try {
      const user = await users.create({
        username: b.username, displayName: b.displayName.trim(), password: b.password, roles: [...new Set(roles)], comuniIstat: [...new Set(comuni)],
        ...(email ? { email, notifyTasks } : {}),
      });
      await record(admin.username, 'user.create', user, { roles: user.roles, comuniIstat: user.comuniIstat, email: user.email ?? null });
      ctx.status = 201;
      ctx.body = publicUser(user);
    } catch (error) {
      if (error instanceof DuplicateUsernameError) throw new HttpProblem(409, 'DUPLICATE_USERNAME', 'Nome utente già in uso.');
      throw error;
    }
  });

  router.patch('/:username', async (ctx) => {
    const admin = currentUser(ctx);
    const user = await users.findByUsername(ctx.params.username);
    if (!user) throw notFound('Utente non trovato.');
    const b = (ctx.request.body ?? {}) as { active?: unknown; password?: unknown; email?: unknown; notifyTasks?: unknown };
    if (b.active !== undefined && typeof b.active !== 'boolean') throw badRequest('INVALID_ACTIVE', '`active` deve essere vero o falso.');
    if (b.password !== undefined && (typeof b.password !== 'string' || b.password.length < MIN_PASSWORD)) throw weakPassword();
    // An administrator who switches themselves off leaves nobody to switch them on.
    if (b.active === false && user.id === admin.userId) throw new HttpProblem(409, 'SELF_DEACTIVATION', 'Non puoi disattivare il tuo stesso account.');
    const email = parseEmail(b.email);
    const notifyTasks = parseNotifyTasks(b.notifyTasks);
    const changed: Record<string, string | boolean | null> = {};
    if (typeof b.active === 'boolean' && b.active !== user.active) {
      await users.setActive(user.id, b.active);
      changed.active = b.active;
    }
    if (typeof b.password === 'string') {
      await users.setPassword(user.id, b.password);
      changed.passwordReset = true; // never the password itself
      // Whoever held the old password is signed out everywhere (ASVS 4.0.3 V3.3.3); an administrator
      // resetting their own keeps this session.
      const ended = await sessions.destroyForUser(user.id, user.id === admin.userId ? ctx.state.session?.id : undefined);
      await audit.append({ actor: { type: 'user', id: admin.username, role: 'admin' }, action: 'auth.sessions-ended', entity: { type: 'user', key: user.username }, data: { reason: 'password-reset', sessions: ended } });
    }
    if (email !== undefined || notifyTasks !== undefined) {
      const next = { email: email === undefined ? (user.email ?? null) : email, notifyTasks: notifyTasks ?? user.notifyTasks };
      await users.setTaskMail(user.id, next);
      changed.email = next.email;
      changed.notifyTasks = next.notifyTasks && next.email !== null;
    }
    if (Object.keys(changed).length > 0) await record(admin.username, 'user.update', user, changed);
    ctx.body = publicUser((await users.findById(user.id))!);
  });

  return router;
}
