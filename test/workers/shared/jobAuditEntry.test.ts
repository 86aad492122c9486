import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/audit/index.js';
import { auditEntryFromRow, type AuditEntryRow } from '../../../src/audit/auditEntryRow.js';
import { openAppDatabase, type AppDatabase } from '../../../src/db/index.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { notificaInvia } from '../../../workers/shared/notify.js';
import { recordPublication } from '../../../workers/shared/publication.js';
import { handler, runHandler } from '../../../workers/shared/TaskHandler.js';
import type { Mailer } from '../../../workers/shared/Mailer.js';
import { DEFAULT_ADDRESSES, type WorkerContext } from '../../../workers/shared/WorkerContext.js';

let db: AppDatabase;
let ctx: WorkerContext;
const sent: string[] = [];

beforeAll(async () => {
  db = await openAppDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'job-audit-')), log: () => undefined });
  await seedComuni(db.knex);
  const mailer = { send: async (m: { to: string[]; messageId: string }) => { sent.push(m.messageId); return { messageId: m.messageId, accepted: m.to, rejected: [], response: '250 OK' }; } };
  ctx = { knex: db.knex, audit: new AuditTrail(db), mailer: mailer as unknown as Mailer, dataDir: os.tmpdir(), addresses: DEFAULT_ADDRESSES, now: () => new Date('2026-03-13T09:00:00+01:00') };
});

afterAll(async () => {
  await db?.close();
});

/** A job as the SDK hands it over, whose outcome calls are acknowledged at once. */
function fakeJob(key: string, type: string, variables: Record<string, unknown>, customHeaders: Record<string, string> = {}) {
  const ack = async () => 'JOB_ACTION_ACKNOWLEDGEMENT' as const;
  return { key, type, processInstanceKey: '2251799813690001', elementId: 'Send_X', retries: 3, variables, customHeaders, complete: ack, fail: ack, error: ack } as never;
}

async function jobEntries(jobKey: string) {
  const rows = (await db.knex('audit_entries').orderBy('seq')) as AuditEntryRow[];
  return rows.map(auditEntryFromRow).filter((e) => e.actor.jobKey === jobKey);
}

describe('one audit entry per job, with what its step did and its outputs', () => {
  it('a notice: the job.complete entry names the notice, its legal rule and the variables the job ended with', async () => {
    // given
    const job = fakeJob('2251799813690101', 'notifica-invia', { codiceIstat: '108033', idProcedimento: 'UPD-2026-050', dataConoscenza: '2026-03-02' }, { modello: 'sollecito-segnalazione', canale: 'pec' });

    // when
    await runHandler(notificaInvia, job, ctx);

    // then
    const entries = await jobEntries('2251799813690101');
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry.action).toBe('job.complete');
    expect(entry.entity).toMatchObject({ type: 'job', key: '2251799813690101', comune: '108033' });
    expect(entry.legalRule).toBe('art. 55-bis, c. 4, D.Lgs. 165/2001');
    expect(entry.data.notifica).toMatchObject({ modello: 'sollecito-segnalazione', canale: 'pec', destinatari: ['protocollo@pec.comune.monza.mb.it'] });
    expect((entry.data.outputs as { ultimaNotifica: { messageId: string } }).ultimaNotifica.messageId).toBe((entry.data.notifica as { messageId: string }).messageId);
  });

  it('a notice redelivered is sent once; each completion has its one entry, with the notice', async () => {
    // given
    const job = fakeJob('2251799813690102', 'notifica-invia', { codiceIstat: '108033', idProcedimento: 'UPD-2026-051' }, { modello: 'sollecito-segnalazione', canale: 'pec' });
    const before = sent.length;

    // when
    await runHandler(notificaInvia, job, ctx);
    await runHandler(notificaInvia, job, ctx);

    // then
    expect(sent.length - before).toBe(1);
    const entries = await jobEntries('2251799813690102');
    expect(entries.map((e) => e.action)).toEqual(['job.complete', 'job.complete']);
    for (const e of entries) expect(e.data.notifica).toBeTruthy();
  });

  it('a publication: one entry with the channels, the Comune and the outputs', async () => {
    // given: a step that publishes an act, then completes with the record
    const publish = handler<Record<string, unknown>>(async (job, c) => {
      const pubblicazione = await recordPublication(c, job, { tipo: 'bando', businessKey: 'CONC-2026-9', titolo: 'Bando di concorso', canali: ['inpa', 'albo-pretorio'], sha256: 'a'.repeat(64), comune: '108023' });
      return job.complete({ pubblicazione });
    });

    // when
    await runHandler(publish, fakeJob('2251799813690103', 'selezione-pubblica-bando', { idConcorso: 'CONC-2026-9' }), ctx);

    // then
    const entries = await jobEntries('2251799813690103');
    expect(entries).toHaveLength(1);
    expect(entries[0].entity.comune).toBe('108023');
    expect(entries[0].data.pubblicazione).toMatchObject({ businessKey: 'CONC-2026-9', tipo: 'bando', canali: ['inpa', 'albo-pretorio'] });
    expect((entries[0].data.outputs as { pubblicazione: { tipo: string } }).pubblicazione.tipo).toBe('bando');
  });

  it('a job that fails after its step noted details records the failure alone', async () => {
    // given
    const publishThenFail = handler<Record<string, unknown>>(async (job, c) => {
      await recordPublication(c, job, { tipo: 'graduatoria', businessKey: 'CONC-2026-9', titolo: 'Graduatoria', canali: ['albo-pretorio'] });
      throw new Error('disco pieno');
    });

    // when
    await runHandler(publishThenFail, fakeJob('2251799813690104', 'selezione-pubblica-graduatoria', {}), ctx);

    // then
    const entries = await jobEntries('2251799813690104');
    expect(entries.map((e) => e.action)).toEqual(['job.fail']);
    expect(entries[0].data.pubblicazione).toBeUndefined();
  });
});
