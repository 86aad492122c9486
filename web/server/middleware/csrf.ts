import { timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { HttpProblem } from '../errors.js';
import type { AppState } from '../AppState.js';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchronizer token: every state-changing request must echo, in a header, the token bound to its
 * session (handed out by GET /api/session). A cross-site form cannot read it, nor set the header.
 */
export function csrfProtection(): Middleware<AppState> {
  return async (ctx, next) => {
    if (!SAFE.has(ctx.method)) {
      const sent = ctx.get(CSRF_HEADER);
      const expected = ctx.state.session?.csrfToken;
      if (!expected || !sent || !same(sent, expected)) {
        throw new HttpProblem(403, 'CSRF_TOKEN_INVALID', 'Sessione scaduta o richiesta non valida: ricarica la pagina e riprova.');
      }
    }
    await next();
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
