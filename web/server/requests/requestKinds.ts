import { badRequest } from '../errors.js';

/**
 * What a Comune asks the Provincia for from «Nuova richiesta», as the single point of contact of the
 * convenzione: each kind starts (or joins) the procedure of the service that handles it.
 * - segnalazione: the responsabile della struttura reports the fact to the UPD, "immediatamente, e comunque
 *   entro dieci giorni" (art. 55-bis c.4 D.Lgs. 165/2001, as rewritten by D.Lgs. 75/2017): a disciplinary case
 *   starts at «Registra la notizia del fatto», prefilled with what was reported, and the 10-day term runs from
 *   the day of knowledge (workers/disciplinare/deadlines.ts, fase segnalazione); the request is the
 *   segnalazione itself, delivered to the case when it waits for it (fileRequest.ts);
 * - concorso: a concorso associato for this Comune starts at «Dichiara i posti da coprire»;
 * - fabbisogni formativi: joins the running training plan of that year that includes this Comune, or
 *   starts one for it (analysis of the needs first).
 */
export type RequestKindId = 'segnalazione' | 'concorso' | 'fabbisogni-formativi';

export interface RequestField {
  name: string;
  kind: 'text' | 'textarea' | 'date' | 'integer' | 'year';
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  label: { it: string; en: string };
}

export interface RequestKind {
  id: RequestKindId;
  processDefinitionId: string;
  /** the case's number variable, and its prefix: UPD-2026-108033-001 */
  businessKey: 'idProcedimento' | 'idConcorso' | 'idPiano';
  prefix: string;
  label: { it: string; en: string };
  fields: RequestField[];
}

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric' }).format(new Date()));
export const todayInRome = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

export const REQUEST_KINDS: readonly RequestKind[] = [
  {
    id: 'segnalazione',
    processDefinitionId: 'procedimento-disciplinare',
    businessKey: 'idProcedimento',
    prefix: 'UPD',
    label: { it: 'Segnala un fatto di rilievo disciplinare all’UPD', en: 'Report a disciplinary matter to the UPD' },
    fields: [
      // the names of the notizia form (processes/forms/disciplinare-notizia-fatto.form), so its task opens prefilled
      { name: 'matricolaDipendente', kind: 'text', required: true, maxLength: 40, label: { it: 'Matricola del dipendente', en: 'Employee number' } },
      { name: 'dataConoscenza', kind: 'date', required: true, label: { it: 'Data in cui si è avuta conoscenza del fatto', en: 'Day the fact became known' } },
      { name: 'descrizioneFatto', kind: 'textarea', required: true, maxLength: 4000, label: { it: 'Descrizione dei fatti', en: 'Description of the facts' } },
    ],
  },
  {
    id: 'concorso',
    processDefinitionId: 'selezione-personale',
    businessKey: 'idConcorso',
    prefix: 'CONC',
    label: { it: 'Chiedi un concorso per posti del Comune', en: 'Ask for a recruitment (concorso) for the Comune' },
    fields: [
      { name: 'profiloRichiesto', kind: 'text', required: true, maxLength: 200, label: { it: 'Profilo professionale da coprire', en: 'Job profile to fill' } },
      { name: 'postiRichiesti', kind: 'integer', required: true, min: 1, max: 50, label: { it: 'Numero di posti', en: 'Number of posts' } },
      { name: 'noteRichiesta', kind: 'textarea', required: false, maxLength: 2000, label: { it: 'Note (fabbisogno nel PIAO, tempi)', en: 'Notes (staffing plan, timing)' } },
    ],
  },
  {
    id: 'fabbisogni-formativi',
    processDefinitionId: 'formazione',
    businessKey: 'idPiano',
    prefix: 'PF',
    label: { it: 'Invia i fabbisogni formativi del Comune', en: 'Send the Comune’s training needs' },
    fields: [
      { name: 'anno', kind: 'year', required: true, label: { it: 'Anno del piano formativo', en: 'Year of the training plan' } },
      { name: 'fabbisogniFormativi', kind: 'textarea', required: true, maxLength: 4000, label: { it: 'Fabbisogni formativi (aree, profili, priorità)', en: 'Training needs (areas, profiles, priorities)' } },
      { name: 'dipendentiInteressati', kind: 'integer', required: false, min: 1, max: 5000, label: { it: 'Dipendenti interessati', en: 'Employees concerned' } },
    ],
  },
];

export const requestKindById = (id: unknown): RequestKind | undefined => REQUEST_KINDS.find((k) => k.id === id);

const invalid = (field: RequestField, detail: string) => badRequest('INVALID_FIELD', `${field.label.it}: ${detail}.`, { field: field.name });

/** The request's values, field by field, or 400 naming the first wrong one. */
export function readRequestValues(kind: RequestKind, input: unknown): Record<string, string | number> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('INVALID_VALUES', 'I dati della richiesta devono essere un oggetto.');
  const given = input as Record<string, unknown>;
  const unknown = Object.keys(given).find((k) => !kind.fields.some((f) => f.name === k));
  if (unknown) throw badRequest('UNKNOWN_FIELD', `Campo non previsto per questa richiesta: ${unknown}.`, { field: unknown });
  const out: Record<string, string | number> = {};
  for (const f of kind.fields) {
    const raw = given[f.name];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (f.required) throw invalid(f, 'campo obbligatorio');
      continue;
    }
    switch (f.kind) {
      case 'text':
      case 'textarea': {
        if (typeof raw !== 'string') throw invalid(f, 'testo atteso');
        const text = raw.trim();
        if (f.maxLength && text.length > f.maxLength) throw invalid(f, `al massimo ${f.maxLength} caratteri`);
        out[f.name] = text;
        break;
      }
      case 'date': {
        const text = typeof raw === 'string' ? raw.trim() : '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) throw invalid(f, 'data non valida (AAAA-MM-GG)');
        if (text > todayInRome()) throw invalid(f, 'la data non può essere futura');
        out[f.name] = text;
        break;
      }
      case 'integer':
      case 'year': {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
        const [min, max] = f.kind === 'year' ? [thisYear(), thisYear() + 1] : [f.min ?? 0, f.max ?? Number.MAX_SAFE_INTEGER];
        if (!Number.isInteger(n)) throw invalid(f, 'numero intero atteso');
        if (n < min || n > max) throw invalid(f, f.kind === 'year' ? `l’anno in corso o il prossimo (${min} o ${max})` : `da ${min} a ${max}`);
        out[f.name] = n;
        break;
      }
    }
  }
  return out;
}
