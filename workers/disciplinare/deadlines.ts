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
  checkHearingNotice,
  assessHearingDateChange,
  DomainValidationError,
  type HearingDateChangeReason,
  planSospensioneCautelare,
  SANCTION_CODES,
  sanctionRule,
  type SanctionCode,
} from '../../src/domain/index.js';
import { Temporal } from 'temporal-polyfill';
import { noteJobDetails } from '../shared/auditedJob.js';
import { auditDeadlines, deadlineVariables, scadenza, type ScadenzaRecord } from '../shared/deadlines.js';
import { once, readEffect } from '../shared/effects.js';
import { WorkerInputError } from '../shared/errors.js';
import { officeCalendar } from '../shared/officeCalendars.js';
import { handler } from '../shared/TaskHandler.js';
import { daysBetween, optionalDate, optionalString, requireDate, requireInstant, requireString, romeToday } from '../shared/variables.js';
import type { WorkerContext } from '../shared/WorkerContext.js';

export type FaseScadenze =
  | 'segnalazione' | 'contestazione' | 'conclusione' | 'decisione' | 'riattivazione'
  | 'rinvio' | 'rinvio-concesso' | 'flagranza' | 'contestazione-flagranza' | 'rinvio-flagranza'
  | 'preavviso' | 'nuova-audizione' | 'sospensione-cautelare' | 'audizione-altra-data';

export interface ScadenzeDisciplinareIn {
  idProcedimento: string;
  codiceIstat: string;
  scadenze?: ScadenzaRecord[];
  dataConoscenza?: string;
  dataRicezioneSegnalazione?: string;
  dataProtocolloSegnalazione?: string;
  dataContestazione?: string;
  dataRicezioneContestazione?: string;
  dataDecisione?: string;
  dataComunicazioneSentenza?: string;
  dataSospensione?: string;
  dataNotificaContestazione?: string;
  momentoConoscenza?: string;
  dataAudizione?: string;
  nuovaDataAudizione?: string;
  dataAudizioneEffettiva?: string;
  motivoCambioData?: string;
  rinvioConcesso?: boolean;
  flagranza?: boolean;
  sanzioneMassimaPrevista?: string;
  sospensioneCautelare?: boolean;
  dataInizioSospensione?: string;
  giorniSospensione?: number;
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
      // Both from the act of contestazione (its adoption), not from its receipt: "entro centoventi giorni
      // dalla contestazione dell'addebito" read from the act is the earlier, cautious end of a perentorio
      // term; the Ispettorato notice runs "entro venti giorni dalla loro adozione" (art. 55-bis c.4).
      // A renewed charge (55-ter c.4) restarts the terms, so an earlier rinvio no longer counts.
      const contestazione = requireDate(v, 'dataContestazione');
      entries.push(scadenza('scadenzaConclusione', computeConclusioneDeadline(calendar, { contestazioneDate: contestazione })));
      entries.push(scadenza('scadenzaComunicazioneAvvio', computeIspettoratoNoticeDeadline(calendar, 'avvio', contestazione)));
      break;
    }
    case 'preavviso':
    case 'nuova-audizione': {
      // D10: the notice runs from the employee's actual receipt of the convocation. A new date set by
      // the UPD goes out today with a new convocation, so it must leave the notice from today too.
      const ricezione = optionalDate(v, 'dataRicezioneContestazione') ?? requireDate(v, 'dataContestazione');
      const nuova = job.customHeaders.fase === 'nuova-audizione';
      const today = romeToday(ctx.now());
      const from = nuova && Temporal.PlainDate.compare(today, ricezione) > 0 ? today : ricezione;
      const check = checkHearingNotice(calendar, { receivedDate: from, hearingDate: requireDate(v, 'dataAudizione'), flagranza: v.flagranza === true });
      entries.push(scadenza('audizioneNonPrimaDel', check.earliest));
      extra.preavvisoRispettato = check.respected;
      extra.riconvocazione = nuova;
      await noteJobDetails(ctx, job, {
        data: { dataRicezioneContestazione: ricezione, dataAudizione: v.dataAudizione ?? null, audizioneNonPrimaDel: check.earliest.dueDate, preavvisoRispettato: check.respected },
        legalRule: check.earliest.legalSource,
      });
      break;
    }
    case 'sospensione-cautelare': {
      // D7: only for infractions punishable at least with suspension, at most 30 days; a timer ends it on
      // its last day. The Ispettorato is told within 20 days of the act's adoption (art. 55-bis c.4).
      const adozione = romeToday(ctx.now());
      try {
        const fine = planSospensioneCautelare(calendar, {
          sanzionePrevista: optionalSanction(v.sanzioneMassimaPrevista),
          firstDay: optionalDate(v, 'dataInizioSospensione') ?? adozione,
          days: requireNumber(v, 'giorniSospensione'),
        });
        entries.push(scadenza('fineSospensioneCautelare', fine));
        entries.push(scadenza('scadenzaComunicazioneSospensione', computeIspettoratoNoticeDeadline(calendar, 'sospensione-cautelare', adozione)));
        extra.ultimoGiornoSospensione = fine.dueDate;
      } catch (error) {
        // The charge does not allow it (or the length is out of range): the suspension is not ordered,
        // the reason goes to the UPD and to the trail, and the case goes on.
        if (!(error instanceof DomainValidationError)) throw error;
        extra.sospensioneCautelare = false;
        extra.motivoSospensioneNonAmmessa = error.code === 'OUT_OF_RANGE'
          ? 'la sospensione cautelare dura al massimo 30 giorni'
          : `la sospensione cautelare è ammessa solo per infrazioni punibili almeno con la sospensione dal servizio${v.sanzioneMassimaPrevista ? ` (sanzione massima contestata: ${sanctionRule(optionalSanction(v.sanzioneMassimaPrevista)!).label})` : ' e la contestazione non indica la sanzione massima'}`;
        await noteJobDetails(ctx, job, { data: { sospensioneCautelare: false, motivo: extra.motivoSospensioneNonAmmessa }, legalRule: 'CCNL Funzioni Locali 16.11.2022, sospensione cautelare in corso di procedimento disciplinare' });
      }
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
    case 'audizione-altra-data': {
      const change = await registerHearingDateChange(ctx, job.key, job.type, idProcedimento, v);
      extra.prorogaConclusione = change.extendsConclusione;
      extra.giorniCambioDataAudizione = change.days;
      await noteJobDetails(ctx, job, {
        data: { dataAudizione: v.dataAudizione ?? null, dataAudizioneEffettiva: v.dataAudizioneEffettiva ?? null, motivoCambioData: v.motivoCambioData ?? null, giorni: change.days, prorogaConclusione: change.extendsConclusione },
        legalRule: change.legalSource,
      });
      break;
    }
    case 'rinvio':
    case 'rinvio-flagranza': {
      const rinvio = (await readEffect<RinvioConcesso>(ctx.knex, `rinvio:${idProcedimento}`))?.result;
      if (!rinvio) throw new WorkerInputError('rinvio', `nessun rinvio registrato per il procedimento ${idProcedimento}`);
      if (job.customHeaders.fase === 'rinvio') {
        // D9: every granted rinvio moves the 120 days by all its days, "con proroga del termine per la
        // conclusione del procedimento in misura corrispondente" (art. 55-bis c.4, text of D.Lgs. 75/2017).
        entries.push(scadenza('scadenzaConclusione', computeConclusioneDeadline(calendar, { contestazioneDate: requireDate(v, 'dataContestazione'), rinvioDays: rinvio.giorni })));
      }
      // In flagranza the rinvio of at most 5 days is that of art. 55-quater c.3-ter, which has no proroga
      // clause and keeps "il termine per la conclusione del procedimento di cui all'articolo 55-bis, comma 4"
      // as the outer limit: the 120 days stay where they are (the cautious reading). Verify: does the
      // proroga of art. 55-bis c.4 apply to the flagranza rinvio? Source: art. 55-quater, c. 3-ter, D.Lgs. 165/2001.
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
      // The act of suspension carries the charge and starts the procedure (c.3-ter): the denuncia (20 days
      // "dall'avvio del procedimento", c.3-quater), the Ispettorato notice ("dalla loro adozione", 55-bis
      // c.4) and the 120 days (55-bis c.4, the cautious reading) run from the act's adoption. Only the
      // 30 days of c.3-ter run "dalla ricezione, da parte del dipendente, della contestazione": the PEC
      // delivery, else the act's day (delivered by hand the same day; verify: without PEC the day of the
      // hand delivery should be recorded. Source: art. 55-quater, c. 3-ter, D.Lgs. 165/2001).
      const atto = requireDate(v, 'dataContestazione');
      const ricezione = optionalDate(v, 'dataNotificaContestazione') ?? atto;
      entries.push(scadenza('scadenzaDenuncia', computeFlagranzaDenunciaDeadline(calendar, atto)));
      entries.push(scadenza('scadenzaConclusioneFlagranza', computeFlagranzaConclusioneDeadline(calendar, ricezione)));
      entries.push(scadenza('scadenzaConclusione', computeConclusioneDeadline(calendar, { contestazioneDate: atto })));
      entries.push(scadenza('scadenzaComunicazioneAvvio', computeIspettoratoNoticeDeadline(calendar, 'avvio', atto)));
      extra.dataRicezioneContestazione = ricezione;
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

/**
 * A hearing held on another day (D10): the employee's rinvio for a grave impediment is the one rinvio of
 * art. 55-bis c.4, registered like a granted one (the caller's proroga reads it and sets the hearing to
 * the day actually held, already past, so the phase goes on at once); any other change only moves the day.
 */
async function registerHearingDateChange(ctx: WorkerContext, jobKey: string, taskType: string, idProcedimento: string, v: ScadenzeDisciplinareIn) {
  const planned = requireDate(v, 'dataAudizione');
  const held = requireDate(v, 'dataAudizioneEffettiva');
  const granted = (await readEffect<RinvioConcesso & { jobKey: string }>(ctx.knex, `rinvio:${idProcedimento}`))?.result;
  let change;
  try {
    change = assessHearingDateChange({
      plannedDate: planned, heldDate: held, reason: requireString(v, 'motivoCambioData') as HearingDateChangeReason,
      rinvioAlreadyGranted: v.rinvioConcesso === true || (granted !== undefined && granted.jobKey !== String(jobKey)),
    });
  } catch (error) {
    if (error instanceof DomainValidationError) throw new WorkerInputError(error.field === 'reason' ? 'motivoCambioData' : 'dataAudizioneEffettiva', error.message);
    throw error;
  }
  if (change.extendsConclusione) {
    // The day held, at the start of the day in Rome: the timer of the repeated phase is already due.
    const nuova = Temporal.PlainDate.from(held).toZonedDateTime({ timeZone: 'Europe/Rome' }).toString({ timeZoneName: 'never' });
    await once(ctx.knex, `rinvio:${idProcedimento}`, { taskType, jobKey: String(jobKey), at: ctx.now() }, async () => ({
      giorni: change.days, dataAudizioneOriginale: planned, nuovaDataAudizione: nuova, flagranza: false, jobKey: String(jobKey),
    }));
  }
  return change;
}

function optionalSanction(value: unknown): SanctionCode | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !(SANCTION_CODES as readonly string[]).includes(value)) {
    throw new WorkerInputError('sanzioneMassimaPrevista', `sanzione non prevista dal codice disciplinare: ${JSON.stringify(value)}`);
  }
  return value as SanctionCode;
}

function requireNumber(v: object, name: string): number {
  const value = (v as Record<string, unknown>)[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new WorkerInputError(name, `atteso un numero, ricevuto ${JSON.stringify(value)}`);
  return value;
}
