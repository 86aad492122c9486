import path from 'node:path';
import { findComune, isEmail } from './recipients.js';
import { toRomeDate } from './variables.js';
import { quando } from './italianDate.js';
import { SANCTION_CODES, sanctionRule, type SanctionCode, type SanctionMeasure } from '../../src/domain/index.js';
import { describeMeasure } from './sanctionMeasureText.js';
import type { ProducedDocument } from './documents.js';
import type { WorkerContext } from './WorkerContext.js';
import type { NotificaInviata } from './notify.js';

/** The variables a notice may read: the union of what the three procedures carry. */
export type NoticeVariables = Readonly<Record<string, unknown>>;

export interface Notice {
  to: string[];
  subject: string;
  text: string;
  attachments?: { filename: string; path: string }[];
  /** Variable to fix when there is no recipient (named in the incident). */
  recipientVariable: string;
  /** A PEC charge that cannot be delivered is a business outcome the model catches. */
  onRejected?: 'PEC_NON_CONSEGNATA';
  legalRule?: string;
  completeWith?: (sent: NotificaInviata) => Record<string, unknown>;
}

type Template = (v: NoticeVariables, ctx: WorkerContext) => Promise<Notice>;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
/** A free text closed by one full stop: none added when it already ends with one (or with ! ? …). */
const frase = (v: unknown): string => {
  const t = str(v).trim();
  return t === '' || /[.!?…]$/.test(t) ? t : `${t}.`;
};
/** The outcome in plain Italian: "irrogata la sanzione della multa fino a 4 ore di retribuzione", "archiviazione del procedimento". */
const esitoDecisione = (v: NoticeVariables): string => {
  if (v.esito === 'archiviazione') return 'archiviazione del procedimento';
  if (v.esito !== 'sanzione') return str(v.esito);
  const code = str(v.sanzione);
  if (!(SANCTION_CODES as readonly string[]).includes(code)) return code ? `irrogata la sanzione: ${code}` : 'irrogata una sanzione disciplinare';
  const label = sanctionRule(code as SanctionCode).label;
  const misura = v.misuraSanzione && typeof v.misuraSanzione === 'object' ? `, nella misura di ${describeMeasure(v.misuraSanzione as SanctionMeasure)}` : '';
  return `irrogata la sanzione ${/^(multa|sospensione)/.test(label) ? 'della' : 'del'} ${label}${misura}`;
};
const list = (...items: unknown[]): string[] => [...new Set(items.filter(isEmail).map((s) => s.trim()))];
const doc = (ctx: WorkerContext, d: unknown): { filename: string; path: string }[] => {
  const produced = d as ProducedDocument | undefined;
  return produced?.percorso ? [{ filename: produced.nome, path: path.join(ctx.dataDir, produced.percorso) }] : [];
};
const comunePec = async (ctx: WorkerContext, istat: unknown): Promise<string | undefined> =>
  typeof istat === 'string' ? (await findComune(ctx, istat))?.pec : undefined;
const comuneEmail = async (ctx: WorkerContext, istat: unknown): Promise<string | undefined> =>
  typeof istat === 'string' ? (await findComune(ctx, istat))?.email : undefined;
const caso = (v: NoticeVariables): string => `procedimento disciplinare ${str(v.idProcedimento)}`;
const concorso = (v: NoticeVariables): string => `concorso ${str(v.idConcorso)}`;

const esitiList = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value : []) as Record<string, unknown>[];
const ESITO_LABEL: Record<string, string> = { assunto: 'assunto/a', rinuncia: 'rinuncia', 'mancata-risposta': 'nessuna risposta entro il termine', decaduto: 'decaduto/a' };
const esitoLine = (e: Record<string, unknown>): string =>
  `${str(e.posizione)}. ${str(e.nominativo)} (${str(e.codiceFiscale)}): ${ESITO_LABEL[str(e.esito)] ?? str(e.esito)} il ${quando(e.data)}${e.motivo ? ` – ${str(e.motivo)}` : ''}`;
/** Who was hired and who refused, for the requesting Comune (S17). */
const esitoRichiestaText = (v: NoticeVariables): string[] => {
  const assunti = esitiList(v.assuntiRichiesta);
  const rinunce = esitiList(v.rinunceRichiesta);
  return [
    assunti.length > 0 ? `Assunti per la richiesta (accordo ${str(v.estremiAccordo)}):` : 'Nessun idoneo è stato assunto per la richiesta.',
    ...assunti.map(esitoLine),
    ...(rinunce.length > 0 ? ['Rinunce, mancate risposte e decadenze:', ...rinunce.map(esitoLine)] : []),
  ];
};

/** Templates by the `modello` header of the send tasks (see PROCESSES[...].taskHeaders in task-types.ts). */
export const NOTICE_TEMPLATES: Readonly<Record<string, Template>> = {
  // --- disciplinare
  'sollecito-segnalazione': async (v, ctx) => ({
    to: list(await comunePec(ctx, v.codiceIstat)), recipientVariable: 'codiceIstat',
    subject: `Sollecito della segnalazione all'UPD – ${caso(v)}`,
    text: `Il termine di 10 giorni per la segnalazione all'UPD dei fatti conosciuti il ${quando(v.dataConoscenza)} è scaduto (ultimo giorno utile ${ultimoGiorno(v, 'scadenzaSegnalazione')}). Il termine è ordinatorio: si prega di trasmettere senza ritardo la segnalazione con gli allegati.`,
    legalRule: 'art. 55-bis, c. 4, D.Lgs. 165/2001',
  }),
  'contestazione-addebito': async (v, ctx) => ({
    to: list(v.pecDipendente), recipientVariable: 'pecDipendente', onRejected: 'PEC_NON_CONSEGNATA',
    subject: `Contestazione d'addebito e convocazione – ${caso(v)}`,
    text: `Si trasmette l'atto di contestazione d'addebito (protocollo in allegato) con la convocazione per l'audizione del ${quando(v.dataAudizione)} presso ${str(v.luogoAudizione)}. Il dipendente può farsi assistere da un procuratore o da un rappresentante sindacale e accedere agli atti.`,
    attachments: doc(ctx, v.documentoContestazione),
    legalRule: 'art. 55-bis, c. 4 e c. 5, D.Lgs. 165/2001',
    completeWith: (sent) => ({ dataNotificaContestazione: sent.inviataIl }),
  }),
  'rigetto-rinvio': async (v, ctx) => ({
    to: list(v.pecDipendente, ctx.addresses.upd), recipientVariable: 'pecDipendente',
    subject: `Rigetto della richiesta di rinvio – ${caso(v)}`,
    text: `La richiesta di differimento dell'audizione non è accolta. Motivazione: ${frase(v.motivazioneRinvio)} L'audizione resta fissata al ${quando(v.dataAudizione)}.`,
    legalRule: 'art. 55-bis, c. 4, D.Lgs. 165/2001',
  }),
  'provvedimento-finale': async (v, ctx) => ({
    to: list(v.pecDipendente, await comunePec(ctx, v.codiceIstat)), recipientVariable: 'pecDipendente',
    subject: `Provvedimento conclusivo – ${caso(v)}`,
    text: `Esito: ${esitoDecisione(v)}. Motivazione: ${frase(v.motivazioneDecisione)} Il provvedimento è in allegato.`,
    attachments: doc(ctx, v.documentoProvvedimento),
    legalRule: 'art. 55-bis, c. 4, D.Lgs. 165/2001',
  }),
  estinzione: async (v, ctx) => ({
    to: list(v.pecDipendente, await comunePec(ctx, v.codiceIstat), ctx.addresses.upd), recipientVariable: 'codiceIstat',
    subject: `Estinzione del procedimento disciplinare – ${caso(v)}`,
    text: estinzioneText(v, ctx.now()),
    legalRule: 'art. 55-bis, c. 9-ter, D.Lgs. 165/2001',
  }),
  'sospensione-penale': async (v, ctx) => ({
    to: list(v.pecDipendente, await comunePec(ctx, v.codiceIstat), ctx.addresses.upd), recipientVariable: 'pecDipendente',
    subject: `Sospensione del procedimento disciplinare – ${caso(v)}`,
    text: `Il procedimento disciplinare è sospeso fino al termine del procedimento penale per gli stessi fatti (art. 55-ter, c. 1, D.Lgs. 165/2001): ${frase(v.motivoSospensionePenale)} ` +
      `Il termine di conclusione non decorre durante la sospensione; il procedimento sarà ripreso con il rinnovo della contestazione entro 60 giorni dalla comunicazione della sentenza (art. 55-ter, c. 4).`,
    legalRule: 'art. 55-ter, c. 1 e c. 4, D.Lgs. 165/2001',
  }),
  'estinzione-cessazione': async (v, ctx) => ({
    to: list(v.pecDipendente, await comunePec(ctx, v.codiceIstat), ctx.addresses.upd), recipientVariable: 'codiceIstat',
    subject: `Estinzione del procedimento per cessazione del rapporto di lavoro – ${caso(v)}`,
    text: `Il rapporto di lavoro è cessato${v.dataCessazione ? ` il ${quando(v.dataCessazione)}` : ''}: il procedimento disciplinare è estinto perché ${str(v.motivoCessazione)} (art. 55-bis, c. 9, D.Lgs. 165/2001).`,
    legalRule: 'art. 55-bis, c. 9, D.Lgs. 165/2001',
  }),
  'prosecuzione-cessazione': async (v, ctx) => ({
    to: list(v.pecDipendente, await comunePec(ctx, v.codiceIstat), ctx.addresses.upd), recipientVariable: 'codiceIstat',
    subject: `Prosecuzione del procedimento dopo la cessazione del rapporto – ${caso(v)}`,
    text: `Il rapporto di lavoro è cessato${v.dataCessazione ? ` il ${quando(v.dataCessazione)}` : ''}, ma il procedimento prosegue perché ${str(v.motivoCessazione)}: ` +
      `le determinazioni conclusive sono assunte ai fini degli effetti giuridici ed economici non preclusivi della instaurazione di un nuovo rapporto di lavoro (art. 55-bis, c. 9, D.Lgs. 165/2001).`,
    legalRule: 'art. 55-bis, c. 9, D.Lgs. 165/2001',
  }),
  'rinnovo-contestazione': async (v, ctx) => ({
    to: list(v.pecDipendente, ctx.addresses.upd), recipientVariable: 'pecDipendente',
    subject: `Rinnovo della contestazione d'addebito – ${caso(v)}`,
    text: `A seguito della sentenza comunicata il ${quando(v.dataComunicazioneSentenza)} si rinnova la contestazione: ${frase(v.testoAddebito)} Audizione: ${quando(v.dataAudizione)}. L'atto è in allegato.`,
    attachments: doc(ctx, v.documentoRinnovoContestazione),
    legalRule: 'art. 55-ter, c. 4, D.Lgs. 165/2001',
    // The renewed charge restarts the terms of art. 55-bis: the 120 days from the act (dataContestazione,
    // set when it is generated), the hearing notice from its receipt, here the PEC sending.
    completeWith: (sent) => ({ dataRicezioneContestazione: toRomeDate('dataRicezioneContestazione', sent.inviataIl) }),
  }),
  'ritardo-ispettorato': async (v, ctx) => ({
    to: list(ctx.addresses.upd), recipientVariable: 'addresses.upd',
    subject: `Ritardo nella comunicazione all'Ispettorato – ${caso(v)}`,
    text: `Il termine ordinatorio di 20 giorni per la comunicazione all'Ispettorato per la funzione pubblica è scaduto.`,
    legalRule: 'art. 55-bis, c. 4, D.Lgs. 165/2001',
  }),
  'trasmissione-atti': async (v, ctx) => {
    const comune = typeof v.codiceIstat === 'string' ? await findComune(ctx, v.codiceIstat) : undefined;
    return {
    // The new administration goes on with the case; the Comune and the UPD keep a copy of the transmission.
    to: list(v.pecNuovaAmministrazione, comune?.pec, ctx.addresses.upd), recipientVariable: 'pecNuovaAmministrazione',
    subject: `Trasmissione degli atti del procedimento disciplinare – ${caso(v)}`,
    text: `Il dipendente è stato trasferito presso ${str(v.nuovaAmministrazione) || 'codesta amministrazione'}${v.dataTrasferimento ? ` dal ${quando(v.dataTrasferimento)}` : ''}: ` +
      `si trasmettono all'Ufficio per i procedimenti disciplinari di codesta amministrazione gli atti del procedimento, che presso questa amministrazione è interrotto. ` +
      `Il procedimento è avviato o concluso e la sanzione è applicata presso codesta amministrazione; dalla data di ricezione degli atti da parte del suo Ufficio per i procedimenti disciplinari ` +
      `decorrono nuovi termini per la contestazione dell'addebito o per la conclusione del procedimento (art. 55-bis, c. 8, D.Lgs. 165/2001). ` +
      `${statoAlTrasferimento(v)} ` +
      `Gli esiti del procedimento vanno comunicati anche all'amministrazione di provenienza, ${comune ? `il Comune di ${comune.nome}` : 'il Comune'} (in copia), e all'UPD associato della Provincia.`,
    attachments: [...doc(ctx, v.documentoContestazione), ...doc(ctx, v.documentoRinnovoContestazione)],
    legalRule: 'art. 55-bis, c. 8, D.Lgs. 165/2001',
    };
  },
  'esito-trasferimento': async (v, ctx) => ({
    to: list(await comunePec(ctx, v.codiceIstat), ctx.addresses.upd), recipientVariable: 'codiceIstat',
    subject: `Esito del procedimento disciplinare concluso presso altra amministrazione – ${caso(v)}`,
    text: `${str(v.nuovaAmministrazione) || 'L’amministrazione di destinazione'} ha comunicato${v.dataComunicazioneEsito ? ` il ${quando(v.dataComunicazioneEsito)}` : ''} l'esito del procedimento disciplinare avviato o concluso dopo il trasferimento del dipendente: ${frase(v.esitoTrasferimento)} ` +
      `L'esito è comunicato all'amministrazione di provenienza per l'annotazione nel fascicolo personale (art. 55-bis, c. 8, D.Lgs. 165/2001).`,
    legalRule: 'art. 55-bis, c. 8, D.Lgs. 165/2001',
  }),
  'nuova-convocazione': async (v, ctx) => {
    // A charge delivered by hand or raccomandata (its PEC bounced) gets the new convocation the same way:
    // the UPD receives it to deliver; otherwise it goes to the employee's PEC, the UPD in copy.
    const perPec = !v.modalitaConsegna && isEmail(v.pecDipendente);
    return {
      to: perPec ? list(v.pecDipendente, ctx.addresses.upd) : list(ctx.addresses.upd), recipientVariable: 'pecDipendente',
      subject: `Nuova convocazione per l'audizione – ${caso(v)}`,
      text: `La contestazione d'addebito è stata ricevuta il ${quando(v.dataRicezioneContestazione ?? v.dataContestazione)}: la data dell'audizione prima fissata non lasciava il preavviso minimo di ${v.flagranza === true ? 15 : 20} giorni dalla ricezione. ` +
        `L'audizione è quindi fissata al ${quando(v.dataAudizione)}${v.luogoAudizione ? ` presso ${str(v.luogoAudizione)}` : ''}. Il dipendente può farsi assistere da un procuratore o da un rappresentante sindacale, accedere agli atti e inviare una memoria scritta.` +
        (perPec ? '' : ' Il dipendente non ha ricevuto la contestazione per PEC: la presente convocazione gli è consegnata a mano o con raccomandata con ricevuta di ritorno.'),
      legalRule: v.flagranza === true ? 'art. 55-quater, c. 3-ter, D.Lgs. 165/2001' : 'art. 55-bis, c. 4, D.Lgs. 165/2001',
    };
  },
  'sospensione-cautelare': async (v, ctx) => ({
    to: list(v.pecDipendente, await comunePec(ctx, v.codiceIstat)), recipientVariable: 'pecDipendente',
    subject: `Sospensione cautelare dal servizio – ${caso(v)}`,
    text: `In pendenza del procedimento disciplinare il dipendente è sospeso cautelarmente dal servizio dal ${quando(decorrenza(v, 'fineSospensioneCautelare'))} al ${ultimoGiorno(v, 'fineSospensioneCautelare')} (${str(v.giorniSospensione)} giorni, al massimo 30). ` +
      `Motivazione: ${frase(v.motivazioneSospensione)} Il Comune provvede all'allontanamento dal servizio per il periodo indicato.`,
    legalRule: 'CCNL Funzioni Locali 16.11.2022, sospensione cautelare in corso di procedimento disciplinare',
  }),
  'fine-sospensione-cautelare': async (v, ctx) => ({
    to: list(v.pecDipendente, await comunePec(ctx, v.codiceIstat), ctx.addresses.upd), recipientVariable: 'codiceIstat',
    subject: `Fine della sospensione cautelare – ${caso(v)}`,
    text: `La sospensione cautelare dal servizio è terminata il ${ultimoGiorno(v, 'fineSospensioneCautelare')}: il dipendente è riammesso in servizio; il procedimento disciplinare prosegue.`,
    legalRule: 'CCNL Funzioni Locali 16.11.2022, sospensione cautelare in corso di procedimento disciplinare',
  }),
  'sospensione-cautelare-non-ammessa': async (v, ctx) => ({
    to: list(ctx.addresses.upd), recipientVariable: 'addresses.upd',
    subject: `Sospensione cautelare non disposta – ${caso(v)}`,
    text: `La sospensione cautelare non è stata disposta: ${frase(v.motivoSospensioneNonAmmessa)}`,
    legalRule: 'CCNL Funzioni Locali 16.11.2022, sospensione cautelare in corso di procedimento disciplinare',
  }),
  'sospensione-flagranza': async (v, ctx) => ({
    // Without a PEC the Comune delivers the act by hand: it is the addressee then.
    to: list(v.pecDipendente ?? (await comunePec(ctx, v.codiceIstat))), recipientVariable: 'pecDipendente',
    subject: `Sospensione cautelare e contestazione (flagranza) – ${caso(v)}`,
    text: `Si notifica il provvedimento di sospensione cautelare senza stipendio con contestuale contestazione d'addebito e convocazione per il ${quando(v.dataAudizione)} (preavviso di almeno 15 giorni).`,
    attachments: doc(ctx, v.documentoContestazione),
    legalRule: 'art. 55-quater, c. 3-bis e 3-ter, D.Lgs. 165/2001',
    // By PEC the employee receives the charge at delivery: the 30 days of c.3-ter run from then.
    completeWith: (sent) => (isEmail(v.pecDipendente) ? { dataNotificaContestazione: sent.inviataIl } : {}),
  }),
  'ritardo-sospensione-flagranza': async (v, ctx) => ({
    to: list(ctx.addresses.upd, await comuneEmail(ctx, v.codiceIstat)), recipientVariable: 'codiceIstat',
    subject: `Termine di 48 ore per la sospensione scaduto – ${caso(v)}`,
    text: `Il termine (ordinatorio) di 48 ore per la sospensione cautelare in flagranza è scaduto il ${quando(v.scadenzaSospensioneFlagranza)}.`,
    legalRule: 'art. 55-quater, c. 3-bis, D.Lgs. 165/2001',
  }),
  'ritardo-denuncia': async (v, ctx) => ({
    to: list(ctx.addresses.upd), recipientVariable: 'addresses.upd',
    subject: `Termine per la denuncia scaduto – ${caso(v)}`,
    text: `Il termine (ordinatorio) per la denuncia a Procura e Corte dei conti è scaduto (ultimo giorno utile ${ultimoGiorno(v, 'scadenzaDenuncia')}).`,
    legalRule: 'art. 55-quater, c. 3-quater, D.Lgs. 165/2001',
  }),
  'ritardo-conclusione-flagranza': async (v, ctx) => ({
    to: list(ctx.addresses.upd), recipientVariable: 'addresses.upd',
    subject: `Termine di 30 giorni per la conclusione scaduto – ${caso(v)}`,
    text: `Il termine (ordinatorio) di 30 giorni è scaduto (ultimo giorno utile ${ultimoGiorno(v, 'scadenzaConclusioneFlagranza')}); resta perentorio il termine di 120 giorni (ultimo giorno utile ${ultimoGiorno(v, 'scadenzaConclusione')}).`,
    legalRule: 'art. 55-quater, c. 3-ter, D.Lgs. 165/2001',
  }),
  // --- selezione
  'comunicazione-34-bis': async (v, ctx) => ({
    to: list(ctx.addresses.funzionePubblica, ctx.addresses.regione), recipientVariable: 'addresses.funzionePubblica',
    subject: `Comunicazione art. 34-bis D.Lgs. 165/2001 – ${concorso(v)}`,
    text: `La Provincia, per conto dei Comuni aderenti, intende bandire ${str(v.postiTotali)} posti (${str(v.profiliRichiesti)}). Si chiede l'eventuale assegnazione di personale in disponibilità.`,
    legalRule: 'art. 34-bis, D.Lgs. 165/2001',
    completeWith: (sent) => ({ dataComunicazioneMobilita: sent.inviataIl }),
  }),
  'ritardo-concorso': async (v, ctx) => ({
    to: list(ctx.addresses.selezione), recipientVariable: 'addresses.selezione',
    subject: `Termine di conclusione del concorso scaduto – ${concorso(v)}`,
    text: `Il termine (ordinatorio) di 180 giorni dalla prova scritta è scaduto (ultimo giorno utile ${ultimoGiorno(v, 'scadenzaConclusioneConcorso')}).`,
    legalRule: 'art. 11, c. 5, DPR 487/1994',
  }),
  'rigetto-domanda': async (v) => {
    const r = (v.domandaRigettata ?? {}) as Record<string, unknown>;
    return {
      to: list(r.email), recipientVariable: 'domandaRigettata.email',
      subject: `Domanda non ricevibile – ${concorso(v)}`,
      text: `La domanda presentata per il codice fiscale ${str(r.codiceFiscale)} non è ricevibile: ${frase(r.motivo)}`,
      legalRule: 'DPR 487/1994',
    };
  },
  'convocazione-orale': async (v) => {
    const ammessi = (Array.isArray(v.ammessiOrale) ? v.ammessiOrale : []) as { email?: string; pec?: string }[];
    return {
      to: list(...ammessi.map((a) => a.pec ?? a.email)), recipientVariable: 'ammessiOrale',
      subject: `Convocazione alla prova orale – ${concorso(v)}`,
      text: `Lei è ammesso/a alla prova orale, che si terrà il ${quando(v.dataProvaOrale)}. La prova è pubblica.`,
      legalRule: 'art. 6, DPR 487/1994',
    };
  },
  'diniego-scorrimento': async (v, ctx) => {
    const r = (v.richiestaScorrimento ?? {}) as Record<string, unknown>;
    return {
      to: list(await comunePec(ctx, r.codiceIstat)), recipientVariable: 'richiestaScorrimento.codiceIstat',
      subject: `Diniego dell'utilizzo della graduatoria – ${concorso(v)}`,
      text: `La richiesta di utilizzo della graduatoria non è autorizzata. Motivazione: ${frase(v.motivazioneScorrimento)}`,
      legalRule: 'art. 91 TUEL',
    };
  },
  'autorizzazione-scorrimento': async (v, ctx) => {
    const r = (v.richiestaScorrimento ?? {}) as Record<string, unknown>;
    const idonei = (Array.isArray(v.ultimaAssegnazioneScorrimento) ? v.ultimaAssegnazioneScorrimento : []) as Record<string, unknown>[];
    const richiesti = typeof v.postiDaCoprire === 'number' ? v.postiDaCoprire : typeof r.numeroPosti === 'number' ? r.numeroPosti : idonei.length;
    const rinunce = esitiList(v.rinunceRichiesta);
    return {
      to: list(await comunePec(ctx, r.codiceIstat), ctx.addresses.selezione), recipientVariable: 'richiestaScorrimento.codiceIstat',
      subject: rinunce.length > 0 ? `Utilizzo della graduatoria: idonei in sostituzione – ${concorso(v)}` : `Autorizzazione all'utilizzo della graduatoria – ${concorso(v)}`,
      text: [
        `È autorizzato l'utilizzo della graduatoria del ${concorso(v)} (accordo ${str(v.estremiAccordo ?? r.estremiAccordo)}) per ${str(r.profilo) || 'il profilo messo a concorso'}.`,
        ...(rinunce.length > 0 ? ['Posti non coperti per rinuncia, mancata risposta o decadenza:', ...rinunce.map(esitoLine)] : []),
        `Idonei individuati in ordine di graduatoria (${idonei.length} dei ${richiesti} posti ${rinunce.length > 0 ? 'da coprire' : 'richiesti'}):`,
        ...idonei.map((a) => `${str(a.posizione)}. ${str(a.nominativo)} (${str(a.codiceFiscale)})`),
        ...(idonei.length < richiesti ? ['Dopo questi idonei la graduatoria è esaurita.'] : []),
        `Ogni idoneo riceve la proposta e deve rispondere entro il ${ultimoGiorno(v, 'scadenzaRispostaProposta')}: il silenzio vale rinuncia e il posto passa al successivo idoneo.`,
        `La graduatoria è utilizzabile fino al ${ultimoGiorno(v, 'scadenzaGraduatoria')}. Restano a carico del Comune i controlli sulle dichiarazioni sostitutive (art. 71 DPR 445/2000), il contratto e il periodo di prova.`,
      ].join('\n'),
      legalRule: 'art. 91 TUEL; art. 35, c. 5-ter, D.Lgs. 165/2001',
    };
  },
  'proposta-scorrimento': async (v, ctx) => {
    const a = (v.assegnazione ?? {}) as Record<string, unknown>;
    const comune = typeof a.codiceIstat === 'string' ? await findComune(ctx, a.codiceIstat) : undefined;
    return {
      to: list(a.email), recipientVariable: 'assegnazione.email',
      subject: `Proposta di assunzione dalla graduatoria – ${concorso(v)}`,
      text: [
        `Gentile ${str(a.nominativo)}, in quanto idoneo/a alla posizione ${str(a.posizione)} della graduatoria del ${concorso(v)}, il Comune di ${comune?.nome ?? str(a.codiceIstat)} le propone l'assunzione come ${str(a.profilo) || 'da bando'}.`,
        `Risponda (accettazione o rinuncia) entro il ${ultimoGiorno(v, 'scadenzaRispostaProposta')}: senza risposta entro il termine la proposta si intende rinunciata e il posto è offerto al successivo idoneo.`,
      ].join('\n'),
      legalRule: 'art. 91 TUEL; termine fissato dalla convenzione (da verificare)',
    };
  },
  'esito-scorrimento': async (v, ctx) => {
    const r = (v.richiestaScorrimento ?? {}) as Record<string, unknown>;
    return {
      to: list(await comunePec(ctx, r.codiceIstat), ctx.addresses.selezione), recipientVariable: 'richiestaScorrimento.codiceIstat',
      subject: `Esito dell'utilizzo della graduatoria – ${concorso(v)}`,
      text: esitoRichiestaText(v).join('\n'),
      legalRule: 'art. 91 TUEL',
    };
  },
  'graduatoria-esaurita': async (v, ctx) => {
    const r = (v.richiestaScorrimento ?? {}) as Record<string, unknown>;
    return {
      to: list(await comunePec(ctx, r.codiceIstat), ctx.addresses.selezione), recipientVariable: 'richiestaScorrimento.codiceIstat',
      subject: `Graduatoria esaurita – ${concorso(v)}`,
      text: [
        `L'utilizzo della graduatoria è stato autorizzato, ma non restano idonei da assumere: la graduatoria è esaurita.`,
        ...(esitiList(v.assuntiRichiesta).length + esitiList(v.rinunceRichiesta).length > 0 ? esitoRichiestaText(v) : []),
      ].join('\n'),
      legalRule: 'art. 91 TUEL',
    };
  },
  // --- formazione
  'calendario-formazione': async (v, ctx) => ({
    to: list(...(await comuniEmails(ctx, v.comuniAderenti))), recipientVariable: 'comuniAderenti',
    subject: `Calendario dei corsi di formazione – piano ${str(v.idPiano)}`,
    text: ['Edizioni pianificate:', ...((Array.isArray(v.edizioni) ? v.edizioni : []) as Record<string, unknown>[])
      .map((e) => `- ${str(e.titoloCorso)}: ${quando(e.inizio)}, ${str(e.sede)} (${str(e.posti)} posti)`), 'Si chiede di autorizzare le iscrizioni dei dipendenti.'].join('\n'),
  }),
  'ritardo-fabbisogni': async (v, ctx) => ({
    to: list(...(await comuniEmails(ctx, v.comuniAderenti))), recipientVariable: 'comuniAderenti',
    subject: `Analisi dei fabbisogni formativi in ritardo – piano ${str(v.idPiano)}`,
    text: `Il termine (ordinatorio) del ${ultimoGiorno(v, 'scadenzaPiao')} per i fabbisogni da inserire nel PIAO è scaduto.`,
    legalRule: 'art. 6 DL 80/2021',
  }),
  'scadenza-formazione-obbligatoria': async (v, ctx) => {
    const avvisi = (Array.isArray(v.avvisoScadenze) ? v.avvisoScadenze : []) as Record<string, unknown>[];
    const comuni = [...new Set(avvisi.map((a) => a.codiceIstat))];
    return {
      to: list(...(await Promise.all(comuni.map((c) => comuneEmail(ctx, c))))), recipientVariable: 'avvisoScadenze',
      subject: `Formazione obbligatoria in scadenza – piano ${str(v.idPiano)}`,
      text: ['Corsi obbligatori in scadenza:', ...avvisi.map((a) => `- ${str(a.nominativo)} (${str(a.codiceFiscale)}): ${str(a.corso)} scade il ${quando(a.scadenza)} (${str(a.fonte)})`)].join('\n'),
    };
  },
  'sollecito-autovalutazione': async (v) => {
    const d = (v.dipendente ?? {}) as Record<string, unknown>;
    return {
      to: list(d.email), recipientVariable: 'dipendente.email',
      subject: `Sollecito: autovalutazione delle competenze (Syllabus) – piano ${str(v.idPiano)}`,
      text: `Gentile ${str(d.nominativo)}, la invitiamo a completare l'autovalutazione iniziale sulla piattaforma Syllabus entro il ${ultimoGiorno(v, 'scadenzaValutazioni')}.`,
    };
  },
};

/** The first day of a term in `scadenze` (its `decorrenza`). */
function decorrenza(v: NoticeVariables, variabile: string): string {
  const scadenze = (Array.isArray(v.scadenze) ? v.scadenze : []) as { variabile?: string; decorrenza?: string }[];
  return scadenze.find((s) => s.variabile === variabile)?.decorrenza ?? '';
}

/** What had been done when the employee moved: the charge (its date) or only the referral. */
function statoAlTrasferimento(v: NoticeVariables): string {
  return v.dataContestazione
    ? `Al trasferimento l'addebito era stato contestato con atto del ${quando(v.dataContestazione)} (in allegato).`
    : `Al trasferimento l'addebito non era ancora stato contestato (fatti conosciuti il ${quando(v.dataConoscenza)}).`;
}

/**
 * The last useful day of a term (`dataTermine` in `scadenze`), not the instant its timer fires (the
 * following midnight); '-' when the term was never set.
 */
function ultimoGiorno(v: NoticeVariables, variabile: string): string {
  const scadenze = (Array.isArray(v.scadenze) ? v.scadenze : []) as { variabile?: string; dataTermine?: string }[];
  return quando(scadenze.find((s) => s.variabile === variabile)?.dataTermine ?? v[variabile]) || '-';
}

/**
 * Which perentorio term was missed: the latest one in `scadenze` already past at `now`. A called
 * phase that ended in error (flagranza) does not hand its terms back, so the text falls back to
 * the two terms of art. 55-bis, c. 9-ter.
 */
function estinzioneText(v: NoticeVariables, now: Date): string {
  const scadenze = (Array.isArray(v.scadenze) ? v.scadenze : []) as { natura?: string; scadeIl?: string; dataTermine?: string; tipo?: string; fonte?: string }[];
  const missed = scadenze
    .filter((s) => s.natura === 'perentorio' && typeof s.scadeIl === 'string' && Date.parse(s.scadeIl) <= now.getTime())
    .sort((a, b) => Date.parse(String(b.scadeIl)) - Date.parse(String(a.scadeIl)))[0];
  if (missed) {
    return `Il procedimento è estinto: è scaduto il termine perentorio "${str(missed.tipo)}" (${str(missed.fonte)}), ultimo giorno utile ${quando(missed.dataTermine)}. ` +
      'La violazione dei termini perentori comporta la decadenza dall’azione disciplinare (art. 55-bis, c. 9-ter, D.Lgs. 165/2001).';
  }
  return `Il procedimento è estinto per la scadenza di un termine perentorio (ultimo giorno utile per la contestazione: ${ultimoGiorno(v, 'scadenzaContestazione')}; per la conclusione: ${ultimoGiorno(v, 'scadenzaConclusione')}).`;
}

async function comuniEmails(ctx: WorkerContext, comuni: unknown): Promise<(string | undefined)[]> {
  const items = (Array.isArray(comuni) ? comuni : []) as { codiceIstat?: string; email?: string }[];
  return Promise.all(items.map(async (c) => c.email ?? (await comuneEmail(ctx, c.codiceIstat))));
}
