import { Router } from '@koa/router';
import type { Knex } from 'knex';
import type { AppServices, AppState } from '../AppState.js';
import { CASE_SCOPE_VARIABLES } from '../auth/CaseScopeGuard.js';
import { currentUser } from '../auth/guards.js';
import { hasRole, type UserAccess } from '../auth/roles.js';
import { badRequest, forbidden } from '../errors.js';
import { parsePageQuery } from '../paging.js';
import { listComuni } from '../routes/comuneRoutes.js';
import { ComuneRequestStore } from './ComuneRequestStore.js';
import { fileRequest } from './fileRequest.js';
import { readRequestValues, REQUEST_KINDS, requestKindById } from './requestKinds.js';

/** Comuni whose requests this user sees: every one for the Provincia and administrators, else their own. */
function visibleComuni(user: UserAccess): string[] | undefined {
  if (hasRole(user, 'admin', 'provincia') || user.comuni === 'all') return undefined;
  return user.comuni;
}

/**
 * /api/requests: «Nuova richiesta» for Comune users (segnalazione, concorso, fabbisogni formativi) and the
 * queue «Richieste in arrivo» (all requests for the Provincia, a Comune's own for its users).
 */
export function requestRoutes(services: AppServices, knex: Knex): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/requests' });
  const store = new ComuneRequestStore(knex);

  /** The Comune a request is filed for: the account's own (one), never one named in the request. */
  const comuneOf = async (user: UserAccess): Promise<{ codiceIstat: string; nome: string }> => {
    if (!hasRole(user, 'comune') || user.comuni === 'all') throw forbidden('Solo gli utenti di un Comune inoltrano richieste alla Provincia.');
    if (user.comuni.length !== 1) throw forbidden('Il tuo account è abilitato per più Comuni: chiedi all’amministratore un account per ciascun Comune.');
    const code = user.comuni[0];
    const nome = (await listComuni(knex)).find((c) => c.codiceIstat === code)?.nome ?? code;
    return { codiceIstat: code, nome };
  };

  router.get('/kinds', async (ctx) => {
    const user = currentUser(ctx);
    const mayFile = hasRole(user, 'comune') && user.comuni !== 'all' && user.comuni.length === 1;
    ctx.body = { items: REQUEST_KINDS.map((k) => ({ id: k.id, label: k.label, fields: k.fields })), mayFile, comune: mayFile ? await comuneOf(user) : null };
  });

  router.post('/', async (ctx) => {
    const user = currentUser(ctx);
    const comune = await comuneOf(user);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const values = body.values && typeof body.values === 'object' && !Array.isArray(body.values) ? (body.values as Record<string, unknown>) : {};
    // Whose case it is comes from the account: a Comune named in the request (to file for another) is refused and recorded.
    const scopeField = CASE_SCOPE_VARIABLES.find((name) => Object.hasOwn(body, name) || Object.hasOwn(values, name));
    if (scopeField) {
      const attempted = (Object.hasOwn(values, scopeField) ? values[scopeField] : body[scopeField]) ?? null;
      await services.audit.append({
        actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
        action: 'case.scope-change-refused',
        entity: { type: 'comune-request', key: 'new', comune: comune.codiceIstat },
        data: { via: 'request.file', fields: [scopeField], attempted: { [scopeField]: JSON.parse(JSON.stringify(attempted)) as never }, current: { [scopeField]: comune.codiceIstat } },
      });
      throw badRequest('CASE_SCOPE_IMMUTABLE', `${scopeField}: la richiesta vale per il Comune del tuo account (${comune.nome}); non si indica il Comune nella richiesta.`, { field: scopeField });
    }
    const extra = Object.keys(body).find((k) => k !== 'kind' && k !== 'values');
    if (extra) throw badRequest('UNKNOWN_FIELD', `Campo non previsto: ${extra}.`, { field: extra });
    const kind = requestKindById(body.kind);
    if (!kind) throw badRequest('INVALID_KIND', `Tipo di richiesta non valido: indica ${REQUEST_KINDS.map((k) => k.id).join(', ')}.`, { field: 'kind' });
    const read = readRequestValues(kind, body.values);
    const filed = await fileRequest(services, store, user, comune, kind, read);
    ctx.status = 201;
    ctx.body = filed;
  });

  router.get('/', async (ctx) => {
    const user = currentUser(ctx);
    if (!hasRole(user, 'admin', 'provincia', 'comune', 'auditor')) throw forbidden();
    const q = ctx.query as Record<string, string | undefined>;
    const { page, pageSize } = parsePageQuery(q, { default: 20, max: 100 });
    if (q.kind && !requestKindById(q.kind)) throw badRequest('INVALID_FILTER', `Tipo di richiesta non valido: ${q.kind}.`, { field: 'kind' });
    if (q.comune && !/^\d{6}$/.test(q.comune)) throw badRequest('INVALID_FILTER', 'comune: il codice ISTAT ha 6 cifre.', { field: 'comune' });
    const mine = visibleComuni(user);
    const comuni = q.comune ? (mine && !mine.includes(q.comune) ? [] : [q.comune]) : mine;
    const result = await store.page({ kind: q.kind || undefined, comuni }, (page - 1) * pageSize, pageSize);
    const items = await Promise.all(
      result.items.map(async (r) => {
        const instance = r.processInstanceKey ? await services.engine.getProcessInstance(r.processInstanceKey) : undefined;
        return { ...r, state: instance?.state ?? null };
      }),
    );
    ctx.body = { items, total: result.total, page, pageSize };
  });

  return router;
}
