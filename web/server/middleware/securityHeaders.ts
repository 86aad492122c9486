import type { Middleware } from 'koa';
import type { AppState } from '../AppState.js';

/** Conservative headers for a PA intranet app; bpmn-js needs inline styles on SVG, nothing else. */
export function securityHeaders(options: { hsts: boolean }): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    // HSTS (ASVS 4.0.3 V9.1.1, V14.4.5): in production always, else whenever the request came over TLS.
    if (options.hsts || ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'",
    );
  };
}
