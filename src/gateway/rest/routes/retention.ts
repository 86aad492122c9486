import Router from '@koa/router';
import { AUDIT_TRAIL_EXPORTER, ExporterPositions } from '../../../engine/retention/ExporterPositions.js';
import type { RetentionPolicy } from '../../../retentionPolicy.js';
import { badRequest, ProblemError } from '../problems.js';
import type { RestDeps, RestState } from '../RestState.js';
import { requireBody } from '../values.js';

/** The client `npm start`'s web app (and so its audit follower) signs in as. */
const EXPORTING_CLIENT = 'web-app';

/**
 * Not Camunda's REST API (Camunda keeps its own retention, in its secondary storage): the embedded engine's exporter
 * position, through which the app's audit follower tells the engine how far the audit trail holds its history, so
 * retention (ENGINE_RETENTION) deletes only what the trail has.
 *
 * - `POST /engine/retention/export-mark` → `{ mark }`: the engine clock, once every command processed before it
 *   is on disk; a follower that then reads everything the API shows has exported every instance that ended before it.
 * - `PUT /engine/retention/exported-position` `{ exportedUntil }` (ISO date-time, not after the engine clock) → 204.
 * - `GET /engine/retention` → `{ retention, exporters: [{ exporterId, exportedUntil, updatedAt }] }`.
 *
 * Only the web app's client may move the position (any signed-in client may read it); with ENGINE_AUTH=none, anyone.
 */
export function retentionRouter({ engine }: RestDeps, policy: RetentionPolicy | undefined, onAcknowledged?: () => void): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/engine/retention' });
  const positions = new ExporterPositions(engine.knex);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const mayExport = (actor: RestState['actor']): boolean => actor.type === 'ANONYMOUS' || actor.id === EXPORTING_CLIENT;

  router.get('/', async (ctx) => {
    ctx.body = {
      retention: policy?.iso ?? null,
      exporters: (await positions.all()).map((p) => ({ exporterId: p.exporterId, exportedUntil: iso(p.exportedUntil), updatedAt: iso(p.updatedAt) })),
    };
  });
  router.post('/export-mark', async (ctx) => {
    if (!mayExport(ctx.state.actor)) throw new ProblemError(403, 'FORBIDDEN', `Only the client '${EXPORTING_CLIENT}' exports the audit trail`);
    const mark = engine.clock.now();
    // A tick goes through the one queue: it is answered once every batch processed before it is written.
    await engine.execute({ type: 'tick' });
    ctx.body = { mark: iso(mark) };
  });
  router.put('/exported-position', async (ctx) => {
    if (!mayExport(ctx.state.actor)) throw new ProblemError(403, 'FORBIDDEN', `Only the client '${EXPORTING_CLIENT}' may acknowledge the audit trail's exported position`);
    const body = requireBody(ctx.request.body);
    const unknown = Object.keys(body).find((field) => field !== 'exportedUntil');
    if (unknown !== undefined) badRequest(`Request property [${unknown}] is not known: expected exportedUntil`);
    const text = body.exportedUntil;
    const at = typeof text === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
    if (!Number.isFinite(at)) badRequest(`The value for exportedUntil is '${String(text)}' but must be an ISO-8601 date-time (e.g. 2026-12-03T10:00:00.000Z)`);
    const now = engine.clock.now();
    if (at > now) badRequest(`The value for exportedUntil is '${text as string}' but must not be after the engine clock (${iso(now)}): nothing after it can have been exported`);
    await positions.acknowledge(AUDIT_TRAIL_EXPORTER, at, now);
    onAcknowledged?.();
    ctx.status = 204;
  });
  return router;
}
