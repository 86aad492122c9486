import { Temporal } from 'temporal-polyfill';
import { noteJobDetails } from './auditedJob.js';
import { once } from './effects.js';
import type { JobRef } from './TaskHandler.js';
import type { WorkerContext } from './WorkerContext.js';

export type PublicationChannel = 'inpa' | 'albo-pretorio' | 'amministrazione-trasparente' | 'perlapa';

export interface PublicationRecord {
  tipo: string;
  canali: PublicationChannel[];
  titolo: string;
  pubblicatoIl: string;
  sha256: string | null;
}

/**
 * Records the publication of an act on each channel (inPA, albo pretorio, Amministrazione trasparente
 * under art. 19 D.Lgs. 33/2013; PerlaPA for the Ispettorato). The portals have no API here: the
 * record is the proof of what was published when, with the hash of the document published.
 */
export async function recordPublication(
  ctx: WorkerContext, job: JobRef,
  pub: { tipo: string; businessKey: string; titolo: string; canali: PublicationChannel[]; sha256?: string; comune?: string },
): Promise<PublicationRecord> {
  const record = await once(ctx.knex, `publication:${job.key}`, { taskType: job.type, jobKey: String(job.key), at: ctx.now() }, async () => {
    const at = Temporal.Instant.fromEpochMilliseconds(ctx.now().getTime()).toString();
    for (const channel of pub.canali) {
      await ctx.knex('publications')
        .insert({ business_key: pub.businessKey, kind: pub.tipo, channel, title: pub.titolo.slice(0, 500), document_sha256: pub.sha256 ?? null, published_at: at })
        .onConflict(['business_key', 'kind', 'channel']).merge();
    }
    const published: PublicationRecord = { tipo: pub.tipo, canali: pub.canali, titolo: pub.titolo, pubblicatoIl: at, sha256: pub.sha256 ?? null };
    return published;
  });
  // Noted on every delivery, also when `once` returns the stored record: each completion's entry says what it published.
  await noteJobDetails(ctx, job, {
    data: { pubblicazione: { businessKey: pub.businessKey, ...record, canali: [...record.canali] } },
    ...(pub.comune ? { comune: pub.comune } : {}),
  });
  return record;
}
