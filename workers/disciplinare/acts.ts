import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import {
  computeAudizioneEarliestDate,
  computeFlagranzaAudizioneEarliestDate,
  ItalianCalendar,
  sanctionRule,
  SANCTION_CODES,
  type SanctionCode,
} from '../../src/domain/index.js';
import { documentPath, produceDocument, type ProducedDocument } from '../shared/documents.js';
import { once } from '../shared/effects.js';
import { WorkerInputError } from '../shared/errors.js';
import { registerProtocol } from '../shared/protocol.js';
import { recordPublication } from '../shared/publication.js';
import { handler } from '../shared/TaskHandler.js';
import { optionalString, requireDate, requireString, romeToday, ROME } from '../shared/variables.js';

export interface CasoDisciplinare {
  idProcedimento: string;
  codiceIstat: string;
  matricolaDipendente?: string;
  codiceFiscaleDipendente?: string;
  descrizioneFatto?: string;
}

/** D3: the referral enters the Provincia's protocol; its date starts the 30 days when no PEC receipt is given. */
export const protocollaSegnalazione = handler<CasoDisciplinare>(async (job, ctx) => {
  const id = requireString(job.variables, 'idProcedimento');
  const entry = await registerProtocol(ctx, job, { direzione: 'entrata', oggetto: `Segnalazione all'UPD – procedimento ${id}`, businessKey: id });
  return job.complete({ protocolloSegnalazione: entry, dataProtocolloSegnalazione: entry.data });
});

/** D5: the notified charge goes out under protocol; its notification date starts the 120 days. */
export const protocollaContestazione = handler<CasoDisciplinare & { dataNotificaContestazione?: string; dataConsegna?: string }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idProcedimento');
  const entry = await registerProtocol(ctx, job, { direzione: 'uscita', oggetto: `Contestazione d'addebito – procedimento ${id}`, businessKey: id });
  // By hand or raccomandata the delivery date counts; by PEC the date of the delivery receipt.
  const notified = v.dataConsegna ? requireDate(v, 'dataConsegna') : v.dataNotificaContestazione ? requireDate(v, 'dataNotificaContestazione') : entry.data;
  return job.complete({ protocolloContestazione: entry, dataContestazione: notified });
});

export const protocollaMemoria = handler<CasoDisciplinare & { memoriaDifensiva?: unknown; protocolliMemorie?: unknown[] }>(async (job, ctx) => {
  const id = requireString(job.variables, 'idProcedimento');
  const entry = await registerProtocol(ctx, job, { direzione: 'entrata', oggetto: `Memoria difensiva – procedimento ${id}`, businessKey: id });
  const previous = Array.isArray(job.variables.protocolliMemorie) ? job.variables.protocolliMemorie : [];
  return job.complete({ protocolliMemorie: [...previous, entry] as never });
});

interface ContestazioneIn extends CasoDisciplinare {
  testoAddebito: string;
  dataAudizione: string;
  luogoAudizione?: string;
  sanzioneMassimaPrevista?: string;
  dataSospensione?: string;
}

/**
 * D5 / D4: the atto di contestazione (or, in flagranza, the act of suspension with the charge) as PDF.
 * The hearing must respect the minimum notice counted from today's notification: 20 free days
 * (55-bis c.4), 15 in flagranza (55-quater c.3-ter); a shorter one voids the sanction, so it stops here.
 */
export const generaContestazione = handler<ContestazioneIn, { tipo?: 'flagranza' }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idProcedimento');
  const istat = requireString(v, 'codiceIstat');
  const testo = requireString(v, 'testoAddebito');
  const audizione = requireDate(v, 'dataAudizione');
  const flagranza = job.customHeaders.tipo === 'flagranza';
  const calendar = new ItalianCalendar({ istatCode: istat });
  const today = romeToday(ctx.now());
  const minimum = flagranza ? computeFlagranzaAudizioneEarliestDate(calendar, today) : computeAudizioneEarliestDate(calendar, today);
  if (Temporal.PlainDate.compare(audizione, minimum.dueDate) < 0) {
    throw new WorkerInputError('dataAudizione', `l'audizione del ${audizione} non rispetta il preavviso minimo: non prima del ${minimum.dueDate} (${minimum.legalSource})`);
  }
  const documento = await produceDocument(ctx, job, {
    kind: flagranza ? 'sospensione-e-contestazione' : 'atto-di-contestazione',
    businessKey: id, comune: istat,
    title: flagranza ? 'Provvedimento di sospensione cautelare e contestuale contestazione d’addebito' : 'Contestazione d’addebito e convocazione',
    subtitle: `Procedimento disciplinare ${id} – UPD associato della Provincia per il Comune ${istat}`,
    sections: [
      { heading: 'Dipendente', lines: [`Matricola: ${optionalString(v, 'matricolaDipendente') ?? '-'}`] },
      { heading: 'Fatti addebitati', lines: [testo] },
      ...(v.sanzioneMassimaPrevista ? [{ heading: 'Sanzione massima prevista', lines: [sanctionLabel(v.sanzioneMassimaPrevista)] }] : []),
      { heading: 'Convocazione', lines: [`Audizione il ${audizione} presso ${optionalString(v, 'luogoAudizione') ?? 'la sede dell’UPD'}.`,
        'Il dipendente può farsi assistere da un procuratore o da un rappresentante sindacale, accedere agli atti e inviare una memoria scritta.',
        `Preavviso minimo rispettato: audizione non prima del ${minimum.dueDate} (${minimum.legalSource}).`] },
      { heading: 'Norme', lines: [flagranza ? 'Art. 55-quater, c. 3-bis e 3-ter, D.Lgs. 165/2001.' : 'Art. 55-bis, c. 4, D.Lgs. 165/2001; CCNL Funzioni Locali 16.11.2022.'] },
    ],
  });
  return job.complete({ documentoContestazione: documento });
});

interface DecisioneIn extends CasoDisciplinare {
  esito: 'archiviazione' | 'sanzione';
  sanzione?: string;
  motivazioneDecisione: string;
  dataDecisione: string;
}

/** D12–D13: the reasoned decision as PDF (archiviazione or sanction with its rule). */
export const generaProvvedimento = handler<DecisioneIn>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idProcedimento');
  const esito = requireString(v, 'esito');
  if (esito !== 'archiviazione' && esito !== 'sanzione') throw new WorkerInputError('esito', `atteso 'archiviazione' o 'sanzione', ricevuto '${esito}'`);
  const sanzione = esito === 'sanzione' ? requireSanction(v.sanzione) : undefined;
  const documento = await produceDocument(ctx, job, {
    kind: 'provvedimento-disciplinare', businessKey: id, comune: v.codiceIstat,
    title: esito === 'sanzione' ? 'Provvedimento di irrogazione della sanzione disciplinare' : 'Provvedimento di archiviazione',
    subtitle: `Procedimento disciplinare ${id} – decisione del ${requireDate(v, 'dataDecisione')}`,
    sections: [
      { heading: 'Esito', lines: [sanzione ? `Sanzione: ${sanctionRule(sanzione).label}` : 'Archiviazione del procedimento'] },
      { heading: 'Motivazione', lines: [requireString(v, 'motivazioneDecisione')] },
      { heading: 'Norme', lines: ['Art. 55-bis, c. 4, D.Lgs. 165/2001; codice disciplinare del CCNL Funzioni Locali.'] },
    ],
  });
  return job.complete({ documentoProvvedimento: documento });
});

function requireSanction(value: unknown): SanctionCode {
  if (typeof value !== 'string' || !(SANCTION_CODES as readonly string[]).includes(value)) {
    throw new WorkerInputError('sanzione', `sanzione mancante o non prevista dal codice disciplinare: ${JSON.stringify(value)}`);
  }
  return value as SanctionCode;
}

function sanctionLabel(value: string): string {
  return (SANCTION_CODES as readonly string[]).includes(value) ? sanctionRule(value as SanctionCode).label : value;
}

/**
 * D6, D7, D14: communication to the Ispettorato per la funzione pubblica through PerlaPA, with the
 * employee identified by a code derived from the case, never by name (art. 55-bis c.4).
 */
export const comunicaIspettorato = handler<CasoDisciplinare & { esito?: string; sanzione?: string }, { evento: 'avvio' | 'conclusione' | 'sospensione-cautelare' }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idProcedimento');
  const evento = job.customHeaders.evento;
  const codice = `DIP-${createHash('sha256').update(`${id}:${v.codiceFiscaleDipendente ?? v.matricolaDipendente ?? ''}`).digest('hex').slice(0, 12).toUpperCase()}`;
  const record = await recordPublication(ctx, job, {
    tipo: `ispettorato-${evento}`, businessKey: id, canali: ['perlapa'], comune: v.codiceIstat,
    titolo: `Comunicazione ${evento} – procedimento ${id} – dipendente ${codice}${evento === 'conclusione' ? ` – esito ${v.esito ?? '-'}` : ''}`,
  });
  const name = { avvio: 'comunicazioneIspettoratoAvvio', conclusione: 'comunicazioneIspettoratoConclusione', 'sospensione-cautelare': 'comunicazioneIspettoratoSospensione' }[evento];
  if (!name) throw new WorkerInputError('evento', `evento '${String(evento)}' sconosciuto`);
  return job.complete({ [name]: { ...record, codiceDipendente: codice } });
});

/** D4: report to the Procura della Repubblica and the Procura regionale della Corte dei conti (55-quater c.3-quater). */
export const trasmettiDenuncia = handler<CasoDisciplinare & { documentoContestazione?: ProducedDocument; descrizioneFatto?: string }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idProcedimento');
  const documento = v.documentoContestazione;
  const sent = await once(ctx.knex, `notify:${job.key}`, { taskType: job.type, jobKey: String(job.key), at: ctx.now() }, async () => {
    const report = await ctx.mailer.send({
      from: ctx.addresses.mittente,
      to: [ctx.addresses.procura, ctx.addresses.corteDeiConti],
      subject: `[PEC] Denuncia per falsa attestazione della presenza – procedimento ${id}`,
      text: `Si trasmette denuncia ai sensi dell'art. 55-quater, c. 3-quater, D.Lgs. 165/2001. Fatti: ${v.descrizioneFatto ?? '-'}`,
      attachments: documento?.percorso ? [{ filename: documento.nome, path: documentPath(ctx, documento) }] : [],
      messageId: `<job-${String(job.key)}@province-comuni-hr>`,
    });
    return { destinatari: report.accepted, messageId: report.messageId, inviataIl: Temporal.Instant.fromEpochMilliseconds(ctx.now().getTime()).toZonedDateTimeISO(ROME).toString({ timeZoneName: 'never' }) };
  });
  return job.complete({ denunciaTrasmessa: sent });
});
