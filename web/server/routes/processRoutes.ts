import { Router } from '@koa/router';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { currentUser } from '../auth/guards.js';
import { hasRole, processIdAllowed, visibleProcessIds, type UserAccess } from '../auth/roles.js';
import type { ProcessDefinitionSummary } from '../engine/EngineClient.js';
import { forbidden, notFound } from '../errors.js';

/** Diagrams are visible to everyone signed in, except a Provincia user outside their services. */
function diagramIdsOf(user: UserAccess): 'all' | string[] {
  return hasRole(user, 'designer', 'admin', 'auditor', 'comune') ? 'all' : visibleProcessIds(user);
}

/** /api/processes: deployed process definitions, their XML and live element statistics. */
export function processRoutes(services: AppServices): Router<AppState> {
  const { engine, scope, live } = services;
  const router = new Router<AppState>({ prefix: '/api/processes' });

  const definitionFor = async (ctx: AppContext): Promise<ProcessDefinitionSummary> => {
    const user = currentUser(ctx);
    const key = ctx.params.key;
    if (!/^\d{1,19}$/.test(key)) throw notFound();
    const definition = await engine.getProcessDefinition(key);
    if (!definition || !processIdAllowed(diagramIdsOf(user), definition.processDefinitionId)) throw notFound();
    return definition;
  };

  /** Element counts limited to the instances this user may see. */
  const statisticsFor = async (user: UserAccess, definition: ProcessDefinitionSummary) => {
    if (!processIdAllowed(visibleProcessIds(user), definition.processDefinitionId)) throw forbidden('Il tuo ruolo non consente di vedere le istanze.');
    const keys = await scope.visibleInstanceKeys(user);
    if (keys !== 'all' && keys.length === 0) return [];
    return engine.getProcessDefinitionStatistics(definition.processDefinitionKey, keys === 'all' ? undefined : keys);
  };

  router.get('/', async (ctx) => {
    const allowed = diagramIdsOf(currentUser(ctx));
    const all = await engine.searchProcessDefinitions();
    ctx.body = { items: all.filter((d) => processIdAllowed(allowed, d.processDefinitionId)) };
  });

  router.get('/:key', async (ctx) => {
    ctx.body = await definitionFor(ctx);
  });

  router.get('/:key/xml', async (ctx) => {
    const definition = await definitionFor(ctx);
    const xml = await engine.getProcessDefinitionXml(definition.processDefinitionKey);
    if (xml === undefined) throw notFound();
    ctx.type = 'application/xml';
    ctx.body = xml;
  });

  router.get('/:key/statistics', async (ctx) => {
    const definition = await definitionFor(ctx);
    ctx.body = { items: await statisticsFor(currentUser(ctx), definition) };
  });

  router.get('/:key/live', async (ctx) => {
    const user = currentUser(ctx);
    const definition = await definitionFor(ctx);
    await statisticsFor(user, definition); // refuse before the stream opens
    live.stream(ctx, async () => ({ statistics: await statisticsFor(user, definition) }));
  });

  return router;
}
