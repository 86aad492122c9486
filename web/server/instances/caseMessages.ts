import type { UserAccess } from '../auth/roles.js';
import { hasRole } from '../auth/roles.js';
import { badRequest } from '../errors.js';

/**
 * The messages a case waits for that people deliver from the case page (allow-list), who may deliver
 * each, and what each carries. Anything not listed here cannot be published through the web app.
 */
export interface CaseMessageField {
  name: string;
  kind: 'date' | 'text';
  required: boolean;
  maxLength?: number;
  label: { it: string; en: string };
}

export interface CaseMessage {
  /** stable id in URLs */
  id: string;
  /** the diagram's process (the case's, or one it calls) and the element active while the message is awaited: the receive task, or the event-based gateway before the catch event */
  processDefinitionId: string;
  elementId: string;
  /** bpmn:message name */
  messageName: string;
  /** the case variable the diagram's zeebe:subscription correlationKey (`=idProcedimento`) reads */
  correlationVariable: string;
  label: { it: string; en: string };
  /** the Comune of the case and/or Provincia staff of the named service */
  allowed: { comune: boolean; service: string };
  fields: CaseMessageField[];
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
];

export const caseMessageById = (id: string): CaseMessage | undefined => CASE_MESSAGES.find((m) => m.id === id);

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
    } else if (f.maxLength && text.length > f.maxLength) {
      throw badRequest('INVALID_FIELD', `${f.label.it}: al massimo ${f.maxLength} caratteri.`, { field: f.name });
    }
    out[f.name] = text;
  }
  return out;
}
