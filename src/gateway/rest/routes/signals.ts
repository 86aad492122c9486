import Router from '@koa/router';
import type { RestDeps, RestState } from '../RestState.js';
import { optionalString, parseVariablesObject, requireBody, requireString } from '../values.js';
import type { Variables } from '../../../engine/feel/feel.js';

/** POST /v2/signals/broadcast: triggers every subscription open now; nothing is buffered. */
export function signalsRouter({ engine }: RestDeps): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/signals' });
  router.post('/broadcast', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const result = await ctx.state.execute<{ key: number; tenantId: string }>({
      type: 'broadcastSignal',
      signalName: requireString(body, 'signalName'),
      variables: parseVariablesObject(body.variables) as Variables,
      tenantId: optionalString(body, 'tenantId'),
    });
    ctx.body = { tenantId: result.tenantId, signalKey: String(result.key) };
  });
  return router;
}
