import { Temporal } from 'temporal-polyfill';
import { ErrorCode } from '../../processes/generated/task-types.js';
import { RISERVA_CATEGORIE, type RiservaCategoria, type RiservePlan } from '../../src/domain/index.js';
import { inspectCodiceFiscale } from '../shared/codiceFiscale.js';
import { produceDocument } from '../shared/documents.js';
import { BusinessError, WorkerInputError } from '../shared/errors.js';
import { recordPublication } from '../shared/publication.js';
import { handler } from '../shared/TaskHandler.js';
import { requireInstant, requireObject, requireString } from '../shared/variables.js';

/** An application as the inPA portal sends it (message `selezione-domanda-candidato`, variable `domanda`). */
export interface Domanda {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  email: string;
  pec?: string;
  dataNascita?: string;
  genere?: 'F' | 'M';
  /** The candidate declared the requirements of the bando (DPR 445/2000 self-declaration). */
  dichiarazioneRequisiti?: boolean;
  /** When the portal received it (ISO date-time); defaults to the time of registration. */
  presentataIl?: string;
  titoliPreferenza?: Record<string, boolean | number>;
  /**
   * Reserve claimed (art. 5 DPR 487/1994): a category of the bando, a list of them, or true when the
   * bando has a single reserve. Stored as `riserve` (the categories).
   */
  riserva?: boolean | RiservaCategoria | RiservaCategoria[];
  riserve?: RiservaCategoria[];
  comunePreferito?: string;
}

interface ApplicationRow {
  concorso_id: string;
  codice_fiscale: string;
  job_key: string;
  data: string;
  received_at: string;
  codice_elaborato: string | null;
}

/**
 * S5: registers one application. Rejected with DOMANDA_NON_VALIDA (the model notifies the candidate
 * and keeps collecting): malformed codice fiscale, duplicate of the same person, received after the
 * closing time, missing declaration of the requirements.
 */
export const registraDomanda = handler<{ idConcorso: string; domanda: Domanda; dataChiusuraBando: string; riserve?: RiservePlan }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idConcorso');
  const domanda = requireObject<Domanda>(v, 'domanda');
  const reject = (motivo: string): never => {
    throw new BusinessError(ErrorCode.DOMANDA_NON_VALIDA, motivo, {
      domandaRigettata: { codiceFiscale: String(domanda.codiceFiscale ?? ''), email: String(domanda.email ?? ''), motivo },
    });
  };
  const cf = typeof domanda.codiceFiscale === 'string' ? domanda.codiceFiscale.trim().toUpperCase() : '';
  if (!inspectCodiceFiscale(cf).valid) reject(`codice fiscale non valido: '${String(domanda.codiceFiscale ?? '')}'`);
  const closing = requireInstant(v, 'dataChiusuraBando');
  const received = domanda.presentataIl ? requireInstant(domanda, 'presentataIl') : Temporal.Instant.fromEpochMilliseconds(ctx.now().getTime());
  if (Temporal.Instant.compare(received, closing) > 0) reject(`domanda presentata il ${received.toString()} dopo la chiusura dei termini (${closing.toString()})`);
  if (domanda.dichiarazioneRequisiti !== true) reject('manca la dichiarazione del possesso dei requisiti (DPR 445/2000)');
  if (!domanda.nome || !domanda.cognome || !domanda.email) reject('nome, cognome ed email sono obbligatori');
  const riserve = claimedRiserve(domanda.riserva, v.riserve, reject);

  const existing = (await ctx.knex('applications').where({ concorso_id: id, codice_fiscale: cf }).first()) as ApplicationRow | undefined;
  if (existing && existing.job_key !== String(job.key)) reject(`domanda duplicata: il codice fiscale ${cf} ha già presentato domanda il ${existing.received_at}`);
  if (!existing) {
    await ctx.knex('applications').insert({
      concorso_id: id, codice_fiscale: cf, job_key: String(job.key),
      data: JSON.stringify({ ...domanda, codiceFiscale: cf, riserve }), received_at: received.toString(), codice_elaborato: null,
    });
  }
  const count = (await ctx.knex('applications').where({ concorso_id: id }).count({ n: '*' }).first()) as { n: number | string };
  return job.complete({ domandeRegistrate: Number(count.n), ultimaDomandaRegistrata: cf });
});

/** The reserve categories a candidate claims, checked against those the bando provides. */
function claimedRiserve(claim: Domanda['riserva'], plan: RiservePlan | undefined, reject: (motivo: string) => never): RiservaCategoria[] {
  if (claim === undefined || claim === null || claim === false) return [];
  const offered = (plan?.riserve ?? []).filter((r) => r.posti > 0).map((r) => r.categoria);
  if (claim === true) {
    if (offered.length === 1) return offered;
    return reject(offered.length === 0 ? 'il bando non prevede riserve di posti' : `indicare la categoria di riserva tra: ${offered.join(', ')}`);
  }
  const list = Array.isArray(claim) ? claim : [claim];
  for (const c of list) {
    if (!(RISERVA_CATEGORIE as readonly unknown[]).includes(c)) return reject(`categoria di riserva sconosciuta: ${JSON.stringify(c)}`);
    if (!offered.includes(c)) return reject(`il bando non prevede posti riservati alla categoria ${c}`);
  }
  return [...new Set(list)];
}

export interface Candidato {
  codiceFiscale: string;
  nominativo: string;
  email: string;
  pec?: string;
  dataNascita: string;
  genere?: 'F' | 'M';
  codiceElaborato: string;
  titoliPreferenza?: Record<string, boolean | number>;
  riserve?: RiservaCategoria[];
}

/**
 * S6: after closing, every registered application is checked again (codice fiscale consistent with the
 * declared birth date and gender). Inconsistent ones are doubtful cases for a person to decide; each
 * admitted candidate gets an anonymous code for the written test, kept only in the app database.
 */
export const verificaAmmissibilita = handler<{ idConcorso: string }>(async (job, ctx) => {
  const id = requireString(job.variables, 'idConcorso');
  const rows = (await ctx.knex('applications').where({ concorso_id: id }).orderBy('received_at')) as ApplicationRow[];
  const ammessi: Candidato[] = [];
  const casiDubbi: { codiceFiscale: string; nominativo: string; motivo: string }[] = [];
  let n = 0;
  for (const row of rows) {
    const d = JSON.parse(row.data) as Domanda;
    const info = inspectCodiceFiscale(row.codice_fiscale);
    const code = row.codice_elaborato ?? `EL-${createCode(id, row.codice_fiscale, ++n)}`;
    if (!row.codice_elaborato) await ctx.knex('applications').where({ concorso_id: id, codice_fiscale: row.codice_fiscale }).update({ codice_elaborato: code });
    const candidato: Candidato = {
      codiceFiscale: row.codice_fiscale, nominativo: `${d.cognome} ${d.nome}`, email: d.email, ...(d.pec ? { pec: d.pec } : {}),
      dataNascita: d.dataNascita ?? info.birthDate ?? '', ...(d.genere ?? info.gender ? { genere: d.genere ?? info.gender } : {}),
      codiceElaborato: code, ...(d.titoliPreferenza ? { titoliPreferenza: d.titoliPreferenza } : {}),
      ...(d.riserve && d.riserve.length > 0 ? { riserve: d.riserve } : {}),
    };
    const mismatch = [
      d.dataNascita && info.birthDate && d.dataNascita !== info.birthDate ? `data di nascita dichiarata ${d.dataNascita}, dal codice fiscale ${info.birthDate}` : undefined,
      d.genere && info.gender && d.genere !== info.gender ? `genere dichiarato ${d.genere}, dal codice fiscale ${info.gender}` : undefined,
    ].filter(Boolean);
    if (mismatch.length > 0) casiDubbi.push({ codiceFiscale: row.codice_fiscale, nominativo: candidato.nominativo, motivo: mismatch.join('; ') });
    ammessi.push(candidato);
  }
  // Codes go to the commissione only through the written test; the candidates list carries them for the envelopes.
  return job.complete({ candidati: ammessi as never, casiDubbi });
});

function createCode(id: string, cf: string, n: number): string {
  let h = 0;
  for (const c of `${id}:${cf}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${String(n).padStart(3, '0')}${(h % 1000).toString().padStart(3, '0')}`;
}

/** Decisions on doubtful cases (multi-instance output `decisioniAmmissione`) applied to the list. */
function applyDecisions(candidati: Candidato[], casi: { codiceFiscale: string }[], decisioni: unknown[]): { ammessi: Candidato[]; esclusi: { codiceFiscale: string; motivo: string }[] } {
  const esclusi: { codiceFiscale: string; motivo: string }[] = [];
  casi.forEach((caso, i) => {
    if (decisioni[i] === 'escluso') esclusi.push({ codiceFiscale: caso.codiceFiscale, motivo: 'escluso dopo la verifica dei requisiti' });
  });
  return { ammessi: candidati.filter((c) => !esclusi.some((e) => e.codiceFiscale === c.codiceFiscale)), esclusi };
}

export const generaElencoAmmessi = handler<{ idConcorso: string; candidati: Candidato[]; casiDubbi?: { codiceFiscale: string }[]; decisioniAmmissione?: unknown[] }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idConcorso');
  if (!Array.isArray(v.candidati)) throw new WorkerInputError('candidati', 'mancante');
  const { ammessi, esclusi } = applyDecisions(v.candidati, v.casiDubbi ?? [], v.decisioniAmmissione ?? []);
  const documento = await produceDocument(ctx, job, {
    kind: 'elenco-ammessi', businessKey: id, title: `Elenco degli ammessi e degli esclusi – concorso ${id}`,
    sections: [
      { heading: `Ammessi (${ammessi.length})`, lines: ammessi.map((c) => `${c.nominativo} – ${c.codiceFiscale}`) },
      { heading: `Esclusi (${esclusi.length})`, lines: esclusi.map((e) => `${e.codiceFiscale}: ${e.motivo}`) },
    ],
  });
  return job.complete({ ammessi: ammessi as never, esclusi, documentoElencoAmmessi: documento });
});

export const pubblicaElencoAmmessi = handler<{ idConcorso: string; documentoElencoAmmessi?: { sha256: string } }>(async (job, ctx) => {
  const id = requireString(job.variables, 'idConcorso');
  const pubblicazione = await recordPublication(ctx, job, {
    tipo: 'elenco-ammessi', businessKey: id, titolo: `Elenco ammessi – concorso ${id}`,
    sha256: job.variables.documentoElencoAmmessi?.sha256, canali: ['inpa', 'amministrazione-trasparente'],
  });
  return job.complete({ pubblicazioneElencoAmmessi: pubblicazione });
});
