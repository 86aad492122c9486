import type { CaseDataField } from '../../shared/caseFileTypes.js';
import type { FieldLabel } from './caseDataLabels.js';

const ROME_DATE_TIME = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const NUMBER = new Intl.NumberFormat('it-IT');
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** 2026-03-05 → 05/03/2026 (a calendar day: no time zone moves it). */
export function italianDate(value: string): string {
  const m = PLAIN_DATE.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** An instant in Rome time, dd/mm/yyyy hh:mm; anything else as it is. */
export function italianDateTime(value: string): string {
  if (PLAIN_DATE.test(value)) return italianDate(value);
  if (!INSTANT.test(value) || !Number.isFinite(Date.parse(value))) return value;
  return ROME_DATE_TIME.format(new Date(value)).replace(',', '');
}

/** A value as Italian text: dates in the Italian way, yes/no, a choice by its label. */
function text(value: unknown, label: FieldLabel | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value ? 'Sì' : 'No';
  if (typeof value === 'number') return NUMBER.format(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) => text(v, label?.kind === 'multichoice' ? { ...label, kind: 'choice' } : undefined)).filter((v): v is string => !!v);
    return parts.length ? parts.join(', ') : undefined;
  }
  if (typeof value === 'object') return undefined;
  const s = String(value);
  if (label?.kind === 'choice' || label?.kind === 'multichoice') return label.options?.get(s) ?? s;
  if (label?.kind === 'date') return italianDate(s);
  return italianDateTime(s);
}

/** One row of a list (a dynamic list of the form): its labelled columns, "Nominativo: Rossi Maria; Voto: 27". */
function rowText(row: unknown, columns: Map<string, FieldLabel>): string | undefined {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return text(row, undefined);
  const parts: string[] = [];
  for (const [key, column] of columns) {
    const v = text((row as Record<string, unknown>)[key], column);
    if (v !== undefined) parts.push(`${column.label}: ${v}`);
  }
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * The case data as people read it: only variables a form labels (or the case's own number), in the
 * labels' order, each value as Italian text. The Comune fields are shown with their names by the caller.
 */
export function caseDataFields(variables: Record<string, unknown>, labels: Map<string, FieldLabel>, skip: ReadonlySet<string> = new Set()): CaseDataField[] {
  const out: CaseDataField[] = [];
  for (const [key, label] of labels) {
    if (skip.has(key) || !Object.hasOwn(variables, key)) continue;
    const value = variables[key];
    if (label.kind === 'list') {
      if (!Array.isArray(value) || value.length === 0) continue;
      const items = value.map((row) => rowText(row, label.columns ?? new Map())).filter((v): v is string => !!v);
      out.push({ key, label: label.label, value: items.length === 1 ? '1 voce' : `${items.length} voci`, items });
      continue;
    }
    const shown = text(value, label);
    if (shown !== undefined) out.push({ key, label: label.label, value: shown });
  }
  return out;
}
