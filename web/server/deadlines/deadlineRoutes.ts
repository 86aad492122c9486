import { Router } from '@koa/router';
import { stringify } from 'csv-stringify/sync';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { currentUser } from '../auth/guards.js';
import { hasRole } from '../auth/roles.js';
import { forbidden } from '../errors.js';
import { pageOf, parsePageQuery } from '../paging.js';
import type { DeadlineRegister, RegisterEntry } from './DeadlineRegister.js';
import type { DeadlineStatus } from './deadlineStatus.js';

/** The register pages on the server (the CSV export has every row). */
export const REGISTER_PAGE_SIZES = { default: 100, max: 1000 } as const;

const STATUS_LABELS: Record<DeadlineStatus, string> = { ok: 'in termini', soon: 'in scadenza (entro 5 giorni)', overdue: 'scaduta' };

/** /api/deadlines: the scadenzario of the user's scope, as JSON and as CSV. */
export function deadlineRoutes(services: AppServices, register: DeadlineRegister): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/deadlines' });
  const userOf = (ctx: AppContext) => {
    const user = currentUser(ctx);
    if (!hasRole(user, 'provincia', 'comune', 'auditor', 'admin')) throw forbidden();
    return user;
  };
  const filtered = (items: RegisterEntry[], q: Record<string, string | undefined>) =>
    items.filter((d) => (!q.status || d.status === q.status) && (!q.process || d.processDefinitionId === q.process || d.processDefinitionId.startsWith(`${q.process}-`)) && (!q.comune || d.comune === q.comune));

  router.get('/', async (ctx) => {
    const query = ctx.query as Record<string, string | undefined>;
    const page = parsePageQuery(query, REGISTER_PAGE_SIZES);
    const items = filtered(await register.openDeadlines(userOf(ctx)), query);
    const counts = { ok: 0, soon: 0, overdue: 0 } as Record<DeadlineStatus, number>;
    for (const d of items) counts[d.status]++;
    ctx.body = { items: pageOf(items, page), total: items.length, ...page, counts };
  });

  router.get('/export.csv', async (ctx) => {
    const user = userOf(ctx);
    const items = filtered(await register.openDeadlines(user), ctx.query as Record<string, string | undefined>);
    // Semicolons and a BOM: what Excel in an Italian locale opens without an import wizard.
    const csv = stringify(
      items.map((d) => ({
        procedimento: d.processName ?? d.processDefinitionId,
        pratica: d.businessKey ?? '',
        istanza: d.processInstanceKey,
        comune: d.comune ?? '',
        scadenza: d.variable,
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
