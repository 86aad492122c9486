import type { Middleware } from 'koa';
import type { AppContext, AppState } from '../AppState.js';
import { forbidden, unauthorized } from '../errors.js';
import { hasRole, type Role, type UserAccess } from './roles.js';

/** The signed-in user, or 401. */
export function currentUser(ctx: AppContext): UserAccess {
  if (!ctx.state.user) throw unauthorized();
  return ctx.state.user;
}

/** Lets the request through only for a signed-in user holding one of the roles. */
export function requireRole(...roles: Role[]): Middleware<AppState> {
  return async (ctx, next) => {
    const user = currentUser(ctx);
    if (!hasRole(user, ...roles)) throw forbidden();
    await next();
  };
}
