import Router from '@koa/router';
import type { Variables } from '../../../engine/feel/feel.js';
import type { RestDeps, RestState } from '../RestState.js';
import { optionalInteger, optionalString, parseVariablesObject, requireBody, requireString } from '../values.js';

/** Message publication (buffered with a TTL) and correlation (never buffered, 404 when nothing waits). */
export function messagesRouter({ engine }: RestDeps): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/messages' });
  router.post('/publication', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const result = await ctx.state.execute<{ key: number; tenantId: string }>({
      type: 'publishMessage',
      name: requireString(body, 'name'),
      correlationKey: optionalString(body, 'correlationKey') ?? '',
      timeToLive: optionalInteger(body, 'timeToLive') ?? 0,
      messageId: optionalString(body, 'messageId') ?? '',
      variables: parseVariablesObject(body.variables) as Variables,
      tenantId: optionalString(body, 'tenantId'),
    });
    ctx.body = { tenantId: result.tenantId, messageKey: String(result.key) };
  });
  router.post('/correlation', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const result = await ctx.state.execute<{ key: number; processInstanceKey: number; tenantId: string }>({
      type: 'correlateMessage',
      name: requireString(body, 'name'),
      correlationKey: optionalString(body, 'correlationKey') ?? '',
      variables: parseVariablesObject(body.variables) as Variables,
      tenantId: optionalString(body, 'tenantId'),
    });
    ctx.body = { tenantId: result.tenantId, messageKey: String(result.key), processInstanceKey: String(result.processInstanceKey) };
  });
  return router;
}
