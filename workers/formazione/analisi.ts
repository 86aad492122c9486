import { Temporal } from 'temporal-polyfill';
import { ErrorCode } from '../../processes/generated/task-types.js';
import { computeAnnualMonitoringDate, computePiaoDeadline, DomainValidationError, ItalianCalendar, SAFETY_ROLES, type SafetyRole } from '../../src/domain/index.js';
import { auditDeadlines, deadlineVariables, scadenza, type ScadenzaRecord } from '../shared/deadlines.js';
import { once } from '../shared/effects.js';
import { BusinessError, WorkerInputError } from '../shared/errors.js';
import { handler } from '../shared/TaskHandler.js';
import { optionalDate, requireArray, requireNumber, requireObject, requireString, romeToday } from '../shared/variables.js';
import { DIZIONARIO_COMPETENZE, DIZIONARIO_VERSIONE, normalizeProfile } from './competenze.js';

export interface Dipendente {
  codiceFiscale: string;
  nominativo: string;
  profilo: string;
  email: string;
  /** Safety roles (D.Lgs. 81/2008): each adds its refresher to the mandatory courses. */
  ruoliSicurezza?: SafetyRole[];
  /** Day of hiring, for the initial safety training (art. 37 c.4 lett. a D.Lgs. 81/2008). */
  dataAssunzione?: string;
}

const SCHEDE_DAYS = 30; // convenzione: 30 days to complete the assessments (not a legal term)

/** Deadlines of the training cycle (F3 PIAO, F9 year end) and of the assessments (F2, convenzione). */
export const calcolaScadenzeFormazione = handler<{ idPiano: string; anno: number; scadenze?: ScadenzaRecord[]; termineBilancioPrevisione?: string }, { fase: 'ciclo' | 'valutazione' }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idPiano');
  const anno = requireNumber(v, 'anno');
  const entries: ScadenzaRecord[] = [];
  if (job.customHeaders.fase === 'ciclo') {
    // F3: 31 January, or 30 days after the budget term when a decree defers it (art. 8 c.2 DM 132/2022).
    let piao;
    try {
      piao = computePiaoDeadline(anno, optionalDate(v, 'termineBilancioPrevisione'));
    } catch (e) {
      if (e instanceof DomainValidationError) throw new WorkerInputError('termineBilancioPrevisione', e.message);
      throw e;
    }
    entries.push(scadenza('scadenzaPiao', piao));
    entries.push(scadenza('fineAnnoFormativo', computeAnnualMonitoringDate(anno)));
  } else if (job.customHeaders.fase === 'valutazione') {
    const today = romeToday(ctx.now());
    const due = new ItalianCalendar().rollForward(Temporal.PlainDate.from(today).add({ days: SCHEDE_DAYS }).toString());
    entries.push(scadenza('scadenzaValutazioni', {
      kind: 'monitoraggio-annuale-formazione', startDate: today, dueDate: due, days: SCHEDE_DAYS, dayCount: 'calendar',
      nature: 'ordinatorio', limit: 'notAfter', legalSource: 'convenzione Provincia-Comuni (termine interno, non di legge)',
    }));
  } else {
    throw new WorkerInputError('fase', `fase '${String(job.customHeaders.fase)}' sconosciuta`);
  }
  await auditDeadlines(ctx, job, id, entries);
  return job.complete(deadlineVariables(v.scadenze, entries));
});

export const aggiornaDizionario = handler<{ idPiano: string }>(async (job) => {
  requireString(job.variables, 'idPiano');
  return job.complete({ dizionarioCompetenze: DIZIONARIO_COMPETENZE as never, versioneDizionario: DIZIONARIO_VERSIONE });
});

/** F1: each employee's profile against the dictionary; unknown profiles are flagged, not guessed. */
export const generaMappaProfili = handler<{ dipendenti: Dipendente[]; comune: { codiceIstat: string } }>(async (job) => {
  const dipendenti = requireArray<Dipendente>(job.variables, 'dipendenti');
  const mappaProfili = dipendenti.map((d) => ({
    codiceFiscale: d.codiceFiscale, profilo: normalizeProfile(d.profilo),
    competenzeAttese: DIZIONARIO_COMPETENZE[normalizeProfile(d.profilo)] ?? null,
  }));
  return job.complete({ mappaProfili: mappaProfili as never });
});

interface ValutazioneIn {
  idPiano: string;
  dipendente: Dipendente;
  comune?: { codiceIstat: string };
  autovalutazione?: Record<string, number>;
  competenzeValutate?: { competenza: string; livello: string | number }[];
}

/** F2: the assessment card of one employee (self from Syllabus, manager's), kept for the aggregation. */
export const registraValutazione = handler<ValutazioneIn>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idPiano');
  const d = requireObject<Dipendente>(v, 'dipendente');
  const etero = Object.fromEntries((v.competenzeValutate ?? []).map((c) => [c.competenza, Number(c.livello)]));
  const scheda = { codiceFiscale: d.codiceFiscale, codiceIstat: v.comune?.codiceIstat ?? '', auto: v.autovalutazione ?? {}, etero };
  await once(ctx.knex, `valutazione:${id}:${d.codiceFiscale}`, { taskType: job.type, jobKey: String(job.key), at: ctx.now() }, async () => scheda);
  return job.complete({ schedaValutazione: scheda as never });
});

interface Scheda { codiceFiscale: string; codiceIstat: string; auto: Record<string, number>; etero: Record<string, number> }

export const aggregaValutazioni = handler<{ idPiano: string; dipendenti: Dipendente[] }>(async (job, ctx) => {
  const id = requireString(job.variables, 'idPiano');
  const dipendenti = requireArray<Dipendente>(job.variables, 'dipendenti');
  const schede: Scheda[] = [];
  for (const d of dipendenti) {
    const row = (await ctx.knex('worker_effects').where({ effect_key: `valutazione:${id}:${d.codiceFiscale}`, state: 'done' }).first()) as { result: string } | undefined;
    if (row) schede.push(JSON.parse(row.result) as Scheda);
  }
  return job.complete({ schedeValutazione: schede as never, valutazioniMancanti: dipendenti.filter((d) => !schede.some((s) => s.codiceFiscale === d.codiceFiscale)).map((d) => d.codiceFiscale) });
});

/**
 * F3: gaps between expected and assessed levels (the lower of self and manager's assessment counts).
 * An employee whose profile is not in the dictionary stops the computation: PROFILI_INCOMPLETI.
 */
export const calcolaFabbisogni = handler<{ idPiano: string; dipendenti: Dipendente[]; schedeValutazione?: Scheda[]; comune: { codiceIstat: string } }>(async (job) => {
  const v = job.variables;
  const dipendenti = requireArray<Dipendente>(v, 'dipendenti');
  const unmapped = dipendenti.filter((d) => !DIZIONARIO_COMPETENZE[normalizeProfile(d.profilo)]);
  if (unmapped.length > 0) {
    throw new BusinessError(ErrorCode.PROFILI_INCOMPLETI, `Profili non mappati nel dizionario: ${unmapped.map((d) => `${d.nominativo} (${d.profilo})`).join(', ')}`, { profiliNonMappati: unmapped.map((d) => d.codiceFiscale) });
  }
  const fabbisogni = dipendenti.map((d) => {
    const attese = DIZIONARIO_COMPETENZE[normalizeProfile(d.profilo)];
    const scheda = (v.schedeValutazione ?? []).find((s) => s.codiceFiscale === d.codiceFiscale);
    const gaps = Object.entries(attese).map(([competenza, atteso]) => {
      const levels = [scheda?.auto?.[competenza], scheda?.etero?.[competenza]].filter((n): n is number => typeof n === 'number');
      const rilevato = levels.length ? Math.min(...levels) : 0;
      return { competenza, atteso, rilevato, scostamento: Math.max(0, atteso - rilevato) };
    }).filter((g) => g.scostamento > 0);
    return { codiceFiscale: d.codiceFiscale, nominativo: d.nominativo, fabbisogni: gaps };
  });
  dipendenti.forEach((d, i) => (d.ruoliSicurezza ?? []).forEach((r, j) => {
    if (!(SAFETY_ROLES as readonly string[]).includes(r)) throw new WorkerInputError(`dipendenti[${i}].ruoliSicurezza[${j}]`, `ruolo per la sicurezza sconosciuto '${String(r)}'`);
  }));
  const reportFabbisogno = {
    codiceIstat: v.comune?.codiceIstat ?? '',
    dipendenti: dipendenti.map(({ codiceFiscale, nominativo, email, ruoliSicurezza, dataAssunzione }) => ({
      codiceFiscale, nominativo, email, ...(ruoliSicurezza?.length ? { ruoliSicurezza } : {}), ...(dataAssunzione ? { dataAssunzione } : {}),
    })),
    fabbisogni,
  };
  return job.complete({ reportFabbisogno: reportFabbisogno as never });
});
