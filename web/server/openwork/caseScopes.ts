import type { Knex } from 'knex';
import { COMUNE_VARIABLE, COMUNI_VARIABLE, scopeComuniOf } from '../auth/InstanceScope.js';
import type { EngineClient, VariableSummary } from '../engine/EngineClient.js';

const KEYS_PER_QUERY = 500;
const ROWS_PER_INSERT = 500;

/** The scope of these instances (every instance that has one when `keys` is absent), read from their variables. */
export async function readCaseScopes(engine: EngineClient, keys?: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const add = (vars: VariableSummary[]) => {
    for (const v of vars) for (const c of scopeComuniOf(v)) (out.get(v.processInstanceKey) ?? out.set(v.processInstanceKey, new Set()).get(v.processInstanceKey)!).add(c);
  };
  const names = [COMUNE_VARIABLE, COMUNI_VARIABLE];
  if (!keys) add(await engine.searchVariables({ names }));
  else for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) add(await engine.searchVariables({ processInstanceKeys: keys.slice(i, i + KEYS_PER_QUERY), names }));
  return out;
}

/** Replaces the scope rows of `keys` (of every instance, `keys` absent: rows not written now are dropped by the caller's sweep). */
export async function writeCaseScopes(trx: Knex | Knex.Transaction, scopes: Map<string, Set<string>>, keys: string[] | undefined, indexedAt: number): Promise<void> {
  if (keys) for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) await trx('case_scopes').whereIn('process_instance_key', keys.slice(i, i + KEYS_PER_QUERY)).delete();
  const rows = [...scopes].flatMap(([key, comuni]) => [...comuni].filter((c) => /^\d{6}$/.test(c)).map((comune) => ({ process_instance_key: key, comune, indexed_at: indexedAt })));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx('case_scopes').insert(rows.slice(i, i + ROWS_PER_INSERT)).onConflict(['process_instance_key', 'comune']).merge(['indexed_at']);
  }
}

/** Every instance found under one of these Comuni, in key order. */
export async function instanceKeysIn(knex: Knex, comuni: readonly string[]): Promise<string[]> {
  if (comuni.length === 0) return [];
  const rows = (await knex('case_scopes').distinct('process_instance_key').whereIn('comune', comuni).orderBy('process_instance_key')) as Array<{ process_instance_key: string }>;
  return rows.map((r) => r.process_instance_key);
}
