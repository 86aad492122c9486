import { Router } from '@koa/router';
import type { Knex } from 'knex';
import type { AppState } from '../AppState.js';
import { currentUser } from '../auth/guards.js';

export interface ComuneSummary {
  codiceIstat: string;
  nome: string;
}

/** The Comuni of the Provincia (the `comuni` table the workers read their addresses from). */
export async function listComuni(knex: Knex): Promise<ComuneSummary[]> {
  const rows = (await knex('comuni').select('codice_istat', 'nome').orderBy('nome')) as Array<{ codice_istat: string; nome: string }>;
  return rows.map((r) => ({ codiceIstat: r.codice_istat, nome: r.nome }));
}

/** /api/comuni: names and ISTAT codes for pickers (starting a case, scoping a user); public facts, any signed-in user. */
export function comuneRoutes(knex: Knex): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/comuni' });
  router.get('/', async (ctx) => {
    currentUser(ctx);
    ctx.body = { items: await listComuni(knex) };
  });
  return router;
}
