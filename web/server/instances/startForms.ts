import type { Knex } from 'knex';
import { hasRole, SERVICES, type Service, type UserAccess } from '../auth/roles.js';
import { badRequest, forbidden } from '../errors.js';
import { listComuni } from '../routes/comuneRoutes.js';
import type { StartFormSummary } from '../../shared/startFormTypes.js';

export type { StartField } from '../../shared/startFormTypes.js';

/**
 * What starting a case of each procedure needs: the variables its first steps read (the worker
 * handlers `requireString(v, 'idProcedimento')`, the candidate group `"comune-" + codiceIstat`, the
 * multi-instance over `comuniAderenti`). The called phases (`procedimento-disciplinare-istruttoria`, ...)
 * are started by their parent, never from here.
 */
export interface StartForm extends StartFormSummary {
  service: Service;
  /** the variable that names the case to people; one running case per value */
  businessKey: string;
}

// Escaped for the browser too: an <input pattern> is compiled with the v flag, where a bare / or - in a
// class is a syntax error and the browser silently drops the check.
const CASE_ID = String.raw`^[A-Za-z0-9][A-Za-z0-9\/_.\-]{2,59}$`;

export const START_FORMS: readonly StartForm[] = [
  {
    processDefinitionId: 'procedimento-disciplinare',
    service: 'upd',
    businessKey: 'idProcedimento',
    fields: [
      { name: 'idProcedimento', type: 'text', pattern: CASE_ID, example: 'UPD-2026-001' },
      { name: 'codiceIstat', type: 'comune' },
    ],
  },
  {
    processDefinitionId: 'selezione-personale',
    service: 'selezione',
    businessKey: 'idConcorso',
    fields: [
      { name: 'idConcorso', type: 'text', pattern: CASE_ID, example: 'CONC-2026-001' },
      { name: 'comuniAderenti', type: 'comuni' },
    ],
  },
  {
    processDefinitionId: 'formazione',
    service: 'formazione',
    businessKey: 'idPiano',
    fields: [
      { name: 'idPiano', type: 'text', pattern: CASE_ID, example: 'PF-2027' },
      { name: 'anno', type: 'year' },
      { name: 'comuniAderenti', type: 'comuni' },
    ],
  },
];

export const startFormOf = (processDefinitionId: string): StartForm | undefined => START_FORMS.find((f) => f.processDefinitionId === processDefinitionId);

/** Designers and administrators start any procedure; Provincia staff those of their services. */
export function mayStart(user: UserAccess, form: StartForm): boolean {
  if (hasRole(user, 'designer', 'admin')) return true;
  return hasRole(user, 'provincia') && user.services.includes(form.service) && (SERVICES[form.service] as readonly string[]).includes(form.processDefinitionId);
}

export function startFormsFor(user: UserAccess): StartForm[] {
  return START_FORMS.filter((f) => mayStart(user, f));
}

const invalid = (field: string, detail: string) => badRequest('INVALID_VARIABLE', detail, { field });

/**
 * The start variables, checked field by field against the form: unknown names, missing values, wrong
 * formats and Comuni outside the Provincia are refused with the field named; nothing reaches the engine.
 */
export async function readStartVariables(form: StartForm, input: unknown, knex: Knex): Promise<Record<string, unknown>> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest('INVALID_VARIABLES', 'Le variabili di avvio devono essere un oggetto.');
  const given = input as Record<string, unknown>;
  const unknown = Object.keys(given).filter((k) => !form.fields.some((f) => f.name === k));
  if (unknown.length > 0) throw badRequest('UNKNOWN_VARIABLE', `Variabili non previste per l’avvio: ${unknown.join(', ')}.`, { field: unknown[0] });
  let comuni: Map<string, string> | undefined;
  const comuneName = async (code: unknown, field: string): Promise<{ codiceIstat: string; nome: string }> => {
    if (typeof code !== 'string' || !/^\d{6}$/.test(code)) throw invalid(field, `${field}: il codice ISTAT ha 6 cifre.`);
    comuni ??= new Map((await listComuni(knex)).map((c) => [c.codiceIstat, c.nome]));
    const nome = comuni.get(code);
    if (!nome) throw invalid(field, `${field}: il Comune ${code} non è tra i Comuni della Provincia.`);
    return { codiceIstat: code, nome };
  };
  const out: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = given[field.name];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      throw badRequest('MISSING_VARIABLE', `Campo obbligatorio mancante: ${field.name}.`, { field: field.name });
    }
    switch (field.type) {
      case 'text': {
        const text = typeof value === 'string' ? value.trim() : undefined;
        if (!text || !new RegExp(field.pattern).test(text)) throw invalid(field.name, `${field.name}: formato non valido (es. ${field.example}).`);
        out[field.name] = text;
        break;
      }
      case 'year': {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 2000 || value > 2100) throw invalid(field.name, `${field.name}: anno non valido.`);
        out[field.name] = value;
        break;
      }
      case 'comune':
        out[field.name] = (await comuneName(value, field.name)).codiceIstat;
        break;
      case 'comuni': {
        if (!Array.isArray(value)) throw invalid(field.name, `${field.name}: indica un elenco di codici ISTAT.`);
        if (new Set(value).size !== value.length) throw invalid(field.name, `${field.name}: un Comune è indicato due volte.`);
        const list = [];
        for (const code of value) list.push(await comuneName(code, field.name));
        out[field.name] = list;
        break;
      }
    }
  }
  return out;
}

export function ensureMayStart(user: UserAccess, form: StartForm): void {
  if (!mayStart(user, form)) throw forbidden('Il tuo ruolo non consente di avviare questo procedimento.');
}
