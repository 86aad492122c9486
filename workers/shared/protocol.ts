import { Temporal } from 'temporal-polyfill';
import { isUniqueViolation } from '../../src/db/dialect.js';
import { once } from './effects.js';
import { ROME } from './variables.js';
import type { JobRef } from './TaskHandler.js';
import type { WorkerContext } from './WorkerContext.js';

export interface ProtocolEntry {
  /** e.g. '2026/000042' */
  numero: string;
  anno: number;
  progressivo: number;
  data: string;
  direzione: 'entrata' | 'uscita';
}

/**
 * Registers an act in the Provincia's protocol register (one yearly sequence, DPR 445/2000 art. 57),
 * once per job. The number is the year's highest plus one, taken in one transaction; a concurrent
 * registration that wins the same number makes this one retry.
 */
export async function registerProtocol(
  ctx: WorkerContext, job: JobRef,
  act: { direzione: 'entrata' | 'uscita'; oggetto: string; businessKey: string },
): Promise<ProtocolEntry> {
  return once(ctx.knex, `protocol:${job.key}`, { taskType: job.type, jobKey: String(job.key), at: ctx.now() }, async () => {
    const at = Temporal.Instant.fromEpochMilliseconds(ctx.now().getTime()).toZonedDateTimeISO(ROME);
    for (let attempt = 1; ; attempt++) {
      try {
        return await ctx.knex.transaction(async (trx) => {
          const row = (await trx('protocol_register').where({ year: at.year }).max({ n: 'number' }).first()) as { n: number | string | null } | undefined;
          const progressivo = Number(row?.n ?? 0) + 1;
          await trx('protocol_register').insert({
            year: at.year, number: progressivo, direction: act.direzione, subject: act.oggetto.slice(0, 500),
            business_key: act.businessKey, registered_at: at.toInstant().toString(),
          });
          const entry: ProtocolEntry = {
            numero: `${at.year}/${String(progressivo).padStart(6, '0')}`,
            anno: at.year, progressivo, data: at.toPlainDate().toString(), direzione: act.direzione,
          };
          return entry;
        });
      } catch (error) {
        if (attempt >= 5 || !isUniqueViolation(error)) throw error;
      }
    }
  });
}
