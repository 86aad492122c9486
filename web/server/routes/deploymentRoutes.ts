import { Router } from '@koa/router';
import type { AppServices, AppState } from '../AppState.js';
import { currentUser, requireRole } from '../auth/guards.js';
import { badRequest } from '../errors.js';
import { MAX_DIAGRAM_BYTES } from './draftRoutes.js';

const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}\.(bpmn|dmn|form)$/;

/** /api/deployments: a designer deploys diagrams to the engine; refusals come back with the engine's reason. */
export function deploymentRoutes(services: AppServices): Router<AppState> {
  const { engine, audit } = services;
  const router = new Router<AppState>({ prefix: '/api/deployments' });

  router.post('/', requireRole('designer', 'admin'), async (ctx) => {
    const user = currentUser(ctx);
    const body = (ctx.request.body ?? {}) as { resources?: unknown };
    const resources = Array.isArray(body.resources) ? body.resources : [];
    if (resources.length === 0 || resources.length > 20) throw badRequest('INVALID_DEPLOYMENT', 'Indica da 1 a 20 risorse da rilasciare.');
    const files = resources.map((r: unknown) => {
      const { name, content } = (r ?? {}) as { name?: unknown; content?: unknown };
      if (typeof name !== 'string' || !RESOURCE_NAME.test(name)) throw badRequest('INVALID_RESOURCE_NAME', 'Nome della risorsa non valido (es. procedimento.bpmn).');
      if (typeof content !== 'string' || content.length === 0) throw badRequest('INVALID_RESOURCE', `La risorsa ${name} è vuota.`);
      if (Buffer.byteLength(content) > MAX_DIAGRAM_BYTES) throw badRequest('DIAGRAM_TOO_LARGE', `La risorsa ${name} supera i 2 MB.`);
      return { name, content: Buffer.from(content) };
    });
    const deployed = await engine.deploy(files);
    for (const d of deployed) {
      await audit.append({
        actor: { type: 'user', id: user.username, role: 'designer' },
        action: 'process.deploy',
        entity: { type: d.kind === 'process' ? 'process-definition' : d.kind, key: d.key },
        data: { id: d.id, version: d.version ?? null, resourceName: d.resourceName ?? null },
      });
    }
    ctx.status = 201;
    ctx.body = { deployed };
  });

  return router;
}
