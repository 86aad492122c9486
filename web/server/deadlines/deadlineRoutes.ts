import { Router } from '@koa/router';
import { stringify } from 'csv-stringify/sync';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { currentUser } from '../auth/guards.js';
import { hasRole } from '../auth/roles.js';
import { forbidden } from '../errors.js';
import { pageOf, parsePageQuery } from '../paging.js';
import type { DeadlineRegister } from './DeadlineRegister.js';
import { matchesRegisterFilters, parseRegisterQuery, sortRegister } from './registerQuery.js';
import type { DeadlineStatus } from './deadlineStatus.js';

/** The register pages on the server (the CSV export has every row). */
export const REGISTER_PAGE_SIZES = { default: 100, max: 1000 } as const;

const STATUS_LABELS: Record<DeadlineStatus, string> = { ok: 'in termini', soon: 'in scadenza (entro 5 giorni)', overdue: 'scaduta' };

/** /api/deadlines: the scadenzario of the user's scope, as JSON and as CSV. */
export function deadlineRoutes(services: AppServices, register: DeadlineRegister, comuneNames: () => Promise<Map<string, string>>): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/deadlines' });
  const userOf = (ctx: AppContext) => {
    const user = currentUser(ctx);
    if (!hasRole(user, 'provincia', 'comune', 'auditor', 'admin')) throw forbidden();
    return user;
  };
  /** The register after the filters, in the order asked, with the counts per status (before the status filter) and the choices the filters offer. */
  const read = async (ctx: AppContext) => {
    const user = userOf(ctx);
    const query = parseRegisterQuery(ctx.query as Record<string, string | undefined>);
    const [all, names] = await Promise.all([register.openDeadlines(user), comuneNames().catch(() => new Map<string, string>())]);
    const selected = all.filter((d) => matchesRegisterFilters(d, query));
    const counts = { ok: 0, soon: 0, overdue: 0 } as Record<DeadlineStatus, number>;
    for (const d of selected) counts[d.status]++;
    const items = sortRegister(query.status ? selected.filter((d) => d.status === query.status) : selected, query, names);
    const processes = new Map(all.map((d) => [d.processDefinitionId, d.processName ?? d.processDefinitionId]));
    const facets = {
      processes: [...processes].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'it')),
      comuni: [...new Set(all.flatMap((d) => (d.comune ? [d.comune] : [])))].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'it')),
    };
    return { user, items, counts, facets, query };
  };

  router.get('/', async (ctx) => {
    const page = parsePageQuery(ctx.query as Record<string, string | undefined>, REGISTER_PAGE_SIZES);
    const { items, counts, facets, query } = await read(ctx);
    ctx.body = { items: pageOf(items, page), total: items.length, ...page, counts, facets, sort: query.sort, order: query.order };
  });

  router.get('/export.csv', async (ctx) => {
    const { user, items } = await read(ctx);
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
