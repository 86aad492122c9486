import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { Engine } from '../../engine/Engine.js';
import type { Command } from '../../engine/processor/commands/types.js';
import { DefinitionCatalog } from './DefinitionCatalog.js';
import { InstanceHierarchy } from './InstanceHierarchy.js';
import { exactJsonBodies } from './exactJsonBodies.js';
import { closedBodies } from './closedBodies.js';
import { badRequest, problemMiddleware } from './problems.js';
import { jsonDepth, MAX_JSON_DEPTH, tooDeepMessage } from '../../engine/jsonDepth.js';
import type { RestDeps, RestState } from './RestState.js';
import { authenticationMiddleware } from './authentication.js';
import { oauthTokenRouter } from './routes/oauthToken.js';
import type { EngineAuthenticator } from '../auth/EngineAuthenticator.js';
import { auditLogsRouter } from './routes/auditLogs.js';
import { clockRouter } from './routes/clock.js';
import { deploymentsRouter } from './routes/deployments.js';
import { decisionDefinitionsRouter } from './routes/decisionDefinitions.js';
import { decisionInstancesRouter } from './routes/decisionInstances.js';
import { decisionSearchesRouter } from './routes/decisionSearches.js';
import { elementInstancesRouter } from './routes/elementInstances.js';
import { incidentsRouter } from './routes/incidents.js';
import { jobsRouter } from './routes/jobs.js';
import { messagesRouter } from './routes/messages.js';
import { processDefinitionsRouter } from './routes/processDefinitions.js';
import { processInstanceOperationsRouter } from './routes/processInstanceOperations.js';
import { processInstancesRouter } from './routes/processInstances.js';
import { resourcesRouter } from './routes/resources.js';
import { retentionRouter } from './routes/retention.js';
import type { RetentionPolicy } from '../../retentionPolicy.js';
import { signalsRouter } from './routes/signals.js';
import { topologyRouter } from './routes/topology.js';
import { userTasksRouter } from './routes/userTasks.js';
import { variablesRouter } from './routes/variables.js';

export interface RestAppOptions {
  /** Where the gateway reports itself in /v2/topology. */
  address?: () => { host: string; port: number };
  /** Largest JSON body accepted (Zeebe's default max message size is 4 MB). */
  jsonLimit?: string;
  /** Checks every request's credentials and serves the token endpoint; absent with ENGINE_AUTH=none. */
  authenticator?: EngineAuthenticator;
  /** ZEEBE_CLOCK_CONTROLLED=true: `PUT /v2/clock` and `POST /v2/clock/reset` work; otherwise they answer 403. */
  clockControlled?: boolean;
  /** ENGINE_RETENTION, reported by `GET /engine/retention` (the engine's own route, not Camunda's API) */
  retention?: RetentionPolicy;
  /** called after the audit trail's exported position moved (the retention sweep runs at once) */
  onExportAcknowledged?: () => void;
}

/** The Orchestration Cluster REST API v2 subset, as a Koa app that never listens by itself. */
export function createApp(engine: Engine, options: RestAppOptions = {}): Koa<RestState> {
  const app = new Koa<RestState>();
  const deps: RestDeps = { engine, catalog: new DefinitionCatalog(engine.knex), hierarchy: new InstanceHierarchy(engine.knex) };
  app.use(problemMiddleware());
  if (options.authenticator) {
    const token = oauthTokenRouter(options.authenticator);
    app.use(token.routes()).use(token.allowedMethods());
  }
  app.use(authenticationMiddleware(options.authenticator));
  app.use(async (ctx, next) => {
    const actor = ctx.state.actor;
    ctx.state.execute = <T>(command: Command) => engine.execute<T>(command, { actor });
    await next();
  });
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: options.jsonLimit ?? '4mb', encoding: 'utf-8' }));
  app.use(async (ctx, next) => {
    const depth = jsonDepth(ctx.request.body);
    if (depth > MAX_JSON_DEPTH) badRequest(tooDeepMessage('body'));
    await next();
  });
  app.use(exactJsonBodies());
  app.use(closedBodies());
  const routers = [
    topologyRouter(engine.knex, options.address ?? (() => ({ host: '127.0.0.1', port: 8080 }))),
    deploymentsRouter(deps),
    decisionDefinitionsRouter(deps),
    decisionSearchesRouter(deps),
    decisionInstancesRouter(deps),
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
    clockRouter(deps, options.clockControlled ?? false),
    auditLogsRouter(deps),
    retentionRouter(deps, options.retention, options.onExportAcknowledged),
  ];
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
