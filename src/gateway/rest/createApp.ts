import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { Engine } from '../../engine/Engine.js';
import type { Command } from '../../engine/processor/commands/types.js';
import { DefinitionCatalog } from './DefinitionCatalog.js';
import { InstanceHierarchy } from './InstanceHierarchy.js';
import { exactJsonBodies } from './exactJsonBodies.js';
import { problemMiddleware } from './problems.js';
import type { Actor, RestDeps, RestState } from './RestState.js';
import { auditLogsRouter } from './routes/auditLogs.js';
import { clockRouter } from './routes/clock.js';
import { deploymentsRouter } from './routes/deployments.js';
import { elementInstancesRouter } from './routes/elementInstances.js';
import { incidentsRouter } from './routes/incidents.js';
import { jobsRouter } from './routes/jobs.js';
import { messagesRouter } from './routes/messages.js';
import { processDefinitionsRouter } from './routes/processDefinitions.js';
import { processInstanceOperationsRouter } from './routes/processInstanceOperations.js';
import { processInstancesRouter } from './routes/processInstances.js';
import { resourcesRouter } from './routes/resources.js';
import { signalsRouter } from './routes/signals.js';
import { topologyRouter } from './routes/topology.js';
import { userTasksRouter } from './routes/userTasks.js';
import { variablesRouter } from './routes/variables.js';

export interface RestAppOptions {
  /** Where the gateway reports itself in /v2/topology. */
  address?: () => { host: string; port: number };
  /** Largest JSON body accepted (Zeebe's default max message size is 4 MB). */
  jsonLimit?: string;
}

/** Basic auth names a user; there is no authentication in the embedded engine, so nothing is verified. */
function actorOf(authorization: string | undefined): Actor {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (basic) {
    const user = Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
    if (user) return { id: user, type: 'USER' };
  }
  return { id: 'anonymous', type: 'ANONYMOUS' };
}

/** The Orchestration Cluster REST API v2 subset, as a Koa app that never listens by itself. */
export function createApp(engine: Engine, options: RestAppOptions = {}): Koa<RestState> {
  const app = new Koa<RestState>();
  const deps: RestDeps = { engine, catalog: new DefinitionCatalog(engine.knex), hierarchy: new InstanceHierarchy(engine.knex) };
  app.use(problemMiddleware());
  app.use(async (ctx, next) => {
    ctx.state.actor = actorOf(ctx.get('authorization') || undefined);
    const actor = ctx.state.actor;
    ctx.state.execute = <T>(command: Command) => engine.execute<T>(command, { actor });
    await next();
  });
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: options.jsonLimit ?? '4mb', encoding: 'utf-8' }));
  app.use(exactJsonBodies());
  const routers = [
    topologyRouter(engine.knex, options.address ?? (() => ({ host: '127.0.0.1', port: 8080 }))),
    deploymentsRouter(deps),
    processDefinitionsRouter(deps),
    processInstancesRouter(deps),
    processInstanceOperationsRouter(deps),
    resourcesRouter(deps),
    elementInstancesRouter(deps),
    variablesRouter(deps),
    incidentsRouter(deps),
    jobsRouter(deps),
    userTasksRouter(deps),
    messagesRouter(deps),
    signalsRouter(deps),
    clockRouter(deps),
    auditLogsRouter(deps),
  ];
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
