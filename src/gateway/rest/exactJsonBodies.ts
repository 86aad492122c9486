import type Koa from 'koa';
import { mayHoldUnsafeInteger, parseExactJson, stringifyExactJson } from '../../engine/exactJson.js';
import type { RestState } from './RestState.js';

/**
 * REST bodies with integers beyond 2^53 keep their digits, as Camunda's REST API does (Jackson reads
 * them as long): JSON requests are re-read from the raw text when it may hold such an integer, and
 * object responses are written with bigints as plain JSON numbers.
 */
export function exactJsonBodies(): Koa.Middleware<RestState> {
  return async (ctx, next) => {
    const request = ctx.request as typeof ctx.request & { rawBody?: string; body?: unknown };
    if (typeof request.rawBody === 'string' && request.body !== undefined && ctx.is('json') && mayHoldUnsafeInteger(request.rawBody)) {
      request.body = parseExactJson(request.rawBody);
    }
    await next();
    const body: unknown = ctx.body;
    if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function') {
      const type = ctx.type || 'application/json';
      ctx.body = stringifyExactJson(body);
      ctx.type = type;
    }
  };
}
