import type { Knex } from 'knex';
import { comuniOfProvincia, demoAddresses, DEMO_PROVINCIA } from './comuniProvincia.js';

/** Seeds the Comuni of the demo Provincia once (existing rows are left as they are). Returns how many were added. */
export async function seedComuni(knex: Knex, codiceProvincia: string = DEMO_PROVINCIA.codice): Promise<number> {
  const comuni = comuniOfProvincia(codiceProvincia);
  if (comuni.length === 0) throw new Error(`no Comuni for ISTAT province code ${codiceProvincia}`);
  const existing = new Set(((await knex('comuni').select('codice_istat')) as { codice_istat: string }[]).map((r) => r.codice_istat));
  const rows = comuni.filter((c) => !existing.has(c.codiceIstat)).map((c) => ({
    codice_istat: c.codiceIstat, nome: c.nome, sigla_provincia: c.siglaProvincia, ...demoAddresses(c),
  }));
  for (let i = 0; i < rows.length; i += 50) await knex('comuni').insert(rows.slice(i, i + 50));
  return rows.length;
}
