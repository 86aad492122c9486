import {
  assertFlagranzaRinvioDays,
  computeConclusioneDeadline,
  computeContestazioneDeadline,
  computeFlagranzaConclusioneDeadline,
  computeFlagranzaDenunciaDeadline,
  computeFlagranzaSospensioneDeadline,
  computeIspettoratoNoticeDeadline,
  computeRinnovoContestazioneDeadline,
  computeSegnalazioneUpdDeadline,
  computeAudizioneEarliestDate,
} from '../../src/domain/index.js';
import { auditDeadlines, deadlineVariables, scadenza, type ScadenzaRecord } from '../shared/deadlines.js';
import { once, readEffect } from '../shared/effects.js';
import { WorkerInputError } from '../shared/errors.js';
import { officeCalendar } from '../shared/officeCalendars.js';
import { handler } from '../shared/TaskHandler.js';
import { daysBetween, optionalDate, optionalString, requireDate, requireInstant, requireString } from '../shared/variables.js';
import type { WorkerContext } from '../shared/WorkerContext.js';

export type FaseScadenze =
  | 'segnalazione' | 'contestazione' | 'conclusione' | 'decisione' | 'riattivazione'
  | 'rinvio' | 'rinvio-concesso' | 'flagranza' | 'contestazione-flagranza' | 'rinvio-flagranza';

export interface ScadenzeDisciplinareIn {
  idProcedimento: string;
  codiceIstat: string;
  scadenze?: ScadenzaRecord[];
  dataConoscenza?: string;
  dataRicezioneSegnalazione?: string;
  dataProtocolloSegnalazione?: string;
  dataContestazione?: string;
  dataDecisione?: string;
  dataComunicazioneSentenza?: string;
  dataSospensione?: string;
  dataNotificaContestazione?: string;
  momentoConoscenza?: string;
  dataAudizione?: string;
  nuovaDataAudizione?: string;
  flagranza?: boolean;
}

interface RinvioConcesso {
  giorni: number;
  dataAudizioneOriginale: string;
  nuovaDataAudizione: string;
  flagranza: boolean;
}

/**
 * `upd-calcola-scadenze`: every term of the disciplinary procedure, computed by the domain functions
 * on the Comune's calendar (national holidays and its patron saint), stored as the ISO date-time the
 * timers read plus the `scadenze` list with source and nature.
 */
export const calcolaScadenzeDisciplinare = handler<ScadenzeDisciplinareIn, { fase: FaseScadenze }>(async (job, ctx) => {
  const v = job.variables;
  const idProcedimento = requireString(v, 'idProcedimento');
  // The UPD associato acts at the Provincia's seat, so its terms run on the seat's calendar; the
  // patron day of the employee's Comune never moves them. Only the Comune's referral (D3) is the Comune's act.
  const istat = requireString(v, 'codiceIstat');
  const calendar = await officeCalendar(ctx, job.customHeaders.fase === 'segnalazione' ? { kind: 'comune', istatCode: istat } : { kind: 'provincia' });
  const entries: ScadenzaRecord[] = [];
  const extra: Record<string, string | number | boolean> = {};
  switch (job.customHeaders.fase) {
    case 'segnalazione':
      entries.push(scadenza('scadenzaSegnalazione', computeSegnalazioneUpdDeadline(calendar, requireDate(v, 'dataConoscenza'))));
      break;
    case 'contestazione': {
      // The 30 days run from receipt of the referral (the PEC receipt when the message carries it).
      const received = optionalDate(v, 'dataRicezioneSegnalazione') ?? requireDate(v, 'dataProtocolloSegnalazione');
      entries.push(scadenza('scadenzaContestazione', computeContestazioneDeadline(calendar, received)));
      break;
    }
    case 'conclusione': {
      const contestazione = requireDate(v, 'dataContestazione');
      // A renewed charge (55-ter c.4) restarts the terms, so an earlier rinvio no longer counts.
      entries.push(scadenza('scadenzaConclusione', computeConclusioneDeadline(calendar, { contestazioneDate: contestazione })));
      entries.push(scadenza('scadenzaComunicazioneAvvio', computeIspettoratoNoticeDeadline(calendar, 'avvio', contestazione)));
      entries.push(scadenza('audizioneNonPrimaDel', computeAudizioneEarliestDate(calendar, contestazione)));
      break;
    }
    case 'decisione':
      entries.push(scadenza('scadenzaComunicazioneConclusione', computeIspettoratoNoticeDeadline(calendar, 'conclusione', requireDate(v, 'dataDecisione'))));
      break;
    case 'riattivazione':
      entries.push(scadenza('scadenzaRiattivazione', computeRinnovoContestazioneDeadline(calendar, requireDate(v, 'dataComunicazioneSentenza'))));
      break;
    case 'rinvio-concesso': {
      const rinvio = await registerRinvio(ctx, job.key, job.type, idProcedimento, v);
      extra.giorniRinvio = rinvio.giorni;
      break;
    }
    case 'rinvio':
    case 'rinvio-flagranza': {
      const rinvio = (await readEffect<RinvioConcesso>(ctx.knex, `rinvio:${idProcedimento}`))?.result;
      if (!rinvio) throw new WorkerInputError('rinvio', `nessun rinvio registrato per il procedimento ${idProcedimento}`);
      // D9: the 120-day limit moves by the days of the postponement (art. 55-bis c.4).
      entries.push(scadenza('scadenzaConclusione', computeConclusioneDeadline(calendar, { contestazioneDate: requireDate(v, 'dataContestazione'), rinvioDays: rinvio.giorni })));
      extra.dataAudizione = rinvio.nuovaDataAudizione;
      extra.giorniRinvio = rinvio.giorni;
      extra.rinvioConcesso = true;
      break;
    }
    case 'flagranza': {
      // The 48 hours run from the moment of knowledge (c.3-bis); without the time, from the start of
      // the day of knowledge, the earlier (safer) reading.
      const moment = optionalString(v, 'momentoConoscenza') ? requireInstant(v, 'momentoConoscenza') : requireInstant(v, 'dataConoscenza');
      const sospensione = computeFlagranzaSospensioneDeadline(moment.toString());
      entries.push(scadenza('scadenzaSospensioneFlagranza', sospensione));
      break;
    }
    case 'contestazione-flagranza': {
      // The act of suspension carries the charge; the 30 days run from the employee's receipt of it
      // (c.3-ter): the PEC delivery when sent by PEC, else the date of the act (delivered by hand the same day; verify).
      const contestazione = optionalDate(v, 'dataNotificaContestazione') ?? requireDate(v, 'dataSospensione');
      entries.push(scadenza('scadenzaDenuncia', computeFlagranzaDenunciaDeadline(calendar, contestazione)));
      entries.push(scadenza('scadenzaConclusioneFlagranza', computeFlagranzaConclusioneDeadline(calendar, contestazione)));
      entries.push(scadenza('scadenzaConclusione', computeConclusioneDeadline(calendar, { contestazioneDate: contestazione })));
      entries.push(scadenza('scadenzaComunicazioneAvvio', computeIspettoratoNoticeDeadline(calendar, 'avvio', contestazione)));
      extra.dataContestazione = contestazione;
      break;
    }
    default:
      throw new WorkerInputError('fase', `fase '${String(job.customHeaders.fase)}' sconosciuta per ${job.type}`);
  }
  await auditDeadlines(ctx, job, idProcedimento, entries, v.codiceIstat);
  return job.complete({ ...deadlineVariables(v.scadenze, entries), ...extra });
});

/** One rinvio per procedure (art. 55-bis c.4); in flagranza at most 5 days (55-quater c.3-ter). */
async function registerRinvio(ctx: WorkerContext, jobKey: string, taskType: string, idProcedimento: string, v: ScadenzeDisciplinareIn): Promise<RinvioConcesso> {
  const existing = await readEffect<RinvioConcesso & { jobKey: string }>(ctx.knex, `rinvio:${idProcedimento}`);
  if (existing?.state === 'done' && existing.result && existing.result.jobKey !== String(jobKey)) {
    throw new WorkerInputError('rinvioAccolto', `il procedimento ${idProcedimento} ha già avuto un rinvio (${existing.result.giorni} giorni): la legge ne consente uno solo (art. 55-bis c.4)`);
  }
  const original = requireDate(v, 'dataAudizione');
  const nuova = requireDate(v, 'nuovaDataAudizione');
  const giorni = daysBetween(original, nuova);
  if (giorni <= 0) throw new WorkerInputError('nuovaDataAudizione', `deve seguire la data dell'audizione (${original}), ricevuto ${nuova}`);
  const flagranza = v.flagranza === true;
  if (flagranza) assertFlagranzaRinvioDays(giorni);
  return once(ctx.knex, `rinvio:${idProcedimento}`, { taskType, jobKey: String(jobKey), at: ctx.now() }, async () => ({
    giorni, dataAudizioneOriginale: original, nuovaDataAudizione: requireString(v, 'nuovaDataAudizione'), flagranza, jobKey: String(jobKey),
  }));
}

