/**
 * Server-side validation of a Camunda Form (form-js schema) submission, the same rules form-js checks
 * in the browser: required, pattern, minLength/maxLength, min/max, validationType (email, phone),
 * option values of select/radio/checklist/taglist, number format, and date/time formats of datetime
 * fields. The browser's check is a convenience; this one decides, so a crafted request cannot
 * complete a task with data the form would refuse.
 */
export interface FormFieldError {
  /** the variable name (dotted path inside dynamic lists: `iscrizioni[0].codiceFiscale`) */
  field: string;
  label: string;
  code: 'REQUIRED' | 'PATTERN' | 'MIN_LENGTH' | 'MAX_LENGTH' | 'MIN' | 'MAX' | 'TYPE' | 'EMAIL' | 'PHONE' | 'OPTION' | 'DATE' | 'UNKNOWN_FIELD';
  message: string;
}

interface Component {
  type?: string;
  key?: string;
  path?: string;
  id?: string;
  label?: string;
  dateLabel?: string;
  subtype?: string;
  disabled?: boolean;
  isRepeating?: boolean;
  serializeToString?: boolean;
  decimalDigits?: number;
  values?: Array<{ value: unknown; label?: string }>;
  valuesKey?: string;
  valuesExpression?: string;
  components?: Component[];
  validate?: {
    required?: boolean;
    pattern?: string;
    patternErrorMessage?: string;
    minLength?: number;
    maxLength?: number;
    min?: number;
    max?: number;
    validationType?: string;
  };
}

/** Components that hold no value of their own. */
const DISPLAY_ONLY = new Set(['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'documentPreview', 'expression']);
const CONTAINERS = new Set(['group', 'dynamiclist']);
// form-js's own rules for validationType
const EMAIL = /^[\w-.]+@([\w-]+\.)+[\w-]{2,}$/;
const PHONE = /^\+?[0-9\s().-]{5,}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

export function validateFormSubmission(schema: unknown, data: Record<string, unknown>, options: { allowUnknown?: boolean } = {}): FormFieldError[] {
  const errors: FormFieldError[] = [];
  const root = (schema as { components?: Component[] } | null)?.components ?? [];
  const known = new Set<string>();
  validateComponents(root, data, '', errors, known);
  if (!options.allowUnknown) {
    for (const name of Object.keys(data)) {
      if (!known.has(name)) errors.push({ field: name, label: name, code: 'UNKNOWN_FIELD', message: `Il campo «${name}» non fa parte del modulo.` });
    }
  }
  return errors;
}

function validateComponents(components: Component[], data: Record<string, unknown>, prefix: string, errors: FormFieldError[], known: Set<string>): void {
  for (const c of components) {
    if (c.type && CONTAINERS.has(c.type)) {
      const scope = c.path ? lookup(data, c.path) : data;
      if (c.path) known.add(c.path.split('.')[0]);
      if (c.type === 'dynamiclist' && c.isRepeating !== false) {
        if (scope === undefined || scope === null) continue;
        const where = `${prefix}${c.path ?? ''}`;
        if (!Array.isArray(scope)) {
          errors.push({ field: where, label: labelOf(c), code: 'TYPE', message: `«${labelOf(c)}»: è attesa una lista.` });
          continue;
        }
        scope.forEach((item, i) => {
          if (!item || typeof item !== 'object' || Array.isArray(item)) {
            errors.push({ field: `${where}[${i}]`, label: labelOf(c), code: 'TYPE', message: `«${labelOf(c)}», riga ${i + 1}: è atteso un oggetto.` });
            return;
          }
          const itemKnown = new Set<string>();
          validateComponents(c.components ?? [], item as Record<string, unknown>, `${where}[${i}].`, errors, itemKnown);
          for (const name of Object.keys(item as object)) {
            if (!itemKnown.has(name)) errors.push({ field: `${where}[${i}].${name}`, label: name, code: 'UNKNOWN_FIELD', message: `Il campo «${name}» non fa parte del modulo.` });
          }
        });
      } else {
        const inner = scope && typeof scope === 'object' && !Array.isArray(scope) ? (scope as Record<string, unknown>) : {};
        validateComponents(c.components ?? [], inner, c.path ? `${prefix}${c.path}.` : prefix, errors, c.path ? new Set() : known);
      }
      continue;
    }
    if (!c.key || (c.type && DISPLAY_ONLY.has(c.type))) continue;
    known.add(c.key.split('.')[0]);
    // form-js leaves disabled fields out of the submission; their value is not the user's.
    if (c.disabled) continue;
    const error = validateField(c, lookup(data, c.key));
    if (error) errors.push({ field: `${prefix}${c.key}`, label: labelOf(c), ...error });
  }
}

function validateField(c: Component, value: unknown): Omit<FormFieldError, 'field' | 'label'> | undefined {
  const v = c.validate ?? {};
  const label = labelOf(c);
  if (isEmpty(c, value)) {
    return v.required ? { code: 'REQUIRED', message: `«${label}» è obbligatorio.` } : undefined;
  }
  switch (c.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : c.serializeToString && typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return { code: 'TYPE', message: `«${label}» deve essere un numero.` };
      if (typeof v.min === 'number' && n < v.min) return { code: 'MIN', message: `«${label}» deve essere almeno ${v.min}.` };
      if (typeof v.max === 'number' && n > v.max) return { code: 'MAX', message: `«${label}» può essere al massimo ${v.max}.` };
      if (typeof c.decimalDigits === 'number' && decimals(n) > c.decimalDigits) return { code: 'TYPE', message: `«${label}» ammette al massimo ${c.decimalDigits} decimali.` };
      return undefined;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : { code: 'TYPE', message: `«${label}» deve essere vero o falso.` };
    case 'checklist':
    case 'taglist': {
      if (!Array.isArray(value)) return { code: 'TYPE', message: `«${label}» deve essere una lista di valori.` };
      const bad = value.find((x) => !optionAllowed(c, x));
      return bad === undefined ? undefined : { code: 'OPTION', message: `«${label}»: il valore ${JSON.stringify(bad)} non è tra quelli ammessi.` };
    }
    case 'select':
    case 'radio':
      return optionAllowed(c, value) ? undefined : { code: 'OPTION', message: `«${label}»: il valore ${JSON.stringify(value)} non è tra quelli ammessi.` };
    case 'datetime':
      return validDateTime(c.subtype ?? 'date', value) ? undefined : { code: 'DATE', message: `«${label}»: data o ora non valida (${dateFormatOf(c.subtype)}).` };
    default:
      break;
  }
  if (typeof value !== 'string') return { code: 'TYPE', message: `«${label}» deve essere un testo.` };
  if (typeof v.minLength === 'number' && value.length < v.minLength) return { code: 'MIN_LENGTH', message: `«${label}» deve avere almeno ${v.minLength} caratteri.` };
  if (typeof v.maxLength === 'number' && value.length > v.maxLength) return { code: 'MAX_LENGTH', message: `«${label}» può avere al massimo ${v.maxLength} caratteri.` };
  if (v.pattern && !fullMatch(v.pattern, value)) return { code: 'PATTERN', message: v.patternErrorMessage ? `«${label}»: ${v.patternErrorMessage}` : `«${label}» non ha il formato richiesto.` };
  if (v.validationType === 'email' && !EMAIL.test(value)) return { code: 'EMAIL', message: `«${label}» deve essere un indirizzo e-mail valido.` };
  if (v.validationType === 'phone' && !PHONE.test(value)) return { code: 'PHONE', message: `«${label}» deve essere un numero di telefono valido.` };
  return undefined;
}

function isEmpty(c: Component, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value) && value.length === 0) return true;
  // A required checkbox means "must be ticked", as form-js checks it.
  return c.type === 'checkbox' && value === false && c.validate?.required === true;
}

/** form-js matches the whole value (it anchors the pattern). */
function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true; // an unusable pattern is a form-design error, not the user's
  }
}

function optionAllowed(c: Component, value: unknown): boolean {
  // Options from a variable or an expression are known only at run time: accept what the form offered.
  if (!Array.isArray(c.values) || c.valuesKey || c.valuesExpression) return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  return c.values.some((o) => o.value === value);
}

function validDateTime(subtype: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (subtype === 'time') return TIME.test(value);
  if (subtype === 'date') return validDate(value);
  const i = value.indexOf('T');
  return i > 0 && validDate(value.slice(0, i)) && TIME.test(value.slice(i + 1));
}

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function dateFormatOf(subtype: string | undefined): string {
  return subtype === 'time' ? 'HH:mm' : subtype === 'datetime' ? 'AAAA-MM-GGTHH:mm' : 'AAAA-MM-GG';
}

function decimals(n: number): number {
  const s = String(n);
  if (s.includes('e-')) return Number(s.split('e-')[1]);
  return s.includes('.') ? s.split('.')[1].length : 0;
}

function labelOf(c: Component): string {
  return c.label ?? c.dateLabel ?? c.key ?? c.path ?? c.id ?? '';
}

/** form-js keys may be dotted paths (`a.b`). */
function lookup(data: Record<string, unknown>, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
