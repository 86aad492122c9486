/** Camunda Form (form-js) components with Italian labels, written compactly. */

export type Component = Record<string, unknown> & { type: string; id: string };

export interface FormSpec {
  id: string;
  title: string;
  intro?: string;
  components: Component[];
}

export const PATTERN = {
  /** Codice fiscale of a natural person, with omocodia letters allowed in the digit positions. */
  codiceFiscale: '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$',
  istat: '^[0-9]{6}$',
  protocollo: '^[0-9]{1,10}/[0-9]{4}$',
} as const;

interface Options {
  required?: boolean;
  description?: string;
}

const validate = (required: boolean | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ required: required ?? true, ...extra });

export const field = {
  testo: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'textfield', id: `Field_${key}`, key, label, description: o.description, validate: validate(o.required) }),
  areaTesto: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'textarea', id: `Field_${key}`, key, label, description: o.description, validate: validate(o.required) }),
  numero: (key: string, label: string, o: Options & { min?: number; max?: number } = {}): Component =>
    ({ type: 'number', id: `Field_${key}`, key, label, decimalDigits: 2, validate: validate(o.required, { min: o.min, max: o.max }) }),
  intero: (key: string, label: string, o: Options & { min?: number; max?: number } = {}): Component =>
    ({ type: 'number', id: `Field_${key}`, key, label, decimalDigits: 0, validate: validate(o.required, { min: o.min, max: o.max }) }),
  data: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'datetime', id: `Field_${key}`, key, subtype: 'date', dateLabel: label, description: o.description, validate: validate(o.required) }),
  dataOra: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'datetime', id: `Field_${key}`, key, subtype: 'datetime', dateLabel: `${label} (data)`, timeLabel: `${label} (ora)`, timeSerializingFormat: 'utc_offset', timeInterval: 15, use24h: true, description: o.description, validate: validate(o.required) }),
  casella: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'checkbox', id: `Field_${key}`, key, label, description: o.description, validate: validate(o.required ?? false) }),
  sceltaUnica: (key: string, label: string, values: Array<[string, string]>, o: Options = {}): Component =>
    ({ type: 'radio', id: `Field_${key}`, key, label, description: o.description, values: values.map(([value, l]) => ({ value, label: l })), validate: validate(o.required) }),
  sceltaMultipla: (key: string, label: string, values: Array<[string, string]>, o: Options = {}): Component =>
    ({ type: 'checklist', id: `Field_${key}`, key, label, description: o.description, values: values.map(([value, l]) => ({ value, label: l })), validate: validate(o.required ?? false) }),
  elenco: (key: string, label: string, values: Array<[string, string]>, o: Options = {}): Component =>
    ({ type: 'select', id: `Field_${key}`, key, label, description: o.description, values: values.map(([value, l]) => ({ value, label: l })), validate: validate(o.required) }),
  email: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'textfield', id: `Field_${key}`, key, label, description: o.description, validate: validate(o.required, { validationType: 'email' }) }),
  codiceFiscale: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'textfield', id: `Field_${key}`, key, label, description: o.description, validate: validate(o.required, { pattern: PATTERN.codiceFiscale, patternErrorMessage: 'Codice fiscale non valido: 16 caratteri maiuscoli.' }) }),
  istat: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'textfield', id: `Field_${key}`, key, label, description: o.description, validate: validate(o.required, { pattern: PATTERN.istat, patternErrorMessage: 'Il codice ISTAT del Comune ha 6 cifre.' }) }),
  protocollo: (key: string, label: string, o: Options = {}): Component =>
    ({ type: 'textfield', id: `Field_${key}`, key, label, description: o.description ?? 'Formato numero/anno, es. 1234/2025', validate: validate(o.required, { pattern: PATTERN.protocollo, patternErrorMessage: 'Numero di protocollo nel formato numero/anno.' }) }),
};

export const SANZIONI: Array<[string, string]> = [
  ['rimprovero-scritto', 'Rimprovero scritto (censura)'],
  ['multa', 'Multa fino a 4 ore di retribuzione'],
  ['sospensione-fino-10-giorni', 'Sospensione fino a 10 giorni'],
  ['sospensione-11-giorni-6-mesi', 'Sospensione da 11 giorni a 6 mesi'],
  ['licenziamento-con-preavviso', 'Licenziamento con preavviso'],
  ['licenziamento-senza-preavviso', 'Licenziamento senza preavviso'],
];

export const SI_NO: Array<[string, string]> = [['si', 'Sì'], ['no', 'No']];

/** A repeatable group of fields whose values form a list variable (form-js dynamic list). */
export function lista(path: string, label: string, components: Component[]): Component {
  return {
    type: 'dynamiclist', id: `Field_${path}`, path, label, isRepeating: true,
    allowAddRemove: true, defaultRepetitions: 1, nonCollapsedItems: 5, components,
  };
}
