import { Router } from '@koa/router';
import type { AppServices, AppState } from '../AppState.js';
import { currentUser, requireRole } from '../auth/guards.js';
import { badRequest, notFound } from '../errors.js';

const DIAGRAM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
export const MAX_DIAGRAM_BYTES = 2 * 1024 * 1024;

/** /api/drafts: designers' saved diagrams, every save a new version. */
export function draftRoutes(services: AppServices): Router<AppState> {
  const { drafts } = services;
  const router = new Router<AppState>({ prefix: '/api/drafts' });
  router.use(requireRole('designer', 'admin'));

  const idOf = (raw: string): string => {
    if (!DIAGRAM_ID.test(raw)) throw notFound();
    return raw;
  };

  router.get('/', async (ctx) => {
    ctx.body = { items: await drafts.listLatest() };
  });

  router.get('/:id', async (ctx) => {
    const version = ctx.query.version === undefined ? undefined : Number(ctx.query.version);
    if (version !== undefined && !Number.isSafeInteger(version)) throw badRequest('INVALID_VERSION', 'Versione non valida.');
    const draft = await drafts.get(idOf(ctx.params.id), version);
    if (!draft) throw notFound('Bozza non trovata.');
    ctx.body = draft;
  });

  router.get('/:id/versions', async (ctx) => {
    ctx.body = { items: await drafts.listVersions(idOf(ctx.params.id)) };
  });

  router.post('/:id', async (ctx) => {
    const id = ctx.params.id;
    if (!DIAGRAM_ID.test(id)) throw badRequest('INVALID_DIAGRAM_ID', 'Identificativo del diagramma non valido.');
    const { xml } = (ctx.request.body ?? {}) as { xml?: unknown };
    if (typeof xml !== 'string' || !/<(\w+:)?definitions[\s>]/.test(xml)) throw badRequest('INVALID_DIAGRAM', 'Il contenuto non è un diagramma BPMN.');
    if (Buffer.byteLength(xml) > MAX_DIAGRAM_BYTES) throw badRequest('DIAGRAM_TOO_LARGE', 'Il diagramma supera i 2 MB.');
    const saved = await drafts.save({ diagramId: id, xml, author: currentUser(ctx).username });
    ctx.status = 201;
    ctx.body = saved;
  });

  return router;
}
