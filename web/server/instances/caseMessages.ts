import type { UserAccess } from '../auth/roles.js';
import { hasRole } from '../auth/roles.js';
import { badRequest } from '../errors.js';
import { checkHearingDateChange, HEARING_DATE_CHANGE_OPTIONS } from './hearingDateChange.js';

/**
 * The messages a case waits for that people deliver from the case page (allow-list), who may deliver
 * each, and what each carries. Anything not listed here cannot be published through the web app.
 */
export interface CaseMessageField {
  name: string;
  kind: 'date' | 'text' | 'email' | 'choice';
  required: boolean;
  maxLength?: number;
  /** the values a `choice` takes, with their labels */
  options?: ReadonlyArray<{ value: string; label: { it: string; en: string } }>;
  label: { it: string; en: string };
}

export interface CaseMessage {
  /** stable id in URLs */
  id: string;
  /** the diagram's process (the case's, or one it calls) and the element active while the message is awaited: the receive task, or the event-based gateway before the catch event */
  processDefinitionId: string;
  elementId?: string;
  /**
   * Message boundary events (in processDefinitionId) that catch it: it is awaited while one of their hosts
   * (`attachedTo`) is active, and offered once per case (a boundary already triggered is not offered again,
   * e.g. a non-interrupting cessazione whose host goes on).
   */
  boundaryEvents?: ReadonlyArray<{ eventId: string; attachedTo: string }>;
  /** bpmn:message name */
  messageName: string;
  /** the case variable the diagram's zeebe:subscription correlationKey (`=idProcedimento`) reads */
  correlationVariable: string;
  label: { it: string; en: string };
  /** the Comune of the case and/or Provincia staff of the named service */
  allowed: { comune: boolean; service: string };
  fields: CaseMessageField[];
  /** rules across fields and the case (after each field is checked): throws 400 naming the field */
  check?: (values: Record<string, string>, caseVariables: Record<string, unknown>) => void;
}

export const CASE_MESSAGES: readonly CaseMessage[] = [
  {
    id: 'segnalazione',
    processDefinitionId: 'procedimento-disciplinare',
    elementId: 'Receive_Segnalazione',
    messageName: 'upd-segnalazione-comune',
    correlationVariable: 'idProcedimento',
    label: { it: "Trasmetti la segnalazione all'UPD", en: 'Send the referral to the UPD' },
    allowed: { comune: true, service: 'upd' },
    fields: [
      // the 30 days of the contestazione run from it (workers/disciplinare/deadlines.ts, fase contestazione)
      { name: 'dataRicezioneSegnalazione', kind: 'date', required: true, label: { it: "Data di ricezione della segnalazione da parte dell'UPD", en: 'Date the UPD received the referral' } },
      { name: 'testoSegnalazione', kind: 'text', required: true, maxLength: 4000, label: { it: 'Testo della segnalazione (fatti e allegati)', en: 'Referral text (facts and attachments)' } },
    ],
  },
  {
    id: 'memoria-difensiva',
    processDefinitionId: 'procedimento-disciplinare-istruttoria',
    // the event-based gateway «Audizione, rinvio o memoria?» before Message_MemoriaDifensiva
    elementId: 'Gateway_EventiAttesa',
    messageName: 'upd-memoria-difensiva',
    correlationVariable: 'idProcedimento',
    label: { it: 'Registra la memoria difensiva (controdeduzioni) del dipendente', en: "Register the employee's defence brief (counter-arguments)" },
    allowed: { comune: false, service: 'upd' },
    fields: [
      { name: 'dataRicezioneMemoria', kind: 'date', required: true, label: { it: 'Data di ricezione della memoria (PEC)', en: 'Date the brief was received (PEC)' } },
      // read by the protocol worker (workers/disciplinare/acts.ts, protocollaMemoria)
      { name: 'memoriaDifensiva', kind: 'text', required: true, maxLength: 8000, label: { it: 'Sintesi delle controdeduzioni', en: 'Summary of the counter-arguments' } },
    ],
  },
  {
    id: 'richiesta-rinvio',
    processDefinitionId: 'procedimento-disciplinare-istruttoria',
    elementId: 'Gateway_EventiAttesa',
    messageName: 'upd-richiesta-rinvio',
    correlationVariable: 'idProcedimento',
    label: { it: 'Registra la richiesta di rinvio dell’audizione', en: 'Register the request to postpone the hearing' },
    allowed: { comune: false, service: 'upd' },
    fields: [
      { name: 'dataRichiestaRinvio', kind: 'date', required: true, label: { it: 'Data di ricezione della richiesta (PEC)', en: 'Date the request was received (PEC)' } },
      { name: 'motivoRichiestaRinvio', kind: 'text', required: true, maxLength: 4000, label: { it: 'Impedimento addotto dal dipendente', en: 'Impediment given by the employee' } },
    ],
  },
  {
    id: 'audizione-altra-data',
    processDefinitionId: 'procedimento-disciplinare-istruttoria',
    // awaited while the phase waits for the hearing (held earlier: the timer need not fire) and once the
    // planned day has passed and the verbale is open (held later: Message_AudizioneAltraDataDopo)
    elementId: 'Gateway_EventiAttesa',
    boundaryEvents: [{ eventId: 'Message_AudizioneAltraDataDopo', attachedTo: 'Task_Audizione' }],
    messageName: 'upd-audizione-altra-data',
    correlationVariable: 'idProcedimento',
    label: { it: "Registra l'audizione svolta in un'altra data", en: 'Record a hearing held on another day' },
    allowed: { comune: false, service: 'upd' },
    fields: [
      // read by upd-calcola-scadenze, fase audizione-altra-data (workers/disciplinare/deadlines.ts)
      { name: 'dataAudizioneEffettiva', kind: 'date', required: true, label: { it: "Data in cui si è svolta l'audizione", en: 'Day the hearing was held' } },
      { name: 'motivoCambioData', kind: 'choice', required: true, options: HEARING_DATE_CHANGE_OPTIONS, label: { it: 'Motivo del cambio di data', en: 'Why the day changed' } },
      { name: 'noteCambioData', kind: 'text', required: false, maxLength: 2000, label: { it: 'Note (impedimento addotto, accordi presi)', en: 'Notes (impediment given, agreements)' } },
    ],
    check: checkHearingDateChange,
  },
  {
    id: 'esito-penale',
    processDefinitionId: 'procedimento-disciplinare',
    // the receive task «Ricevi la comunicazione della sentenza» while the case is suspended for the criminal case (art. 55-ter)
    elementId: 'Receive_EsitoPenale',
    messageName: 'upd-esito-penale',
    correlationVariable: 'idProcedimento',
    label: { it: 'Registra la comunicazione della sentenza penale', en: 'Register the notice of the criminal judgment' },
    allowed: { comune: false, service: 'upd' },
    fields: [
      // the 60 days to renew the charge run from it (workers/disciplinare/deadlines.ts, fase riattivazione); the renewed charge cites it (acts.ts)
      { name: 'dataComunicazioneSentenza', kind: 'date', required: true, label: { it: "Data di comunicazione della sentenza all'amministrazione", en: 'Date the judgment was notified to the administration' } },
      { name: 'esitoPenale', kind: 'text', required: true, maxLength: 4000, label: { it: 'Esito del procedimento penale (sentenza)', en: 'Outcome of the criminal case (judgment)' } },
    ],
  },
  {
    id: 'cessazione-rapporto',
    processDefinitionId: 'procedimento-disciplinare',
    // non-interrupting boundary events on the contestazione, the istruttoria, the suspension and the flagranza
    boundaryEvents: [
      { eventId: 'Message_CessazioneContestazione', attachedTo: 'Call_Contestazione' },
      { eventId: 'Message_Cessazione', attachedTo: 'Call_Istruttoria' },
      { eventId: 'Message_CessazioneSospensione', attachedTo: 'Receive_EsitoPenale' },
      { eventId: 'Message_CessazioneFlagranza', attachedTo: 'Call_Flagranza' },
    ],
    messageName: 'upd-cessazione-rapporto',
    correlationVariable: 'idProcedimento',
    label: { it: 'Registra la cessazione del rapporto di lavoro', en: 'Register the end of employment' },
    allowed: { comune: false, service: 'upd' },
    fields: [
      // read by upd-valuta-cessazione and the notices/acts (estinzione-cessazione, prosecuzione-cessazione, provvedimento)
      { name: 'dataCessazione', kind: 'date', required: true, label: { it: 'Data di cessazione del rapporto di lavoro', en: 'Date the employment ended' } },
    ],
  },
  {
    id: 'trasferimento-dipendente',
    processDefinitionId: 'procedimento-disciplinare',
    boundaryEvents: [
      { eventId: 'Message_TrasferimentoContestazione', attachedTo: 'Call_Contestazione' },
      { eventId: 'Message_Trasferimento', attachedTo: 'Call_Istruttoria' },
      { eventId: 'Message_TrasferimentoSospensione', attachedTo: 'Receive_EsitoPenale' },
      { eventId: 'Message_TrasferimentoFlagranza', attachedTo: 'Call_Flagranza' },
    ],
    messageName: 'upd-trasferimento-dipendente',
    correlationVariable: 'idProcedimento',
    label: { it: 'Registra il trasferimento del dipendente ad altra amministrazione', en: "Register the employee's transfer to another administration" },
    allowed: { comune: false, service: 'upd' },
    fields: [
      // read by the trasmissione-atti notice (workers/shared/noticeTemplates.ts): addressee, wording, date the terms resume from
      { name: 'nuovaAmministrazione', kind: 'text', required: true, maxLength: 300, label: { it: 'Amministrazione di destinazione', en: 'Administration the employee moved to' } },
      { name: 'pecNuovaAmministrazione', kind: 'email', required: true, maxLength: 254, label: { it: "PEC dell'amministrazione di destinazione", en: 'Certified e-mail (PEC) of that administration' } },
      { name: 'dataTrasferimento', kind: 'date', required: true, label: { it: 'Data del trasferimento', en: 'Date of the transfer' } },
    ],
  },
  {
    id: 'esito-trasferimento',
    processDefinitionId: 'procedimento-disciplinare',
    // after the transfer the case waits for the outcome from the new administration (art. 55-bis c.8)
    elementId: 'Receive_EsitoTrasferimento',
    messageName: 'upd-esito-trasferimento',
    correlationVariable: 'idProcedimento',
    label: { it: "Registra l'esito comunicato dalla nuova amministrazione", en: 'Register the outcome sent by the new administration' },
    allowed: { comune: false, service: 'upd' },
    fields: [
      // read by the esito-trasferimento notice to the Comune (workers/shared/noticeTemplates.ts)
      { name: 'dataComunicazioneEsito', kind: 'date', required: true, label: { it: "Data di ricezione della comunicazione dell'esito", en: 'Date the outcome was received' } },
      { name: 'esitoTrasferimento', kind: 'text', required: true, maxLength: 4000, label: { it: 'Esito del procedimento (archiviazione o sanzione irrogata)', en: 'Outcome (dismissal of the case or sanction imposed)' } },
    ],
  },
];

export const caseMessageById = (id: string): CaseMessage | undefined => CASE_MESSAGES.find((m) => m.id === id);

/**
 * Where the case awaits the message now, or undefined: its receive task / event-based gateway is active,
 * or (boundary events) the host of one of its boundary events is active and none of them has been
 * triggered yet in the case. `active` and `seen` hold `processDefinitionId#elementId` of the case and of
 * the processes it called (active elements / every element instance, in any state).
 */
export function awaitedAt(message: CaseMessage, active: ReadonlySet<string>, seen: ReadonlySet<string>): string | undefined {
  const at = (elementId: string) => `${message.processDefinitionId}#${elementId}`;
  if (message.elementId && active.has(at(message.elementId))) return message.elementId;
  const boundaries = message.boundaryEvents ?? [];
  if (boundaries.some((b) => seen.has(at(b.eventId)))) return undefined;
  return boundaries.find((b) => active.has(at(b.attachedTo)))?.eventId;
}

/** Whether this user may deliver this message on a case of this Comune (visibility is checked before). */
export function mayDeliver(user: UserAccess, message: CaseMessage, caseComuni: string[]): boolean {
  if (hasRole(user, 'provincia') && user.services.includes(message.allowed.service as never)) return true;
  if (message.allowed.comune && hasRole(user, 'comune') && user.comuni !== 'all') {
    const mine = user.comuni;
    return caseComuni.some((c) => mine.includes(c));
  }
  return false;
}

const todayInRome = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

/** The message's variables from the submitted values, or 400 naming the field. */
export function readMessageValues(message: CaseMessage, input: unknown, caseVariables: Record<string, unknown>): Record<string, string> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('INVALID_VALUES', 'Valori mancanti.');
  const values = input as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of Object.keys(values)) {
    if (!message.fields.some((f) => f.name === key)) throw badRequest('UNKNOWN_FIELD', `Campo non previsto: ${key}.`, { field: key });
  }
  for (const f of message.fields) {
    const raw = values[f.name];
    const text = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : undefined;
    if (text === undefined) throw badRequest('INVALID_FIELD', `${f.label.it}: valore non valido.`, { field: f.name });
    if (text === '') {
      if (f.required) throw badRequest('INVALID_FIELD', `${f.label.it}: campo obbligatorio.`, { field: f.name });
      continue;
    }
    if (f.kind === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
        throw badRequest('INVALID_FIELD', `${f.label.it}: data non valida (AAAA-MM-GG).`, { field: f.name });
      }
      if (text > todayInRome()) throw badRequest('INVALID_FIELD', `${f.label.it}: la data non può essere futura.`, { field: f.name });
      const known = caseVariables.dataConoscenza;
      if (typeof known === 'string' && /^\d{4}-\d{2}-\d{2}/.test(known) && text < known.slice(0, 10)) {
        throw badRequest('INVALID_FIELD', `${f.label.it}: la data precede la conoscenza del fatto (${known.slice(0, 10)}).`, { field: f.name });
      }
    } else if (f.kind === 'choice') {
      if (!f.options?.some((o) => o.value === text)) throw badRequest('INVALID_FIELD', `${f.label.it}: valore non previsto (${(f.options ?? []).map((o) => o.value).join(', ')}).`, { field: f.name });
    } else if (f.maxLength && text.length > f.maxLength) {
      throw badRequest('INVALID_FIELD', `${f.label.it}: al massimo ${f.maxLength} caratteri.`, { field: f.name });
    } else if (f.kind === 'email' && !/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[A-Za-z]{2,}$/.test(text)) {
      throw badRequest('INVALID_FIELD', `${f.label.it}: indirizzo non valido.`, { field: f.name });
    }
    out[f.name] = text;
  }
  message.check?.(out, caseVariables);
  return out;
}
