import { Temporal } from 'temporal-polyfill';
import {
  computeBandoApplicationDeadline,
  computeConclusioneConcorsoDeadline,
  computeMobilita34BisWait,
  computeProvaEarliestDate,
  computeRispostaPropostaDeadline,
  DEFAULT_RISPOSTA_PROPOSTA_DAYS,
  ItalianCalendar,
} from '../../src/domain/index.js';
import { auditDeadlines, deadlineVariables, scadenza, type ScadenzaRecord } from '../shared/deadlines.js';
import { produceDocument } from '../shared/documents.js';
import { WorkerInputError } from '../shared/errors.js';
import { recordPublication } from '../shared/publication.js';
import { handler } from '../shared/TaskHandler.js';
import { quando } from '../shared/italianDate.js';
import { findComune } from '../shared/recipients.js';
import { optionalDate, requireArray, requireDate, requireString, romeToday } from '../shared/variables.js';

export interface RichiestaPosti {
  profilo: string;
  area: string;
  numeroPosti: number;
  pecComune?: string;
}

export interface PostiComune {
  codiceIstat: string;
  profilo: string;
  area: string;
  numeroPosti: number;
}

/** S1: the posts each Comune declared (multi-instance output `richiestePosti`), summed per profile. */
export const aggregaFabbisogno = handler<{ idConcorso: string; richiestePosti: unknown[]; comuniAderenti: { codiceIstat: string }[] }>(async (job) => {
  const v = job.variables;
  requireString(v, 'idConcorso');
  const comuni = requireArray<{ codiceIstat: string }>(v, 'comuniAderenti');
  const richieste = requireArray<unknown>(v, 'richiestePosti');
  const postiPerComune: PostiComune[] = [];
  richieste.forEach((entry, i) => {
    // Each Comune's answer is the form's list `richiestaPosti` (or one object).
    const items = (Array.isArray(entry) ? entry : entry ? [entry] : []) as Partial<RichiestaPosti>[];
    for (const item of items) {
      if (typeof item.profilo !== 'string' || typeof item.numeroPosti !== 'number' || item.numeroPosti < 0) {
        throw new WorkerInputError(`richiestePosti[${i}]`, `profilo e numeroPosti (intero ≥ 0) richiesti, ricevuto ${JSON.stringify(item)}`);
      }
      postiPerComune.push({ codiceIstat: comuni[i]?.codiceIstat ?? '', profilo: item.profilo, area: item.area ?? '', numeroPosti: item.numeroPosti });
    }
  });
  const postiTotali = postiPerComune.reduce((n, p) => n + p.numeroPosti, 0);
  const profiliRichiesti = [...new Set(postiPerComune.map((p) => `${p.profilo} (${p.area})`))].join(', ');
  return job.complete({ postiPerComune, postiTotali, postiResidui: postiTotali, profiliRichiesti });
});

/** S2 (mobility assigned staff): the posts covered by mobility are taken off, Comune by Comune. */
export const aggiornaPosti = handler<{ postiPerComune: PostiComune[]; esitoMobilita?: { codiceIstat: string; postiCoperti: number }[] }>(async (job) => {
  const posti = requireArray<PostiComune>(job.variables, 'postiPerComune').map((p) => ({ ...p }));
  const coperti = Array.isArray(job.variables.esitoMobilita) ? job.variables.esitoMobilita : [];
  for (const c of coperti) {
    const target = posti.find((p) => p.codiceIstat === c.codiceIstat && p.numeroPosti > 0);
    if (target) target.numeroPosti = Math.max(0, target.numeroPosti - Number(c.postiCoperti ?? 0));
  }
  const postiResidui = posti.reduce((n, p) => n + p.numeroPosti, 0);
  return job.complete({ postiPerComune: posti, postiResidui, postiTotali: postiResidui });
});

const PROVINCIA_CALENDAR = new ItalianCalendar();

/** S2 wait and S9–S14 notices: deadlines of the concorso from the domain rules. */
export const calcolaScadenzeSelezione = handler<{ idConcorso: string; scadenze?: ScadenzaRecord[]; dataComunicazioneMobilita?: string; dataPreselezione?: string; dataProvaScritta?: string; dataProvaOrale?: string; termineRispostaGiorni?: number }, { fase: 'mobilita' | 'prove' | 'proposta'; termineRispostaGiorni?: string }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idConcorso');
  const entries: ScadenzaRecord[] = [];
  if (job.customHeaders.fase === 'mobilita') {
    const notice = optionalDate(v, 'dataComunicazioneMobilita') ?? romeToday(ctx.now());
    entries.push(scadenza('scadenzaMobilita', computeMobilita34BisWait(PROVINCIA_CALENDAR, notice)));
  } else if (job.customHeaders.fase === 'prove') {
    // The calendar is published today (verbale n. 1): each test must respect its minimum notice.
    const today = romeToday(ctx.now());
    const checks: [string, 'preselezione' | 'scritta' | 'orale'][] = [['dataProvaScritta', 'scritta'], ['dataProvaOrale', 'orale']];
    if (v.dataPreselezione) checks.unshift(['dataPreselezione', 'preselezione']);
    for (const [name, prova] of checks) {
      const date = requireDate(v, name);
      const earliest = computeProvaEarliestDate(PROVINCIA_CALENDAR, prova, today);
      if (Temporal.PlainDate.compare(date, earliest.dueDate) < 0) {
        throw new WorkerInputError(name, `la prova ${prova} del ${date} non rispetta il preavviso: non prima del ${earliest.dueDate} (${earliest.legalSource})`);
      }
      entries.push(scadenza(`preavviso${prova[0].toUpperCase()}${prova.slice(1)}`, earliest));
    }
    entries.push(scadenza('scadenzaConclusioneConcorso', computeConclusioneConcorsoDeadline(PROVINCIA_CALENDAR, requireDate(v, 'dataProvaScritta'))));
  } else if (job.customHeaders.fase === 'proposta') {
    // S17: no term in the domain notes; the Provincia's own term for the request, else the model's
    // header, else the domain default (all marked to verify in the deadline itself).
    const days = termineRisposta(v.termineRispostaGiorni, job.customHeaders.termineRispostaGiorni);
    entries.push(scadenza('scadenzaRispostaProposta', computeRispostaPropostaDeadline(PROVINCIA_CALENDAR, romeToday(ctx.now()), days)));
  } else {
    throw new WorkerInputError('fase', `fase '${String(job.customHeaders.fase)}' sconosciuta`);
  }
  await auditDeadlines(ctx, job, id, entries);
  return job.complete(deadlineVariables(v.scadenze, entries));
});

interface BandoIn {
  idConcorso: string;
  numeroDetermina: string;
  tipoConcorso: string;
  dataChiusuraBando: string;
  requisiti: string;
  riserveEPreferenze?: string;
  postiPerComune: PostiComune[];
  scadenze?: ScadenzaRecord[];
}

/**
 * S3–S4: the bando as PDF, published on inPA, the albo and Amministrazione trasparente. The closing
 * date must leave the minimum window from publication (art. 4 DPR 487/1994 as amended).
 */
export const pubblicaBando = handler<BandoIn>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idConcorso');
  const chiusura = requireDate(v, 'dataChiusuraBando');
  const today = romeToday(ctx.now());
  const window = Temporal.PlainDate.from(today).until(chiusura, { largestUnit: 'days' }).days;
  if (window < 15) throw new WorkerInputError('dataChiusuraBando', `il termine del ${chiusura} lascia ${window} giorni dalla pubblicazione (${today}): il minimo è 15 (art. 4, c. 1, DPR 487/1994)`);
  const termine = computeBandoApplicationDeadline(PROVINCIA_CALENDAR, today, window);
  const posti = requireArray<PostiComune>(v, 'postiPerComune');
  const nomi = new Map(await Promise.all([...new Set(posti.map((p) => p.codiceIstat))].map(async (c) => [c, (await findComune(ctx, c))?.nome] as const)));
  const bando = await produceDocument(ctx, job, {
    kind: 'bando', businessKey: id,
    title: `Bando di concorso pubblico associato ${id}`,
    subtitle: `Determina n. ${requireString(v, 'numeroDetermina')} – concorso per ${requireString(v, 'tipoConcorso') === 'titoli-ed-esami' ? 'titoli ed esami' : requireString(v, 'tipoConcorso')}`,
    sections: [
      { heading: 'Posti messi a concorso', lines: posti.map((p) => `Comune di ${nomi.get(p.codiceIstat) ?? p.codiceIstat}: ${p.numeroPosti} posto/i di ${p.profilo} (area ${p.area})`) },
      { heading: 'Requisiti', lines: [requireString(v, 'requisiti')] },
      { heading: 'Riserve e titoli di preferenza', lines: [v.riserveEPreferenze ?? 'Art. 5 DPR 487/1994 come modificato dal DPR 82/2023.'] },
      { heading: 'Domande', lines: [`Tramite il portale inPA entro il ${quando(termine.dueDate)} (${termine.legalSource}). Termine perentorio.`] },
    ],
  });
  const pubblicazione = await recordPublication(ctx, job, {
    tipo: 'bando', businessKey: id, titolo: `Bando ${id}`, sha256: bando.sha256,
    canali: ['inpa', 'albo-pretorio', 'amministrazione-trasparente'],
  });
  const entries = [scadenza('scadenzaDomande', termine)];
  await auditDeadlines(ctx, job, id, entries);
  return job.complete({ documentoBando: bando, pubblicazioneBando: pubblicazione, ...deadlineVariables(v.scadenze, entries) });
});


function termineRisposta(variable: unknown, header: string | undefined): number {
  if (variable !== undefined && variable !== null && variable !== '') {
    if (typeof variable !== 'number' || !Number.isInteger(variable) || variable < 1) throw new WorkerInputError('termineRispostaGiorni', `atteso un numero intero di giorni ≥ 1, ricevuto ${JSON.stringify(variable)}`);
    return variable;
  }
  const fromHeader = header === undefined ? NaN : Number(header);
  return Number.isInteger(fromHeader) && fromHeader >= 1 ? fromHeader : DEFAULT_RISPOSTA_PROPOSTA_DAYS;
}
