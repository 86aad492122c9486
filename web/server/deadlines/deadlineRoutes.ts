import { Router } from '@koa/router';
import { stringify } from 'csv-stringify/sync';
import type { Knex } from 'knex';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { currentUser } from '../auth/guards.js';
import { hasRole } from '../auth/roles.js';
import { forbidden } from '../errors.js';
import { registerPage } from '../openwork/deadlineQueries.js';
import type { OpenWorkIndex } from '../openwork/OpenWorkIndex.js';
import { parsePageQuery } from '../paging.js';
import { parseRegisterQuery } from './registerQuery.js';
import type { DeadlineStatus } from './deadlineStatus.js';

/** The register pages on the server (the CSV export has every row). */
export const REGISTER_PAGE_SIZES = { default: 100, max: 1000 } as const;

const STATUS_LABELS: Record<DeadlineStatus, string> = { ok: 'in termini', soon: 'in scadenza (entro 5 giorni)', overdue: 'scaduta' };

/** /api/deadlines: the scadenzario of the user's scope, as JSON and as CSV. */
export function deadlineRoutes(services: AppServices, knex: Knex, index: OpenWorkIndex): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/deadlines' });
  const userOf = (ctx: AppContext) => {
    const user = currentUser(ctx);
    if (!hasRole(user, 'provincia', 'comune', 'auditor', 'admin')) throw forbidden();
    return user;
  };
  /** The register after the filters, in the order asked, with the counts per status (before the status filter) and the choices the filters offer. */
  const read = async (ctx: AppContext, paged: boolean) => {
    const user = userOf(ctx);
    const query = parseRegisterQuery(ctx.query as Record<string, string | undefined>);
    const pageRequest = paged ? parsePageQuery(ctx.query as Record<string, string | undefined>, REGISTER_PAGE_SIZES) : undefined;
    await index.fresh();
    return { user, query, page: pageRequest, ...(await registerPage(knex, user, query, pageRequest, new Date())) };
  };

  router.get('/', async (ctx) => {
    const { items, total, counts, facets, query, page } = await read(ctx, true);
    ctx.body = { items, total, ...page, counts, facets, sort: query.sort, order: query.order };
  });

  router.get('/export.csv', async (ctx) => {
    const { user, items } = await read(ctx, false);
    // Semicolons and a BOM: what Excel in an Italian locale opens without an import wizard.
    const csv = stringify(
      items.map((d) => ({
        procedimento: d.processName ?? d.processDefinitionId,
        pratica: d.businessKey ?? '',
        istanza: d.processInstanceKey,
        comune: d.comune ?? '',
        scadenza: d.name,
        variabile: d.variable,
        tipo: d.kind ?? '',
        ultimo_giorno: d.lastDay ?? '',
        scade_il: d.dueAt,
        natura: d.nature ?? '',
        fonte_normativa: d.legalSource ?? '',
        giorni_rimanenti: d.daysLeft,
        stato: STATUS_LABELS[d.status],
      })),
      { header: true, delimiter: ';', bom: true, record_delimiter: 'windows' },
    );
    await services.audit.append({ actor: { type: 'user', id: user.username }, action: 'case.read', entity: { type: 'deadline-register', key: 'scadenzario' }, data: { view: 'scadenzario', format: 'csv', rows: items.length } });
    ctx.type = 'text/csv; charset=utf-8';
    ctx.attachment(`scadenzario-${new Date().toISOString().slice(0, 10)}.csv`);
    ctx.body = csv;
  });

  return router;
}
