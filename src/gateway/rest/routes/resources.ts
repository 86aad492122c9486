import Router from '@koa/router';
import type { DeletedResource } from '../../../engine/processor/resources/deleteResource.js';
import { badRequest } from '../problems.js';
import type { RestDeps, RestState } from '../RestState.js';
import { parseKeyValue, requireBody } from '../values.js';

/**
 * `POST /v2/resources/{key}/deletion` (Camunda 8.9): 200 with the key and, since no history is purged by a
 * batch operation here, `batchOperation: null`. The body (`operationReference`, `deleteHistory`) is optional.
 */
export function resourcesRouter(_deps: RestDeps): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/resources' });

  router.post('/:key/deletion', async (ctx) => {
    const resourceKey = parseKeyValue(ctx.params.key, 'resourceKey');
    const body = requireBody(ctx.request.body);
    const reference = body.operationReference;
    if (reference !== undefined && reference !== null && !/^[0-9]+$/.test(String(reference))) {
      badRequest(`The value for operationReference is '${String(reference)}' but must be a positive integer`);
    }
    if (body.deleteHistory !== undefined && body.deleteHistory !== null && typeof body.deleteHistory !== 'boolean') badRequest("Property 'deleteHistory' must be a boolean");
    const result = await ctx.state.execute<DeletedResource>({
      type: 'deleteResource',
      resourceKey,
      operationReference: reference === undefined || reference === null ? undefined : String(reference),
    });
    ctx.body = { resourceKey: String(result.resourceKey), batchOperation: null };
  });

  return router;
}
