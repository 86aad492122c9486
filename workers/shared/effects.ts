import type { Knex } from 'knex';
import { isUniqueViolation } from '../../src/db/dialect.js';

/**
 * Runs a side effect (a notice, a protocol number, a document) at most once per key and returns its
 * stored result on every later call. The key is the job key (a job delivered twice, or retried after
 * its completion was lost, does not act twice) or a business key when the act is one per case.
 * A 'pending' row claims the key before acting; if the act throws, the claim is released so a
 * retry can act.
 */
export async function once<T>(knex: Knex, key: string, meta: { taskType: string; jobKey: string; at: Date }, act: () => Promise<T>): Promise<T> {
  const existing = await readEffect<T>(knex, key);
  if (existing?.state === 'done') return existing.result as T;
  if (existing?.state === 'pending') throw new Error(`effetto '${key}' già in corso in un'altra consegna del job; riprovare`);
  try {
    await knex('worker_effects').insert({ effect_key: key, task_type: meta.taskType, job_key: meta.jobKey, state: 'pending', result: null, created_at: meta.at.toISOString() });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Error(`effetto '${key}' già in corso in un'altra consegna del job; riprovare`);
    throw error;
  }
  let result: T;
  try {
    result = await act();
  } catch (error) {
    await knex('worker_effects').where({ effect_key: key, state: 'pending' }).delete();
    throw error;
  }
  await knex('worker_effects').where({ effect_key: key }).update({ state: 'done', result: JSON.stringify(result ?? null) });
  return result;
}

export async function readEffect<T>(knex: Knex, key: string): Promise<{ state: 'pending' | 'done'; result: T | undefined } | undefined> {
  const row = (await knex('worker_effects').where({ effect_key: key }).first()) as { state: 'pending' | 'done'; result: string | null } | undefined;
  if (!row) return undefined;
  return { state: row.state, result: row.result === null ? undefined : (JSON.parse(row.result) as T) };
}
