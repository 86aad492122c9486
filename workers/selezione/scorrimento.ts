import { noteJobDetails } from '../shared/auditedJob.js';
import { WorkerInputError } from '../shared/errors.js';
import { handler } from '../shared/TaskHandler.js';
import { requireArray, requireObject, requireString, romeToday } from '../shared/variables.js';
import type { Assegnazione } from './graduatoria.js';

export type EsitoProposta = 'assunto' | 'rinuncia' | 'mancata-risposta' | 'decaduto';

/** What became of one offer: who, which post, how it ended and when (S17). */
export interface EsitoPropostaRecord extends Assegnazione {
  esito: EsitoProposta;
  data: string;
  motivo?: string;
}

interface EsitiIn {
  idConcorso: string;
  assegnazione?: Assegnazione;
  rispostaProposta?: { accetta?: boolean; motivo?: string };
  esitoAssunzione?: string;
  codiceFiscaleAssunto?: string;
  esitiProposte?: (EsitoPropostaRecord | null)[];
  postiDaCoprire?: number;
  assuntiRichiesta?: EsitoPropostaRecord[];
  rinunceRichiesta?: EsitoPropostaRecord[];
  assunzioniScorrimento?: EsitoPropostaRecord[];
  rinunceScorrimento?: EsitoPropostaRecord[];
}

const FROM_ASSUNZIONE: Readonly<Record<string, EsitoProposta>> = { assunto: 'assunto', rinuncia: 'rinuncia', decaduto: 'decaduto' };

/**
 * `selezione-esiti-scorrimento`. In one offer (header esito 'assunzione' | 'rinuncia' |
 * 'mancata-risposta'): the outcome with its date, recorded in the audit trail. Over a round of
 * offers ('raccolta'): hires and refusals of the request and of the graduatoria, and the posts
 * still to fill, which go to the next idonei.
 */
export const esitiScorrimento = handler<EsitiIn, { esito: 'assunzione' | 'rinuncia' | 'mancata-risposta' | 'raccolta' }>(async (job, ctx) => {
  const v = job.variables;
  const idConcorso = requireString(v, 'idConcorso');
  const today = romeToday(ctx.now());
  const mode = job.customHeaders.esito;
  if (mode === 'raccolta') {
    const esiti = requireArray<EsitoPropostaRecord | null>(v, 'esitiProposte').filter((e): e is EsitoPropostaRecord => !!e && typeof e === 'object');
    const assunti = esiti.filter((e) => e.esito === 'assunto');
    const rinunce = esiti.filter((e) => e.esito !== 'assunto');
    const posti = typeof v.postiDaCoprire === 'number' ? v.postiDaCoprire : 0;
    return job.complete({
      postiDaCoprire: Math.max(0, posti - assunti.length),
      assuntiRichiesta: [...(v.assuntiRichiesta ?? []), ...assunti],
      rinunceRichiesta: [...(v.rinunceRichiesta ?? []), ...rinunce],
      assunzioniScorrimento: [...(v.assunzioniScorrimento ?? []), ...assunti],
      rinunceScorrimento: [...(v.rinunceScorrimento ?? []), ...rinunce],
    });
  }
  const a = requireObject<Assegnazione>(v, 'assegnazione');
  let esito: EsitoProposta;
  let motivo: string | undefined;
  if (mode === 'assunzione') {
    esito = FROM_ASSUNZIONE[String(v.esitoAssunzione)] as EsitoProposta;
    if (!esito) throw new WorkerInputError('esitoAssunzione', `atteso assunto, rinuncia o decaduto, ricevuto ${JSON.stringify(v.esitoAssunzione)}`);
    if (esito === 'assunto' && v.codiceFiscaleAssunto && String(v.codiceFiscaleAssunto).toUpperCase() !== a.codiceFiscale) {
      throw new WorkerInputError('codiceFiscaleAssunto', `la proposta è per ${a.codiceFiscale}, non per ${String(v.codiceFiscaleAssunto)}`);
    }
    if (esito === 'rinuncia') motivo = 'rinuncia dopo l’accettazione della proposta';
    if (esito === 'decaduto') motivo = 'decadenza per dichiarazioni non veritiere (art. 75 DPR 445/2000)';
  } else if (mode === 'rinuncia') {
    esito = 'rinuncia';
    motivo = typeof v.rispostaProposta?.motivo === 'string' && v.rispostaProposta.motivo.trim() !== '' ? v.rispostaProposta.motivo : undefined;
  } else if (mode === 'mancata-risposta') {
    esito = 'mancata-risposta';
    motivo = 'nessuna risposta entro il termine: vale come rinuncia';
  } else {
    throw new WorkerInputError('esito', `esito '${String(mode)}' sconosciuto`);
  }
  const record: EsitoPropostaRecord = { ...a, esito, data: today, ...(motivo ? { motivo } : {}) };
  await noteJobDetails(ctx, job, {
    data: { esitoProposta: { concorso: idConcorso, codiceFiscale: a.codiceFiscale, posizione: a.posizione, codiceIstat: a.codiceIstat, esito, data: today, motivo: motivo ?? null } },
    comune: a.codiceIstat,
    legalRule: 'art. 91 TUEL; termine di risposta fissato dalla convenzione (da verificare)',
  });
  return job.complete({ esitoProposta: record as never });
});
