import type { Middleware } from 'koa';
import type { AppState } from '../AppState.js';

/** Conservative headers for a PA intranet app; bpmn-js needs inline styles on SVG, nothing else. */
export function securityHeaders(): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'",
    );
  };
}
