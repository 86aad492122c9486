import Router from '@koa/router';
import { badRequest } from '../problems.js';
import type { RestDeps, RestState } from '../RestState.js';
import { requireBody } from '../values.js';

/** PUT /v2/clock {timestamp} pins the engine clock; POST /v2/clock/reset returns it to system time. */
export function clockRouter({ engine }: RestDeps): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/clock' });
  router.put('/', (ctx) => {
    const { timestamp } = requireBody(ctx.request.body);
    if (!Number.isSafeInteger(timestamp) || (timestamp as number) < 0) {
      badRequest(`The value for timestamp is '${String(timestamp)}' but must be a non-negative epoch in milliseconds`);
    }
    engine.clock.pin(timestamp as number);
    ctx.status = 204;
  });
  router.post('/reset', (ctx) => {
    engine.clock.reset();
    ctx.status = 204;
  });
  return router;
}
