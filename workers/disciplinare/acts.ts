import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import {
  assertSanctionMeasure,
  computeAudizioneEarliestDate,
  computeFlagranzaAudizioneEarliestDate,
  sanctionRule,
  SANCTION_CODES,
  type SanctionCode,
  type SanctionMeasure,
} from '../../src/domain/index.js';
import { documentPath, produceDocument, type ProducedDocument } from '../shared/documents.js';
import { once } from '../shared/effects.js';
import { WorkerInputError } from '../shared/errors.js';
import { registerProtocol } from '../shared/protocol.js';
import { recordPublication } from '../shared/publication.js';
import { officeCalendar } from '../shared/officeCalendars.js';
import { handler } from '../shared/TaskHandler.js';
import { quando } from '../shared/italianDate.js';
import { describeMeasure } from '../shared/sanctionMeasureText.js';
import { findComune } from '../shared/recipients.js';
import { optionalString, requireDate, requireInstant, requireString, romeToday, ROME } from '../shared/variables.js';

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

/**
 * D5: the charge goes out under protocol. It records the day the employee actually received it: by hand
 * or raccomandata A/R the day of delivery the UPD enters, by PEC the delivery receipt; only without
 * either, the protocol date. The 20 days' notice of the hearing run from that day (checked again at the
 * start of the hearing phase), while the 120 days run from the act itself (dataContestazione).
 */
export const protocollaContestazione = handler<CasoDisciplinare & { dataNotificaContestazione?: string; dataConsegna?: string }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idProcedimento');
  const entry = await registerProtocol(ctx, job, { direzione: 'uscita', oggetto: `Contestazione d'addebito – procedimento ${id}`, businessKey: id });
  const received = v.dataConsegna ? requireDate(v, 'dataConsegna') : v.dataNotificaContestazione ? requireDate(v, 'dataNotificaContestazione') : entry.data;
  return job.complete({ protocolloContestazione: entry, dataRicezioneContestazione: received });
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
  dataComunicazioneSentenza?: string;
  esitoPenale?: string;
}

type TipoContestazione = 'ordinaria' | 'flagranza' | 'rinnovo';

const CONTESTAZIONE: Record<TipoContestazione, { kind: string; title: string; output: string; norme: string }> = {
  ordinaria: { kind: 'atto-di-contestazione', title: 'Contestazione d’addebito e convocazione', output: 'documentoContestazione',
    norme: 'Art. 55-bis, c. 4, D.Lgs. 165/2001; CCNL Funzioni Locali 16.11.2022.' },
  flagranza: { kind: 'sospensione-e-contestazione', title: 'Provvedimento di sospensione cautelare e contestuale contestazione d’addebito', output: 'documentoContestazione',
    norme: 'Art. 55-quater, c. 3-bis e 3-ter, D.Lgs. 165/2001.' },
  rinnovo: { kind: 'rinnovo-contestazione', title: 'Rinnovo della contestazione d’addebito dopo il procedimento penale', output: 'documentoRinnovoContestazione',
    norme: 'Art. 55-ter, c. 4, D.Lgs. 165/2001: il procedimento si svolge secondo l’art. 55-bis con integrale nuova decorrenza dei termini.' },
};

/**
 * D5 / D4 / D15: the atto di contestazione (in flagranza, the act of suspension with the charge; after
 * the criminal case, the renewed charge) as PDF, dated today: `dataContestazione` is the day the act is
 * adopted, from which the 120 days (art. 55-bis c.4, the cautious reading) and the Ispettorato notice
 * ("entro venti giorni dalla loro adozione") run. The hearing must leave the minimum notice even if
 * the act were received today: 20 free days (55-bis c.4), 15 in flagranza (55-quater c.3-ter); a
 * shorter one voids the sanction, so it stops here. Receipt may come later than today, so the act does
 * not declare the notice respected: the hearing phase checks it against the actual receipt.
 */
export const generaContestazione = handler<ContestazioneIn, { tipo?: 'flagranza' | 'rinnovo' }>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idProcedimento');
  const istat = requireString(v, 'codiceIstat');
  const testo = requireString(v, 'testoAddebito');
  const audizione = requireDate(v, 'dataAudizione');
  const tipo: TipoContestazione = job.customHeaders.tipo ?? 'ordinaria';
  const spec = CONTESTAZIONE[tipo];
  if (!spec) throw new WorkerInputError('tipo', `tipo di contestazione '${String(tipo)}' sconosciuto (header del task ${job.elementId})`);
  // The UPD sets the hearing at the Provincia's seat: its calendar (officeCalendars.ts).
  const calendar = await officeCalendar(ctx, { kind: 'provincia' });
  const today = romeToday(ctx.now());
  const minimum = tipo === 'flagranza' ? computeFlagranzaAudizioneEarliestDate(calendar, today) : computeAudizioneEarliestDate(calendar, today);
  if (Temporal.PlainDate.compare(audizione, minimum.dueDate) < 0) {
    throw new WorkerInputError('dataAudizione', `l'audizione del ${audizione} non rispetta il preavviso minimo: non prima del ${minimum.dueDate} (${minimum.legalSource})`);
  }
  const comune = await findComune(ctx, istat);
  const documento = await produceDocument(ctx, job, {
    kind: spec.kind, businessKey: id, comune: istat, title: spec.title,
    subtitle: `Procedimento disciplinare ${id} – UPD associato della Provincia per il Comune di ${comune ? `${comune.nome} (ISTAT ${istat})` : istat} – atto del ${quando(today)}`,
    sections: [
      { heading: 'Dipendente', lines: [`Matricola: ${optionalString(v, 'matricolaDipendente') ?? '-'}`] },
      ...(tipo === 'flagranza' ? [{ heading: 'Sospensione cautelare', lines: [
        // c.3-bis: "sospensione cautelare senza stipendio ..., fatto salvo il diritto all'assegno alimentare" (verify wording against the text in force)
        `Il dipendente è sospeso cautelarmente dal servizio senza stipendio dal ${romeDateTime(v, 'dataSospensione')}, senza obbligo di preventiva audizione, fatto salvo il diritto all’assegno alimentare nella misura stabilita dalle disposizioni normative e contrattuali vigenti.`,
      ] }] : []),
      ...(tipo === 'rinnovo' ? [{ heading: 'Procedimento penale', lines: [
        `Sentenza comunicata all’amministrazione il ${quando(requireDate(v, 'dataComunicazioneSentenza'))}: ${optionalString(v, 'esitoPenale') ?? '-'}.`,
        'Il procedimento disciplinare sospeso è ripreso con il rinnovo della contestazione entro 60 giorni dalla comunicazione (art. 55-ter, c. 4, D.Lgs. 165/2001).',
      ] }] : []),
      { heading: 'Fatti addebitati', lines: [testo] },
      ...(v.sanzioneMassimaPrevista ? [{ heading: 'Sanzione massima prevista', lines: [sanctionLabel(v.sanzioneMassimaPrevista)] }] : []),
      { heading: 'Convocazione', lines: [`Audizione il ${romeDateTime(v, 'dataAudizione')} presso ${optionalString(v, 'luogoAudizione') ?? 'la sede dell’UPD'}.`,
        'Il dipendente può farsi assistere da un procuratore o da un rappresentante sindacale, accedere agli atti e inviare una memoria scritta.',
        `Il preavviso di almeno ${tipo === 'flagranza' ? 15 : 20} giorni decorre dalla ricezione del presente atto (${minimum.legalSource}): se l’atto è ricevuto troppo tardi per rispettarlo, l’UPD fissa una nuova data dell’audizione e la comunica al dipendente.`] },
      { heading: 'Norme', lines: [spec.norme] },
    ],
  });
  return job.complete({ [spec.output]: documento, dataContestazione: today });
});

/** "23/03/2026 alle ore 10:00" in Rome for a date-time variable, "23/03/2026" for a date (same wording as the notices). */
function romeDateTime(v: object, name: string): string {
  const text = requireString(v, name);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return quando(requireDate(v, name));
  return quando(requireInstant(v, name).toString());
}

interface DecisioneIn extends CasoDisciplinare {
  flagranza?: boolean;
  prosecuzioneObbligatoria?: boolean;
  dataCessazione?: string;
  esito: 'archiviazione' | 'sanzione';
  sanzione?: string;
  motivazioneDecisione: string;
  dataDecisione: string;
  oreMulta?: number;
  giorniSospensioneDisciplinare?: number;
  decorrenzaSospensioneDisciplinare?: string;
}

/**
 * D12–D13: the reasoned decision as PDF (archiviazione or sanction with its rule). A sanction with an
 * amount states it, checked against the scale (assertSanctionMeasure): the hours of pay of a multa, the
 * days (and for the long suspension the first day) of a suspension, so the Comune can enforce it.
 */
export const generaProvvedimento = handler<DecisioneIn>(async (job, ctx) => {
  const v = job.variables;
  const id = requireString(v, 'idProcedimento');
  const esito = requireString(v, 'esito');
  if (esito !== 'archiviazione' && esito !== 'sanzione') throw new WorkerInputError('esito', `atteso 'archiviazione' o 'sanzione', ricevuto '${esito}'`);
  const sanzione = esito === 'sanzione' ? requireSanction(v.sanzione) : undefined;
  const misura = sanzione ? measureOf(sanzione, v) : undefined;
  const documento = await produceDocument(ctx, job, {
    kind: 'provvedimento-disciplinare', businessKey: id, comune: v.codiceIstat,
    title: esito === 'sanzione' ? 'Provvedimento di irrogazione della sanzione disciplinare' : 'Provvedimento di archiviazione',
    subtitle: `Procedimento disciplinare ${id} – decisione del ${quando(requireDate(v, 'dataDecisione'))}`,
    sections: [
      { heading: 'Esito', lines: sanzione
        ? [`Sanzione: ${sanctionRule(sanzione).label}`, ...(misura ? [`Misura irrogata: ${describeMeasure(misura)}`] : [])]
        : ['Archiviazione del procedimento'] },
      { heading: 'Motivazione', lines: [requireString(v, 'motivazioneDecisione')] },
      ...(v.prosecuzioneObbligatoria === true ? [{ heading: 'Cessazione del rapporto di lavoro', lines: [
        `Il rapporto di lavoro è cessato${v.dataCessazione ? ` il ${quando(requireDate(v, 'dataCessazione'))}` : ''}: la decisione è assunta ai fini degli effetti giuridici ed economici non preclusivi della instaurazione di un nuovo rapporto di lavoro (art. 55-bis, c. 9, D.Lgs. 165/2001).`,
      ] }] : []),
      { heading: 'Norme', lines: [v.flagranza === true
        ? 'Art. 55-quater, c. 1, lett. a, c. 3-bis e 3-ter, D.Lgs. 165/2001 (falsa attestazione della presenza accertata in flagranza); art. 55-bis, c. 4.'
        : 'Art. 55-bis, c. 4, D.Lgs. 165/2001; codice disciplinare del CCNL Funzioni Locali.'] },
    ],
  });
  return job.complete({ documentoProvvedimento: documento, ...(misura ? { misuraSanzione: misura } : {}) });
});

/** The amount imposed for a sanction measured in hours or days, checked against the scale; none for the others. */
function measureOf(sanzione: SanctionCode, v: DecisioneIn): SanctionMeasure | undefined {
  switch (sanzione) {
    case 'multa':
      return checked({ sanction: 'multa', hours: requireInteger(v, 'oreMulta') });
    case 'sospensione-fino-10-giorni':
      return checked({ sanction: sanzione, days: requireInteger(v, 'giorniSospensioneDisciplinare') });
    case 'sospensione-11-giorni-6-mesi':
      return checked({ sanction: sanzione, days: requireInteger(v, 'giorniSospensioneDisciplinare'), firstDay: requireDate(v, 'decorrenzaSospensioneDisciplinare') });
    default:
      return undefined;
  }
}

function checked(measure: SanctionMeasure): SanctionMeasure {
  try {
    assertSanctionMeasure(measure);
  } catch (error) {
    // The domain names its own fields (hours, days); the UPD fixes the form's.
    const field = measure.sanction === 'multa' ? 'oreMulta' : 'giorniSospensioneDisciplinare';
    if (error instanceof Error) throw new WorkerInputError(field, `misura fuori dalla scala della sanzione ${sanctionRule(measure.sanction).label}: ${error.message}`);
    throw error;
  }
  return measure;
}


function requireInteger(v: object, name: string): number {
  const value = (v as Record<string, unknown>)[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new WorkerInputError(name, `atteso un numero intero, ricevuto ${JSON.stringify(value)}`);
  return value;
}
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
