import Router from '@koa/router';
import { badRequest, ProblemError } from '../problems.js';
import type { RestDeps, RestState } from '../RestState.js';
import { requireBody } from '../values.js';

/**
 * PUT /v2/clock {timestamp} pins the engine clock; POST /v2/clock/reset returns it to system time. Only on an engine
 * started with ZEEBE_CLOCK_CONTROLLED=true (Camunda's switch for it): moving the clock of a real run fires legal
 * deadlines early, so elsewhere both answer 403 and change nothing.
 */
export function clockRouter({ engine }: RestDeps, controlled: boolean): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/clock' });
  router.use(async (_ctx, next) => {
    if (!controlled) throw new ProblemError(403, 'FORBIDDEN', 'Clock control is disabled: the engine clock can be pinned or reset only when the engine runs with ZEEBE_CLOCK_CONTROLLED=true');
    await next();
  });
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
