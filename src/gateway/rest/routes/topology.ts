import Router from '@koa/router';
import { GATEWAY_VERSION } from '../../grpc/handlers.js';
import type { RestState } from '../RestState.js';

/** GET /v2/topology: one broker, partition 1 as leader (the REST enum is lower case). */
export function topologyRouter(address: () => { host: string; port: number }): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/topology' });
  router.get('/', (ctx) => {
    const { host, port } = address();
    ctx.body = {
      brokers: [{ nodeId: 0, host, port, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: GATEWAY_VERSION }],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
      lastCompletedChangeId: '-1',
    };
  });
  return router;
}
