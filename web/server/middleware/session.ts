import { randomBytes } from 'node:crypto';
import type { Middleware } from 'koa';
import type { SessionStore, UserStore } from '../../../src/db/index.js';
import type { AppContext, AppState, WebSession } from '../AppState.js';
import { accessOf } from '../auth/roles.js';

export const SESSION_COOKIE = 'hr.sid';
/** A signed-in session lasts a working day; an anonymous one only long enough to sign in. */
export const SIGNED_IN_MAX_AGE_MS = 10 * 60 * 60 * 1000;
const ANONYMOUS_MAX_AGE_MS = 60 * 60 * 1000;

const newId = () => randomBytes(32).toString('base64url');

/**
 * Server-side sessions on the app database (SessionStore); the HTTP-only cookie carries only a
 * random, signed id. Loads the session and the signed-in user's access onto ctx.state.
 */
export function sessions(store: SessionStore, users: UserStore): Middleware<AppState> {
  return async (ctx, next) => {
    const id = ctx.cookies.get(SESSION_COOKIE, { signed: true });
    if (id) {
      const data = await store.get(id);
      if (data && typeof data.csrfToken === 'string') {
        const session: WebSession = { id, csrfToken: data.csrfToken, userId: typeof data.userId === 'string' ? data.userId : undefined };
        ctx.state.session = session;
        if (session.userId) {
          const user = await users.findById(session.userId);
          if (user?.active) ctx.state.user = accessOf(user);
        }
      }
    }
    await next();
  };
}

/** Starts a new session (a new id on every sign-in and sign-out, so an old cookie is worth nothing). */
export async function startSession(ctx: AppContext, store: SessionStore, options: { userId?: string; secure: boolean }): Promise<WebSession> {
  const { userId, secure } = options;
  const previous = ctx.state.session;
  if (previous) await store.destroy(previous.id);
  const session: WebSession = { id: newId(), csrfToken: newId(), userId };
  const maxAge = userId ? SIGNED_IN_MAX_AGE_MS : ANONYMOUS_MAX_AGE_MS;
  await store.set(session.id, { userId, csrfToken: session.csrfToken }, maxAge);
  // In production the cookie is Secure even when TLS ends at a proxy we were not told to trust
  // (the `cookies` module would otherwise refuse to send it over what looks like plain HTTP).
  if (secure) ctx.cookies.secure = true;
  ctx.cookies.set(SESSION_COOKIE, session.id, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: secure || ctx.secure,
    path: '/',
    maxAge,
    overwrite: true,
  });
  ctx.state.session = session;
  return session;
}
