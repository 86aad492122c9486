import { Router } from '@koa/router';
import { DuplicateUsernameError, type AppUser } from '../../../src/db/index.js';
import type { AppServices, AppState } from '../AppState.js';
import { requireRole } from '../auth/guards.js';
import { ROLES, SERVICES } from '../auth/roles.js';
import { badRequest, HttpProblem, notFound } from '../errors.js';

const publicUser = (u: AppUser) => ({
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  comuniIstat: u.comuniIstat,
  active: u.active,
});
const KNOWN_ROLES = new Set<string>([...ROLES, ...Object.keys(SERVICES).map((s) => `provincia-${s}`)]);

/** /api/users: accounts, for administrators only. */
export function userRoutes(services: AppServices): Router<AppState> {
  const { users } = services;
  const router = new Router<AppState>({ prefix: '/api/users' });
  router.use(requireRole('admin'));

  router.get('/:username', async (ctx) => {
    const user = await users.findByUsername(ctx.params.username);
    if (!user) throw notFound('Utente non trovato.');
    ctx.body = publicUser(user);
  });

  router.post('/', async (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
    const roles = strings(b.roles ?? []);
    const comuni = strings(b.comuniIstat ?? []);
    if (typeof b.username !== 'string' || !/^[a-z0-9][a-z0-9._-]{1,99}$/i.test(b.username)) throw badRequest('INVALID_USERNAME', 'Nome utente non valido.');
    if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw badRequest('INVALID_DISPLAY_NAME', 'Indica il nome completo.');
    if (typeof b.password !== 'string' || b.password.length < 10) throw badRequest('WEAK_PASSWORD', 'La password deve avere almeno 10 caratteri.');
    if (!roles || roles.some((r) => !KNOWN_ROLES.has(r))) throw badRequest('INVALID_ROLES', `Ruoli ammessi: ${[...KNOWN_ROLES].join(', ')}.`);
    if (!comuni || comuni.some((c) => !/^\d{6}$/.test(c))) throw badRequest('INVALID_COMUNI', 'I codici ISTAT hanno 6 cifre.');
    try {
      const user = await users.create({ username: b.username, displayName: b.displayName.trim(), password: b.password, roles, comuniIstat: comuni });
      ctx.status = 201;
      ctx.body = publicUser(user);
    } catch (error) {
      if (error instanceof DuplicateUsernameError) throw new HttpProblem(409, 'DUPLICATE_USERNAME', 'Nome utente già in uso.');
      throw error;
    }
  });

  router.patch('/:username', async (ctx) => {
    const user = await users.findByUsername(ctx.params.username);
    if (!user) throw notFound('Utente non trovato.');
    const b = (ctx.request.body ?? {}) as { active?: unknown; password?: unknown };
    if (b.active !== undefined) {
      if (typeof b.active !== 'boolean') throw badRequest('INVALID_ACTIVE', '`active` deve essere vero o falso.');
      await users.setActive(user.id, b.active);
    }
    if (b.password !== undefined) {
      if (typeof b.password !== 'string' || b.password.length < 10) throw badRequest('WEAK_PASSWORD', 'La password deve avere almeno 10 caratteri.');
      await users.setPassword(user.id, b.password);
    }
    ctx.body = publicUser((await users.findById(user.id))!);
  });

  return router;
}
