import { ErrorCode } from '../../processes/generated/task-types.js';
import {
  checkCommissione, computeGraduatoriaValidity, computeIdoneiLimit, GraduatoriaRanker, matchingProfilo, PROFILO_SCORRIMENTO_SOURCE, selectVincitori,
  type CandidateResult, type ExclusionReason, type Graduatoria, type IdoneiLimit, type RiservaCategoria, type RiservePlan, type TieBreak,
} from '../../src/domain/index.js';
import { inspectCodiceFiscale } from '../shared/codiceFiscale.js';
import { auditDeadlines, deadlineVariables, scadenza, type ScadenzaRecord } from '../shared/deadlines.js';
import { produceDocument } from '../shared/documents.js';
import { BusinessError, WorkerInputError } from '../shared/errors.js';
import { requireComune } from '../shared/recipients.js';
import { recordPublication } from '../shared/publication.js';
import { handler } from '../shared/TaskHandler.js';
import { requireArray, requireDate, requireString } from '../shared/variables.js';
import type { Candidato } from './domande.js';
import type { PostiComune } from './planning.js';

interface Componente {
  nominativo: string;
  codiceFiscale: string;
  ruolo: 'presidente' | 'componente' | 'segretario';
  genere: 'F' | 'M';
  email: string;
  /** The art. 35-bis declaration (no conviction for crimes against the PA), signed in the appointment form. */
  dichiarazione35bis?: boolean;
}

/**
 * S7: the board as the law wants it (checkCommissione: a chair, at least two experts, at least one
 * third women, art. 57 c.1 lett. a; everyone's art. 35-bis declaration), valid codici fiscali,
 * nobody who is also a candidate. A board that fails is COMMISSIONE_NON_CONFORME: the model goes
 * back to the appointment.
 */
export const verificaCommissione = handler<{ idConcorso: string; componentiCommissione: Componente[]; ammessi?: Candidato[]; motivazioneQuotaGenere?: string }>(async (job) => {
  const componenti = requireArray<Componente>(job.variables, 'componentiCommissione');
  const check = checkCommissione(componenti, job.variables.motivazioneQuotaGenere);
  const problems: string[] = [...check.problems];
  for (const c of componenti) if (!inspectCodiceFiscale(c.codiceFiscale).valid) problems.push(`codice fiscale non valido per ${c.nominativo}`);
  const candidati = new Set((job.variables.ammessi ?? []).map((a) => a.codiceFiscale));
  for (const c of componenti) if (candidati.has(String(c.codiceFiscale).toUpperCase())) problems.push(`${c.nominativo} è candidato del concorso`);
  if (problems.length > 0) throw new BusinessError(ErrorCode.COMMISSIONE_NON_CONFORME, `Commissione non conforme: ${problems.join('; ')}`, { esitoVerificaCommissione: problems });
  return job.complete({ esitoVerificaCommissione: [] as string[], commissioneDonne: check.donne, commissioneDeroga: check.deroga });
});

/** S9: the contractor's results are imported; candidates under the cut-off do not sit the written test. */
export const eseguiPreselezione = handler<{ ammessi: Candidato[]; esitiPreselezione?: { codiceFiscale: string; superata: boolean }[] }>(async (job) => {
  const ammessi = requireArray<Candidato>(job.variables, 'ammessi');
  const esiti = job.variables.esitiPreselezione;
  if (!Array.isArray(esiti)) throw new WorkerInputError('esitiPreselezione', 'gli esiti della preselezione non sono stati caricati');
  const passed = new Set(esiti.filter((e) => e.superata).map((e) => e.codiceFiscale));
  return job.complete({ ammessi: ammessi.filter((a) => passed.has(a.codiceFiscale)) as never });
});

/**
 * S10: anonymity is lifted only now, after every paper is marked: codes are matched to candidates
 * from the app database, where they were kept away from the board.
 */
export const abbinaElaborati = handler<{ idConcorso: string; votiScritta: { codiceElaborato: string; voto: number }[]; ammessi: Candidato[] }>(async (job, ctx) => {
  const id = requireString(job.variables, 'idConcorso');
  const voti = requireArray<{ codiceElaborato: string; voto: number }>(job.variables, 'votiScritta');
  const rows = (await ctx.knex('applications').where({ concorso_id: id }).select('codice_fiscale', 'codice_elaborato')) as { codice_fiscale: string; codice_elaborato: string | null }[];
  const byCode = new Map(rows.filter((r) => r.codice_elaborato).map((r) => [r.codice_elaborato as string, r.codice_fiscale]));
  const unknown = voti.filter((v) => !byCode.has(v.codiceElaborato));
  if (unknown.length > 0) throw new WorkerInputError('votiScritta', `codici elaborato sconosciuti: ${unknown.map((u) => u.codiceElaborato).join(', ')}`);
  const votiScrittaAbbinati = voti.map((v) => ({ codiceFiscale: byCode.get(v.codiceElaborato) as string, voto: v.voto }));
  const ammessi = requireArray<Candidato>(job.variables, 'ammessi');
  const ammessiOrale = ammessi.filter((a) => votiScrittaAbbinati.some((v) => v.codiceFiscale === a.codiceFiscale && v.voto >= 21));
  return job.complete({ votiScrittaAbbinati, ammessiOrale: ammessiOrale as never });
});

interface GraduatoriaIn {
  idConcorso: string;
  ammessi: Candidato[];
  votiScrittaAbbinati: { codiceFiscale: string; voto: number }[];
  votiOrale?: { codiceFiscale: string; voto: number }[];
  punteggiTitoli?: { codiceFiscale: string; punteggio: number }[];
  punteggiIntegrati?: { codiceFiscale: string; prova: 'scritta' | 'orale' | 'titoli'; punteggio: number }[];
  tipoConcorso?: string;
  genereMenoRappresentato?: 'F' | 'M' | null;
}

/**
 * S13: graduatoria di merito by GraduatoriaRanker (score, then preference titles of art. 5 DPR 487,
 * then age). A candidate admitted to the oral without a mark makes the scores incomplete.
 */
export const calcolaGraduatoria = handler<GraduatoriaIn>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idConcorso');
  const ammessi = requireArray<Candidato>(v, 'ammessi');
  const integrati = v.punteggiIntegrati ?? [];
  const mark = (list: { codiceFiscale: string; voto?: number; punteggio?: number }[] | undefined, prova: string, cf: string): number | undefined => {
    const fix = integrati.find((p) => p.codiceFiscale === cf && p.prova === prova);
    if (fix) return fix.punteggio;
    const found = (list ?? []).find((e) => e.codiceFiscale === cf);
    return found ? (found.voto ?? found.punteggio) : undefined;
  };
  const missing: string[] = [];
  const candidates: CandidateResult[] = [];
  for (const a of ammessi) {
    const written = mark(v.votiScrittaAbbinati, 'scritta', a.codiceFiscale);
    if (written === undefined) continue; // did not sit the written test
    const oral = written >= 21 ? mark(v.votiOrale, 'orale', a.codiceFiscale) : undefined;
    if (written >= 21 && oral === undefined) missing.push(`${a.codiceFiscale} (orale)`);
    const titoli = v.tipoConcorso === 'titoli-ed-esami' ? mark(v.punteggiTitoli, 'titoli', a.codiceFiscale) : undefined;
    if (v.tipoConcorso === 'titoli-ed-esami' && titoli === undefined) missing.push(`${a.codiceFiscale} (titoli)`);
    candidates.push({
      id: a.codiceFiscale, birthDate: a.dataNascita, ...(a.genere ? { gender: a.genere } : {}),
      writtenScores: [written], ...(oral !== undefined ? { oralScore: oral } : {}), ...(titoli !== undefined ? { titoliScore: titoli } : {}),
      ...(a.titoliPreferenza ? { preferenceTitles: a.titoliPreferenza } : {}),
    });
  }
  if (missing.length > 0) throw new BusinessError(ErrorCode.PUNTEGGI_INCOMPLETI, `Punteggi mancanti: ${missing.join(', ')}`, { punteggiMancanti: missing });
  // The under-represented gender decides a tie only when the bando declared it (art. 6 DPR 487/1994).
  const genere = v.genereMenoRappresentato === 'F' || v.genereMenoRappresentato === 'M' ? v.genereMenoRappresentato : undefined;
  const graduatoria: Graduatoria = new GraduatoriaRanker(genere ? { underrepresentedGender: genere } : {}).rank(candidates);
  const names = new Map(ammessi.map((a) => [a.codiceFiscale, a.nominativo]));
  const documento = await produceDocument(ctx, job, {
    kind: 'graduatoria', businessKey: id, title: `Graduatoria di merito – concorso ${id}`,
    subtitle: 'Art. 5 e 7 DPR 487/1994 come modificato dal DPR 82/2023 (proposta della commissione)',
    sections: [
      { heading: 'Graduatoria', lines: graduatoria.ranked.map((e) => `${e.position}. ${names.get(e.candidateId) ?? ''} (${e.candidateId}) – ${e.total}${e.aheadOfNext && e.aheadOfNext.rule !== 'punteggio' ? ` [${precedenza(e.aheadOfNext)}]` : ''}`) },
      { heading: 'Non idonei', lines: graduatoria.excluded.map((x) => `${names.get(x.candidateId) ?? ''} (${x.candidateId}): ${esclusione(x.reason)}`) },
    ],
  });
  return job.complete({ graduatoria: JSON.parse(JSON.stringify(graduatoria)), documentoGraduatoria: documento });
});

/** S14 and S17: publication of the approved graduatoria and the start of its validity. */
export const pubblicaGraduatoria = handler<{ idConcorso: string; dataApprovazione: string; documentoGraduatoria?: { sha256: string }; scadenze?: ScadenzaRecord[]; limiteIdonei?: boolean; postiPerComune?: PostiComune[] }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idConcorso');
  const pubblicazione = await recordPublication(ctx, job, {
    tipo: 'graduatoria', businessKey: id, titolo: `Graduatoria approvata – concorso ${id}`, sha256: v.documentoGraduatoria?.sha256,
    canali: ['inpa', 'albo-pretorio', 'amministrazione-trasparente'],
  });
  const approvazione = requireDate(v, 'dataApprovazione');
  const entries = [scadenza('scadenzaGraduatoria', computeGraduatoriaValidity(approvazione))];
  await auditDeadlines(ctx, job, id, entries);
  const posti = (v.postiPerComune ?? []).reduce((n, p) => n + p.numeroPosti, 0);
  const idonei = posti > 0 ? computeIdoneiLimit(posti, { applies: v.limiteIdonei === true, approvalDate: approvazione }) : undefined;
  // The open questions of the idonei limit (idonei.ts) stay in the code, not in the case data.
  const limite = idonei ? { applies: idonei.applies, legalSource: idonei.legalSource, ...(idonei.maxIdonei !== undefined ? { maxIdonei: idonei.maxIdonei } : {}) } : undefined;
  return job.complete({ pubblicazioneGraduatoria: pubblicazione, ...(limite ? { limiteIdoneiGraduatoria: limite } : {}), ...deadlineVariables(v.scadenze, entries) });
});

export interface Assegnazione {
  codiceIstat: string;
  codiceFiscale: string;
  nominativo: string;
  posizione: number;
  profilo: string;
  email?: string;
  /** S15: 'merito', or the reserve whose post the winner takes (art. 5 DPR 487/1994). */
  titolo?: 'merito' | RiservaCategoria;
}

type AssegnaIn = {
  graduatoria: Graduatoria; postiPerComune: PostiComune[]; ammessi: Candidato[]; assegnazioni?: Assegnazione[];
  riserve?: RiservePlan; limiteIdoneiGraduatoria?: Pick<IdoneiLimit, 'applies' | 'maxIdonei' | 'legalSource'>;
  assegnazioniScorrimento?: Assegnazione[]; postiDaCoprire?: number;
  richiestaScorrimento?: { codiceIstat: string; numeroPosti: number; profilo?: string };
};

/**
 * S15 / S17: winners in merit order fill the Comuni's posts (the convenzione's rule: the Comuni in
 * the order they joined, each post to the best placed candidate not yet assigned); scorrimento takes
 * the next ones for the requesting Comune, and 'sostituzione' the next ones again for the posts that
 * were refused. Whoever had an offer (`assegnazioniScorrimento`, accepted or not) is not offered again.
 */
export const assegnaVincitori = handler<AssegnaIn, { modalita: 'vincitori' | 'scorrimento' | 'sostituzione' }>(async (job, ctx) => {
  const v = job.variables;
  const graduatoria = v.graduatoria;
  if (!graduatoria || !Array.isArray(graduatoria.ranked)) throw new WorkerInputError('graduatoria', 'mancante');
  const byCf = new Map((v.ammessi ?? []).map((a) => [a.codiceFiscale, a]));
  const winners = new Set((v.assegnazioni ?? []).map((a) => a.codiceFiscale));
  const taken = new Set([...winners, ...(v.assegnazioniScorrimento ?? [])].map((a) => typeof a === 'string' ? a : a.codiceFiscale));
  const modalita = job.customHeaders.modalita;
  // S17: scorrimento reaches only the idonei within the limit of art. 35 c.5-ter when the bando applies it.
  const maxIdonei = modalita === 'vincitori' ? undefined : v.limiteIdoneiGraduatoria?.maxIdonei;
  const idonei = graduatoria.ranked.filter((e) => !winners.has(e.candidateId));
  const reachable = new Set((maxIdonei === undefined ? idonei : idonei.slice(0, maxIdonei)).map((e) => e.candidateId));
  const queue = graduatoria.ranked.filter((e) => !taken.has(e.candidateId) && (modalita === 'vincitori' || reachable.has(e.candidateId)));
  const toAssegnazione = (codiceIstat: string, profilo: string, next: Graduatoria['ranked'][number], titolo?: Assegnazione['titolo']): Assegnazione => {
    const c = byCf.get(next.candidateId);
    return { codiceIstat, codiceFiscale: next.candidateId, nominativo: c?.nominativo ?? '', posizione: next.position, profilo, ...(c?.email ? { email: c.email } : {}), ...(titolo ? { titolo } : {}) };
  };
  const pick = (codiceIstat: string, profilo: string): Assegnazione | undefined => {
    const next = queue.shift();
    return next ? toAssegnazione(codiceIstat, profilo, next) : undefined;
  };
  if (modalita === 'scorrimento' || modalita === 'sostituzione') {
    const r = v.richiestaScorrimento;
    if (!r || typeof r.codiceIstat !== 'string' || typeof r.numeroPosti !== 'number') throw new WorkerInputError('richiestaScorrimento', 'codiceIstat e numeroPosti richiesti');
    if (!Number.isInteger(r.numeroPosti) || r.numeroPosti < 1) throw new WorkerInputError('richiestaScorrimento.numeroPosti', `atteso un intero positivo, ricevuto ${JSON.stringify(r.numeroPosti)}`);
    await requireComune(ctx, r.codiceIstat, 'richiestaScorrimento.codiceIstat');
    const profili = [...new Set((v.postiPerComune ?? []).map((p) => p.profilo))];
    if (modalita === 'scorrimento' && !matchingProfilo(String(r.profilo ?? ''), profili)) {
      const motivo = `il profilo richiesto (${r.profilo ? `“${r.profilo}”` : 'non indicato'}) non corrisponde a quello della graduatoria (${profili.join(', ')}): ${PROFILO_SCORRIMENTO_SOURCE}`;
      throw new BusinessError(ErrorCode.PROFILO_NON_CORRISPONDENTE, `Scorrimento non consentito: ${motivo}`, { motivazioneScorrimento: motivo });
    }
    // A new request starts its own count of posts, hires and refusals; a substitution continues it.
    const fresh = modalita === 'scorrimento';
    const posti = fresh ? r.numeroPosti : v.postiDaCoprire;
    if (typeof posti !== 'number' || !Number.isInteger(posti) || posti < 1) throw new WorkerInputError('postiDaCoprire', `atteso un intero positivo, ricevuto ${JSON.stringify(posti)}`);
    const nuove = Array.from({ length: posti }, () => pick(r.codiceIstat, r.profilo ?? '')).filter((a): a is Assegnazione => !!a);
    return job.complete({
      assegnazioniScorrimento: [...(v.assegnazioniScorrimento ?? []), ...nuove], ultimaAssegnazioneScorrimento: nuove,
      ...(fresh ? { postiDaCoprire: posti, assuntiRichiesta: [], rinunceRichiesta: [] } : {}),
    });
  }
  // S15: the winners, reserves first (art. 5 DPR 487/1994), then each Comune's posts in merit order.
  const postiComuni = requireArray<PostiComune>(v, 'postiPerComune');
  const totale = postiComuni.reduce((n, p) => n + p.numeroPosti, 0);
  const plan: RiservePlan = v.riserve ?? { postiTotali: totale, limite: Math.floor(totale / 2), riserve: [], ridotte: false };
  const ranked = queue.map((e) => ({ candidateId: e.candidateId, riserve: byCf.get(e.candidateId)?.riserve ?? [] }));
  const vincitori = selectVincitori(ranked, totale, plan);
  const assegnazioni: Assegnazione[] = [];
  let next = 0;
  for (const posto of postiComuni) {
    for (let i = 0; i < posto.numeroPosti && next < vincitori.length; i++, next++) {
      const w = vincitori[next];
      assegnazioni.push(toAssegnazione(posto.codiceIstat, posto.profilo, queue[w.rank - 1], w.titolo));
    }
  }
  return job.complete({ assegnazioni });
});

const voto = (n: number): string => String(n).replace('.', ',');

/** Why a candidate precedes the next at equal merit, as the published graduatoria says it (not the rule's code). */
export function precedenza(t: TieBreak): string {
  switch (t.rule) {
    case 'punteggio': return 'precede per punteggio';
    case 'titolo-preferenza': return `precede per titolo di preferenza: ${t.label}`;
    case 'genere-meno-rappresentato': return 'precede per appartenenza al genere meno rappresentato';
    case 'minore-eta': return 'precede per minore età';
    case 'ex-aequo': return 'a pari merito';
  }
}

/** Why a candidate is not idoneo, in words. */
export function esclusione(r: ExclusionReason): string {
  switch (r.rule) {
    case 'prova-scritta-insufficiente': return `prova scritta insufficiente (voto ${voto(r.score)}, minimo ${voto(r.passMark)})`;
    case 'prova-orale-non-sostenuta': return 'prova orale non sostenuta';
    case 'prova-orale-insufficiente': return `prova orale insufficiente (voto ${voto(r.score)}, minimo ${voto(r.passMark)})`;
  }
}
