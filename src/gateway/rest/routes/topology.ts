import Router from '@koa/router';
import type { Knex } from 'knex';
import { GATEWAY_VERSION } from '../../grpc/handlers.js';
import type { RestState } from '../RestState.js';

/** GET /v2/topology: one broker, partition 1 as leader (the REST enum is lower case), and the cluster's id. */
export function topologyRouter(knex: Knex, address: () => { host: string; port: number }): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/topology' });
  let clusterId: Promise<string | null> | undefined;
  router.get('/', async (ctx) => {
    clusterId ??= knex('cluster_identity').first('cluster_id').then((row: { cluster_id: string } | undefined) => row?.cluster_id ?? null);
    const { host, port } = address();
    ctx.body = {
      brokers: [{ nodeId: 0, host, port, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: GATEWAY_VERSION }],
      clusterId: await clusterId,
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
      lastCompletedChangeId: '-1',
    };
  });
  return router;
}
