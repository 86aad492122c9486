import { Temporal } from 'temporal-polyfill';
import {
  computeBandoApplicationDeadline,
  computeRiservePosti,
  DomainValidationError,
  examDayObstacle,
  RISERVA_LABEL,
  type RiservaRichiesta,
  type RiservePlan,
  computeConclusioneConcorsoDeadline,
  computeMobilita34BisWait,
  computeProvaEarliestDate,
  computeRispostaPropostaDeadline,
  DEFAULT_RISPOSTA_PROPOSTA_DAYS,
  LIMITE_IDONEI_SOURCE,
  LIMITE_RISERVE_SOURCE,
} from '../../src/domain/index.js';
import { auditDeadlines, deadlineVariables, scadenza, type ScadenzaRecord } from '../shared/deadlines.js';
import { produceDocument } from '../shared/documents.js';
import { WorkerInputError } from '../shared/errors.js';
import { recordPublication } from '../shared/publication.js';
import { handler } from '../shared/TaskHandler.js';
import { quando } from '../shared/italianDate.js';
import { officeCalendar } from '../shared/officeCalendars.js';
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

/** S2 wait and S9–S14 notices: deadlines of the concorso from the domain rules. */
export const calcolaScadenzeSelezione = handler<{ idConcorso: string; scadenze?: ScadenzaRecord[]; dataComunicazioneMobilita?: string; dataPreselezione?: string; dataProvaScritta?: string; dataProvaOrale?: string; termineRispostaGiorni?: number }, { fase: 'mobilita' | 'prove' | 'proposta'; termineRispostaGiorni?: string }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idConcorso');
  const entries: ScadenzaRecord[] = [];
  // The selection office sits at the Provincia's seat: its calendar, with the seat's patron day.
  const PROVINCIA_CALENDAR = await officeCalendar(ctx, { kind: 'provincia' });
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
      // Art. 6 DPR 487: no test on a festivo or a Jewish or Waldensian holiday; the error names the day.
      const obstacle = examDayObstacle(PROVINCIA_CALENDAR, date, name);
      if (obstacle) throw new WorkerInputError(name, `la prova ${prova} non può svolgersi il ${quando(date)}: ${obstacle.name} (${obstacle.legalSource})`);
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
  /** Reserves stated by the bando (form list): category and posts (forze armate: empty for the 30%). */
  riservePosti?: { categoria?: string; posti?: number | null }[];
  /** 'F' or 'M' when the bando declares a gender gap above 30% in the profile (art. 6 DPR 487/1994). */
  genereMenoRappresentato?: string;
  /** The bando applies the idonei limit of art. 35 c.5-ter D.Lgs. 165/2001. */
  limiteIdonei?: boolean;
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
  const termine = computeBandoApplicationDeadline(await officeCalendar(ctx, { kind: 'provincia' }), today, window);
  const posti = requireArray<PostiComune>(v, 'postiPerComune');
  const riserve = riservePlan(posti.reduce((n, p) => n + p.numeroPosti, 0), v.riservePosti);
  const genere = v.genereMenoRappresentato === 'F' || v.genereMenoRappresentato === 'M' ? v.genereMenoRappresentato : undefined;
  if (v.genereMenoRappresentato && !genere) throw new WorkerInputError('genereMenoRappresentato', `atteso F, M o vuoto, ricevuto ${JSON.stringify(v.genereMenoRappresentato)}`);
  const nomi = new Map(await Promise.all([...new Set(posti.map((p) => p.codiceIstat))].map(async (c) => [c, (await findComune(ctx, c))?.nome] as const)));
  const bando = await produceDocument(ctx, job, {
    kind: 'bando', businessKey: id,
    title: `Bando di concorso pubblico associato ${id}`,
    subtitle: `Determina n. ${requireString(v, 'numeroDetermina')} – concorso per ${requireString(v, 'tipoConcorso') === 'titoli-ed-esami' ? 'titoli ed esami' : requireString(v, 'tipoConcorso')}`,
    sections: [
      { heading: 'Posti messi a concorso', lines: posti.map((p) => `Comune di ${nomi.get(p.codiceIstat) ?? p.codiceIstat}: ${p.numeroPosti} posto/i di ${p.profilo} (area ${p.area})`) },
      { heading: 'Requisiti', lines: [requireString(v, 'requisiti')] },
      { heading: 'Riserve e titoli di preferenza', lines: [
        ...riserveLines(riserve),
        ...(genere ? [`A parità di merito e di titoli è preferito il genere meno rappresentato nel profilo (${genere === 'F' ? 'femminile' : 'maschile'}): differenziale superiore al 30 per cento (art. 6 DPR 487/1994 come modificato dal DPR 82/2023).`] : []),
        ...(v.limiteIdonei === true ? [`Sono idonei, oltre ai vincitori, i candidati collocati entro il 20 per cento dei posti messi a concorso (${LIMITE_IDONEI_SOURCE}).`] : []),
        v.riserveEPreferenze || 'Titoli di preferenza: art. 5 DPR 487/1994 come modificato dal DPR 82/2023.',
      ] },
      { heading: 'Domande', lines: [`Tramite il portale inPA entro il ${quando(termine.dueDate)} (${termine.legalSource}). Termine perentorio.`] },
    ],
  });
  const pubblicazione = await recordPublication(ctx, job, {
    tipo: 'bando', businessKey: id, titolo: `Bando ${id}`, sha256: bando.sha256,
    canali: ['inpa', 'albo-pretorio', 'amministrazione-trasparente'],
  });
  const entries = [scadenza('scadenzaDomande', termine)];
  await auditDeadlines(ctx, job, id, entries);
  return job.complete({
    documentoBando: bando, pubblicazioneBando: pubblicazione, riserve: riserve as never,
    genereMenoRappresentato: genere ?? null, limiteIdonei: v.limiteIdonei === true, ...deadlineVariables(v.scadenze, entries),
  });
});

/** S3: the reserves of the bando within half of the posts (art. 5 DPR 487/1994); bad rows name their index. */
function riservePlan(postiTotali: number, rows: BandoIn['riservePosti']): RiservePlan {
  const richieste: RiservaRichiesta[] = (Array.isArray(rows) ? rows : [])
    .filter((r) => r && typeof r.categoria === 'string' && r.categoria !== '')
    .map((r) => ({ categoria: r.categoria as RiservaRichiesta['categoria'], ...(typeof r.posti === 'number' ? { posti: r.posti } : {}) }));
  try {
    return computeRiservePosti(postiTotali, richieste);
  } catch (e) {
    if (e instanceof DomainValidationError) throw new WorkerInputError('riservePosti', e.message);
    throw e;
  }
}

function riserveLines(plan: RiservePlan): string[] {
  if (plan.riserve.length === 0) return [];
  return [
    ...plan.riserve.map((r) => `Posti riservati a ${RISERVA_LABEL[r.categoria]}: ${r.posti}${r.posti !== r.richiesti ? ` (ridotti da ${r.richiesti})` : ''}${r.frazione ? `; la frazione di ${String(r.frazione).replace('.', ',')} posto si cumula con i concorsi successivi` : ''} (${r.legalSource}).`),
    `Le riserve non superano complessivamente la metà dei posti messi a concorso (${plan.limite} su ${plan.postiTotali})${plan.ridotte ? ' e sono state ridotte in misura proporzionale' : ''} (${LIMITE_RISERVE_SOURCE}).`,
  ];
}


function termineRisposta(variable: unknown, header: string | undefined): number {
  if (variable !== undefined && variable !== null && variable !== '') {
    if (typeof variable !== 'number' || !Number.isInteger(variable) || variable < 1) throw new WorkerInputError('termineRispostaGiorni', `atteso un numero intero di giorni ≥ 1, ricevuto ${JSON.stringify(variable)}`);
    return variable;
  }
  const fromHeader = header === undefined ? NaN : Number(header);
  return Number.isInteger(fromHeader) && fromHeader >= 1 ? fromHeader : DEFAULT_RISPOSTA_PROPOSTA_DAYS;
}
