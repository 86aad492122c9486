import { WorkerInputError } from './errors.js';
import type { WorkerContext } from './WorkerContext.js';

export interface ComuneRecord {
  codiceIstat: string;
  nome: string;
  pec: string;
  email: string;
}

/** The Comune's addresses from the seeded `comuni` table (real ISTAT codes). */
export async function findComune(ctx: WorkerContext, codiceIstat: string): Promise<ComuneRecord | undefined> {
  const row = (await ctx.knex('comuni').where({ codice_istat: codiceIstat }).first()) as
    | { codice_istat: string; nome: string; pec: string; email: string } | undefined;
  return row ? { codiceIstat: row.codice_istat, nome: row.nome, pec: row.pec, email: row.email } : undefined;
}

export async function requireComune(ctx: WorkerContext, codiceIstat: unknown, variable: string): Promise<ComuneRecord> {
  if (typeof codiceIstat !== 'string' || !/^\d{6}$/.test(codiceIstat)) throw new WorkerInputError(variable, `codice ISTAT di 6 cifre atteso, ricevuto ${JSON.stringify(codiceIstat)}`);
  const comune = await findComune(ctx, codiceIstat);
  if (!comune) throw new WorkerInputError(variable, `il Comune ${codiceIstat} non è tra i Comuni della Provincia (tabella comuni)`);
  return comune;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && EMAIL.test(value.trim());
}
