import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What a case variable is called and how its value reads, taken from the Camunda forms that ask for it
 * (processes/forms/*.form): the field's Italian label, whether it is a date, a date and time, a choice
 * (whose options have labels), a yes/no or a list of rows. A variable no form asks for is an internal one
 * (deadline bookkeeping, worker outputs, notes for the developers) and is not shown as case data.
 */
export type FieldKind = 'text' | 'number' | 'date' | 'datetime' | 'choice' | 'multichoice' | 'boolean' | 'list';

export interface FieldLabel {
  label: string;
  kind: FieldKind;
  /** the labels of a choice's values */
  options?: Map<string, string>;
  /** a list's columns */
  columns?: Map<string, FieldLabel>;
}

interface FormComponent {
  type?: string;
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  subtype?: string;
  values?: Array<{ value?: unknown; label?: unknown }>;
  components?: FormComponent[];
}

/** The variables a case starts with (web/server/instances/startForms.ts) have no form of their own. */
const START_LABELS: ReadonlyArray<[string, FieldLabel]> = [
  ['idProcedimento', { label: 'Numero di pratica', kind: 'text' }],
  ['idConcorso', { label: 'Numero del concorso', kind: 'text' }],
  ['idPiano', { label: 'Piano formativo', kind: 'text' }],
  ['anno', { label: 'Anno', kind: 'number' }],
];

function labelOf(c: FormComponent): FieldLabel | undefined {
  const label = (c.type === 'datetime' ? c.dateLabel : c.label)?.trim();
  if (!label) return undefined;
  switch (c.type) {
    case 'datetime':
      return { label: label.replace(/\s*\(data\)$/, ''), kind: c.subtype === 'date' ? 'date' : 'datetime' };
    case 'number':
      return { label, kind: 'number' };
    case 'checkbox':
      return { label, kind: 'boolean' };
    case 'select':
    case 'radio':
    case 'checklist':
    case 'taglist': {
      const options = new Map<string, string>();
      for (const v of c.values ?? []) if (v.value !== undefined && typeof v.label === 'string') options.set(String(v.value), v.label);
      return { label, kind: c.type === 'checklist' || c.type === 'taglist' ? 'multichoice' : 'choice', options };
    }
    case 'dynamiclist': {
      const columns = new Map<string, FieldLabel>();
      collect(c.components ?? [], columns);
      return { label, kind: 'list', columns };
    }
    case 'textfield':
    case 'textarea':
      return { label, kind: 'text' };
    default:
      return undefined;
  }
}

/** Top-level keys of a form: fields, and the fields of groups without a path of their own. */
function collect(components: FormComponent[], into: Map<string, FieldLabel>): void {
  for (const c of components) {
    const name = c.type === 'dynamiclist' ? c.path : c.key;
    if (name && !name.includes('.')) {
      const label = labelOf(c);
      if (label && !into.has(name)) into.set(name, label);
      continue;
    }
    if (!c.path && c.components) collect(c.components, into);
  }
}

/** Reads every form once; a form that does not parse is skipped (the linter reports it, not the case page). */
export class CaseDataLabels {
  private labels?: Promise<Map<string, FieldLabel>>;

  constructor(private readonly formsDir: string) {}

  all(): Promise<Map<string, FieldLabel>> {
    this.labels ??= this.load();
    return this.labels;
  }

  private async load(): Promise<Map<string, FieldLabel>> {
    const out = new Map<string, FieldLabel>(START_LABELS);
    const names = (await readdir(this.formsDir).catch(() => [] as string[])).filter((n) => n.endsWith('.form')).sort();
    for (const name of names) {
      try {
        const schema = JSON.parse(await readFile(path.join(this.formsDir, name), 'utf8')) as { components?: FormComponent[] };
        collect(schema.components ?? [], out);
      } catch {
        // not a form
      }
    }
    return out;
  }
}
