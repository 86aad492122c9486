import { Router } from '@koa/router';
import {
  auditEntriesToCsv,
  isAuditAction,
  listInstanceTrail,
  renderAuditTrailPdf,
  verifyAuditChain,
  type AuditAction,
  type AuditDatabase,
  type AuditEntry,
} from '../../../src/audit/index.js';
import { auditEntryFromRow, type AuditEntryRow } from '../../../src/audit/auditEntryRow.js';
import { applyAuditFilter, InvalidAuditSearchError, type AuditSearchFilter } from '../../../src/audit/searchAuditTrail.js';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { currentUser, requireRole } from '../auth/guards.js';
import type { UserAccess } from '../auth/roles.js';
import type { ProcessInstanceSummary } from '../engine/EngineClient.js';
import { badRequest, notFound } from '../errors.js';
import { countByElement } from '../live/instanceStatus.js';
import { AuditScope } from './AuditScope.js';
import { CaseReadRecorder } from './CaseReadRecorder.js';
import { chainStatusOf } from './chainStatus.js';
import type { EngineEventSource } from './follower/EngineEventSource.js';

export interface AuditRoutesDeps {
  db: AuditDatabase;
  /** finds called (child) instances, whose steps belong to the caller's timeline */
  source?: EngineEventSource;
}

const KEY = /^\d{1,19}$/;
const MAX_DEPTH = 4;

/** /api/audit: read-only views of the trail for auditors and administrators, scoped to their Comuni. */
export function auditRoutes(services: AppServices, deps: AuditRoutesDeps): Router<AppState> {
  const { engine, audit } = services;
  const scope = new AuditScope(services.scope);
  const caseReads = new CaseReadRecorder(audit, engine);
  const router = new Router<AppState>({ prefix: '/api/audit' });
  router.use(requireRole('auditor', 'admin'));

  const actorOf = (user: UserAccess) => ({ type: 'user' as const, id: user.username, role: user.roles.includes('admin') ? 'admin' : 'auditor' });

  /** The instance, or 404 for an unknown key and for one outside the user's Comuni alike. */
  const instanceFor = async (ctx: AppContext): Promise<ProcessInstanceSummary> => {
    const key = ctx.params.key;
    if (!KEY.test(key)) throw notFound();
    const instance = await engine.getProcessInstance(key);
    if (!instance || !(await services.scope.canSee(currentUser(ctx), instance))) throw notFound();
    return instance;
  };

  /** The instance and the instances it called (a disciplinary case's phases), oldest first. */
  const familyOf = async (root: string): Promise<string[]> => {
    const keys = [root];
    if (!deps.source) return keys;
    let level = [root];
    for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
      const next: string[] = [];
      for (const parent of level) for (const child of await deps.source.childInstances(parent)) next.push(child.processInstanceKey);
      keys.push(...next);
      level = next;
    }
    return keys;
  };

  const trailOf = async (user: UserAccess, instanceKeys: string[]): Promise<AuditEntry[]> => {
    const entries: AuditEntry[] = [];
    for (const key of instanceKeys) entries.push(...(await listInstanceTrail(deps.db, key)));
    return scope.filterInstanceEntries(entries, user).sort((a, b) => a.seq - b.seq);
  };

  const verifyChain = async () => {
    const verification = await verifyAuditChain(deps.db);
    services.auditAlarm.record(verification);
    return verification;
  };

  router.get('/chain', async (ctx) => {
    ctx.body = chainStatusOf(await verifyChain());
  });

  /** The latest verdict without verifying again: what the banner on every page of auditors and admins reads. */
  router.get('/alarm', (ctx) => {
    ctx.body = services.auditAlarm.current;
  });

  router.get('/entries', async (ctx) => {
    const user = currentUser(ctx);
    const q = ctx.query as Record<string, string | undefined>;
    const filter = searchFilterOf(q);
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    const offset = q.offset === undefined ? 0 : Number(q.offset);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 500) throw badRequest('INVALID_FILTER', 'limit va da 1 a 500.');
    if (!Number.isSafeInteger(offset) || offset < 0) throw badRequest('INVALID_FILTER', 'offset non valido.');
    const clause = await scope.clauseFor(user);
    const base = () => {
      const query = applyAuditFilter(deps.db.knex('audit_entries'), filter);
      clause?.(query);
      return query;
    };
    try {
      const [{ total }] = (await base().count({ total: '*' })) as Array<{ total: number | string }>;
      const rows = (await base().orderBy('seq', q.order === 'asc' ? 'asc' : 'desc').limit(limit).offset(offset)) as AuditEntryRow[];
      ctx.body = { items: rows.map(auditEntryFromRow), total: Number(total), limit, offset };
    } catch (error) {
      if (error instanceof InvalidAuditSearchError) throw badRequest('INVALID_FILTER', error.message);
      throw error;
    }
  });

  router.get('/instances/:key', async (ctx) => {
    const user = currentUser(ctx);
    const instance = await instanceFor(ctx);
    await caseReads.record(user, instance, 'audit-timeline');
    const family = await familyOf(instance.processInstanceKey);
    const [entries, flows, elementInstances] = await Promise.all([
      trailOf(user, family),
      engine.getProcessInstanceSequenceFlows(instance.processInstanceKey),
      engine.searchElementInstances(instance.processInstanceKey),
    ]);
    ctx.body = {
      instance,
      calledInstances: family.slice(1),
      entries,
      // the engine's element history, linked to the entries by element ids and keys
      steps: elementInstances
        .filter((e) => e.type !== 'PROCESS')
        .sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || a.elementInstanceKey.localeCompare(b.elementInstanceKey)),
      flows: [...new Set(flows)].sort(),
      elements: countByElement(elementInstances),
    };
  });

  router.get('/instances/:key/export.csv', async (ctx) => {
    const user = currentUser(ctx);
    const instance = await instanceFor(ctx);
    const entries = await trailOf(user, await familyOf(instance.processInstanceKey));
    await audit.append({ actor: actorOf(user), action: 'audit.export', entity: { type: 'process-instance', key: instance.processInstanceKey }, data: { format: 'csv', entries: entries.length } });
    ctx.type = 'text/csv; charset=utf-8';
    ctx.attachment(`audit-${instance.processInstanceKey}.csv`);
    ctx.body = auditEntriesToCsv(entries);
  });

  router.get('/instances/:key/export.pdf', async (ctx) => {
    const user = currentUser(ctx);
    const instance = await instanceFor(ctx);
    const entries = await trailOf(user, await familyOf(instance.processInstanceKey));
    const verification = await verifyChain();
    await audit.append({ actor: actorOf(user), action: 'audit.export', entity: { type: 'process-instance', key: instance.processInstanceKey }, data: { format: 'pdf', entries: entries.length } });
    ctx.type = 'application/pdf';
    ctx.attachment(`audit-${instance.processInstanceKey}.pdf`);
    ctx.body = Buffer.from(await renderAuditTrailPdf(entries, { processInstanceKey: instance.processInstanceKey, generatedAt: new Date(), verification }));
  });

  return router;
}

function searchFilterOf(q: Record<string, string | undefined>): AuditSearchFilter {
  const filter: AuditSearchFilter = {};
  if (q.actor) filter.actorId = q.actor.trim();
  if (q.action) {
    const actions = q.action.split(',').map((a) => a.trim()).filter(Boolean);
    const unknown = actions.find((a) => !isAuditAction(a));
    if (unknown) throw badRequest('INVALID_FILTER', `Azione sconosciuta: ${unknown}`);
    filter.action = actions as AuditAction[];
  }
  if (q.comune) {
    if (!/^\d{6}$/.test(q.comune)) throw badRequest('INVALID_FILTER', 'Il codice ISTAT ha 6 cifre.');
    filter.comune = q.comune;
  }
  if (q.processInstanceKey) {
    if (!KEY.test(q.processInstanceKey)) throw badRequest('INVALID_FILTER', 'Chiave di istanza non valida.');
    filter.processInstanceKey = q.processInstanceKey;
  }
  for (const bound of ['from', 'to'] as const) {
    const value = q[bound];
    if (!value) continue;
    if (Number.isNaN(Date.parse(value))) throw badRequest('INVALID_FILTER', `Data non valida: ${value}`);
    filter[bound] = value;
  }
  return filter;
}
