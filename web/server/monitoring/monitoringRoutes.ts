import { Router } from '@koa/router';
import type { Knex } from 'knex';
import type { AuditTrail } from '../../../src/audit/index.js';
import type { AppContext, AppState } from '../AppState.js';
import { currentUser, requireRole } from '../auth/guards.js';
import { hasRole, type UserAccess } from '../auth/roles.js';
import { badRequest, notFound } from '../errors.js';
import { InvalidKpiTargetError, KpiTargets, parseKpiTarget, type KpiTarget } from './KpiTargets.js';
import { CASE_PAGE_SIZE, MonitoringQueries, type CaseFigure, type CaseRow, type MonitoringFilter, type MonitoringScope } from './MonitoringQueries.js';
import { CSV_COLUMNS, figureToCsv, type Column, type Figure } from './monitoringCsv.js';
import { renderMonitoringPdf } from './renderMonitoringPdf.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ISTAT = /^\d{6}$/;
const ID = /^[A-Za-z_][\w.-]{0,199}$/;

/**
 * Provincia managers and administrators see every Comune; Comune users and auditors scoped to some
 * Comuni see only theirs (the scope goes into each query's WHERE clause).
 */
export function monitoringScopeOf(user: UserAccess): MonitoringScope {
  if (hasRole(user, 'admin', 'provincia')) return { comuni: 'all' };
  return { comuni: user.comuni };
}

function text(ctx: AppContext, name: string, pattern: RegExp, what: string): string | undefined {
  const v = ctx.query[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !pattern.test(v)) throw badRequest('INVALID_QUERY', `${name}: ${what}`, { field: name });
  return v;
}

function filterOf(ctx: AppContext): MonitoringFilter {
  const filter = {
    processId: text(ctx, 'processId', ID, 'l\u2019id BPMN di un processo'),
    from: text(ctx, 'from', MONTH, 'un mese AAAA-MM'),
    to: text(ctx, 'to', MONTH, 'un mese AAAA-MM'),
    comune: text(ctx, 'comune', ISTAT, 'un codice ISTAT di sei cifre'),
  };
  if (filter.from && filter.to && filter.from > filter.to) throw badRequest('INVALID_QUERY', 'from: il mese iniziale viene dopo quello finale', { field: 'from' });
  return filter;
}

/** /api/monitoring: the Monitoraggio figures, each as JSON or (?format=csv) as an Italian CSV. */
export function monitoringRoutes(knex: Knex, audit: AuditTrail): Router<AppState> {
  const queries = new MonitoringQueries(knex);
  const targets = new KpiTargets(knex);
  const router = new Router<AppState>({ prefix: '/api/monitoring' });
  router.use(requireRole('provincia', 'comune', 'auditor', 'admin'));

  const send = <T>(ctx: AppContext, figure: Figure, rows: T[]) => {
    const format = ctx.query.format;
    if (format === undefined || format === 'json') {
      ctx.body = { items: rows };
      return;
    }
    if (format !== 'csv') throw badRequest('INVALID_QUERY', 'format: json oppure csv', { field: 'format' });
    ctx.type = 'text/csv; charset=utf-8';
    ctx.attachment(`monitoraggio-${figure}.csv`);
    ctx.body = figureToCsv(CSV_COLUMNS[figure] as ReadonlyArray<Column<T>>, rows);
  };
  const scopeOf = (ctx: AppContext) => monitoringScopeOf(currentUser(ctx));

  router.get('/volumes', async (ctx) => send(ctx, 'volumes', await queries.volumes(scopeOf(ctx), filterOf(ctx))));
  router.get('/durations', async (ctx) => send(ctx, 'durations', await queries.durations(scopeOf(ctx), filterOf(ctx))));
  router.get('/in-progress', async (ctx) => send(ctx, 'inProgress', await queries.inProgress(scopeOf(ctx), filterOf(ctx))));
  router.get('/waiting', async (ctx) => send(ctx, 'waiting', await queries.waiting(scopeOf(ctx), filterOf(ctx))));
  router.get('/incidents', async (ctx) => send(ctx, 'incidents', await queries.incidents(scopeOf(ctx), filterOf(ctx))));
  router.get('/deadlines', async (ctx) => send(ctx, 'deadlines', await queries.deadlines(scopeOf(ctx), filterOf(ctx))));
  router.get('/training', async (ctx) => {
    const anno = text(ctx, 'anno', /^\d{4}$/, 'un anno di quattro cifre');
    const filter = filterOf(ctx);
    if (filter.comune) send(ctx, 'trainingEmployees', await queries.trainingEmployees(scopeOf(ctx), filter.comune, anno ? Number(anno) : undefined));
    else send(ctx, 'training', await queries.training(scopeOf(ctx), { anno: anno ? Number(anno) : undefined }));
  });

  /** The cases behind one figure: ?kind=opened|closed|step|incident|deadline|waiting and the figure's own keys. */
  router.get('/cases', async (ctx) => {
    const kind = ctx.query.kind;
    const elementId = text(ctx, 'elementId', ID, 'l\u2019id BPMN di una fase');
    let figure: CaseFigure;
    if (kind === 'opened' || kind === 'closed' || kind === 'incident') figure = { kind };
    else if (kind === 'step') figure = { kind, elementId };
    else if (kind === 'deadline') {
      const nature = text(ctx, 'nature', /^(perentorio|ordinatorio)$/, 'perentorio oppure ordinatorio');
      const met = text(ctx, 'met', /^(true|false)$/, 'true oppure false');
      figure = { kind, elementId, nature, met: met === undefined ? undefined : met === 'true' };
    } else if (kind === 'waiting') figure = { kind, elementId, candidateGroup: text(ctx, 'candidateGroup', /^[\w.-]{1,200}$/, 'un gruppo') };
    else throw badRequest('INVALID_QUERY', 'kind: opened, closed, step, incident, deadline oppure waiting', { field: 'kind' });
    const filter = filterOf(ctx);
    const page = Number(text(ctx, 'page', /^[1-9]\d{0,5}$/, 'un numero di pagina da 1') ?? 1);
    const pageSize = Number(text(ctx, 'pageSize', /^([1-9]\d?|[1-4]\d\d|500)$/, 'da 1 a 500 pratiche per pagina') ?? CASE_PAGE_SIZE);
    if (ctx.query.format === 'csv') {
      // the export holds every case behind the figure, read a page at a time
      const rows: CaseRow[] = [];
      for (let p = 1; ; p++) {
        const chunk = await queries.cases(scopeOf(ctx), filter, figure, { page: p, pageSize: 5000 });
        rows.push(...chunk.items);
        if (rows.length >= chunk.total || chunk.items.length === 0) break;
      }
      send(ctx, 'cases', rows);
      return;
    }
    if (ctx.query.format !== undefined && ctx.query.format !== 'json') throw badRequest('INVALID_QUERY', 'format: json oppure csv', { field: 'format' });
    ctx.body = await queries.cases(scopeOf(ctx), filter, figure, { page, pageSize });
  });

  router.get('/targets', async (ctx) => {
    const filter = filterOf(ctx);
    send(ctx, 'targets', await targets.evaluate(scopeOf(ctx), filter));
  });
  const inputOf = (ctx: AppContext) => {
    try {
      return parseKpiTarget(ctx.request.body);
    } catch (error) {
      if (error instanceof InvalidKpiTargetError) throw badRequest('INVALID_KPI_TARGET', error.message, { field: error.field });
      throw error;
    }
  };
  const idOf = (ctx: AppContext) => {
    const id = Number(ctx.params.id);
    if (!/^\d{1,9}$/.test(String(ctx.params.id)) || !Number.isSafeInteger(id)) throw notFound();
    return id;
  };
  /** Each change of a target goes into the audit trail with who made it and the terms before and after. */
  const audited = async (ctx: AppContext, action: 'kpi-target.create' | 'kpi-target.update' | 'kpi-target.delete', target: KpiTarget, before?: KpiTarget) => {
    const user = currentUser(ctx);
    const terms = (k: KpiTarget) => ({ name: k.name, processId: k.processId, elementId: k.elementId, maxDays: k.maxDays, targetPercent: k.targetPercent });
    await audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action,
      entity: { type: 'kpi-target', key: String(target.id) },
      data: { ...(before ? { prima: terms(before) } : {}), ...(action === 'kpi-target.delete' ? {} : { obiettivo: terms(target) }) },
    });
  };
  router.post('/targets', requireRole('provincia', 'admin'), async (ctx) => {
    const input = inputOf(ctx);
    const created = await targets.create(input, currentUser(ctx).username);
    await audited(ctx, 'kpi-target.create', created);
    ctx.status = 201;
    ctx.body = created;
  });
  router.put('/targets/:id', requireRole('provincia', 'admin'), async (ctx) => {
    const id = idOf(ctx);
    const input = inputOf(ctx);
    const before = await targets.get(id);
    if (!before) throw notFound();
    const updated = (await targets.update(id, input))!;
    await audited(ctx, 'kpi-target.update', updated, before);
    ctx.body = updated;
  });
  router.delete('/targets/:id', requireRole('provincia', 'admin'), async (ctx) => {
    const id = idOf(ctx);
    const before = await targets.get(id);
    if (!before || !(await targets.remove(id))) throw notFound();
    await audited(ctx, 'kpi-target.delete', before, before);
    ctx.status = 204;
  });

  router.get('/report.pdf', async (ctx) => {
    const scope = scopeOf(ctx);
    const filter = filterOf(ctx);
    const pdf = await renderMonitoringPdf({
      from: filter.from,
      to: filter.to,
      scopeLabel: scope.comuni === 'all' ? 'tutti i Comuni' : `Comuni ${scope.comuni.join(', ')}`,
      generatedAt: new Date(),
      volumes: await queries.volumes(scope, filter),
      durations: await queries.durations(scope, filter),
      waiting: await queries.waiting(scope, filter),
      incidents: await queries.incidents(scope, filter),
      deadlines: await queries.deadlines(scope, filter),
      training: await queries.training(scope, {}),
      targets: await targets.evaluate(scope, filter),
    });
    ctx.type = 'application/pdf';
    ctx.attachment(`monitoraggio-${filter.from ?? 'inizio'}-${filter.to ?? 'oggi'}.pdf`);
    ctx.body = Buffer.from(pdf);
  });
  return router;
}
