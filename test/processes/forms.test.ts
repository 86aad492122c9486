import { beforeAll, describe, expect, it } from 'vitest';
import { extensionsOf } from '../../scripts/processes/model/moddle.js';
import { type FormFile, type LoadedDiagram, flowElementsDeep, loadDiagrams, loadForms } from './support/loadDiagrams.js';

type Component = Record<string, unknown> & { type: string; id: string; key?: string; components?: Component[] };

/** Component types @bpmn-io/form-js 1.23 renders. */
const KNOWN_TYPES = new Set(['text', 'textfield', 'textarea', 'number', 'datetime', 'checkbox', 'radio', 'select', 'dynamiclist', 'checklist', 'taglist', 'group', 'separator', 'spacer']);
/** Words that give away an English label. */
const ENGLISH = /\b(the|and|date|name|number|select|submit|yes|description|please|email address|employee)\b/i;

const flatten = (components: Component[]): Component[] =>
  components.flatMap((c) => [c, ...flatten(c.components ?? [])]);
const inputs = (form: FormFile): Component[] =>
  flatten(form.json['components'] as Component[]).filter((c) => c.key !== undefined);
const labelOf = (c: Component): string => String(c['label'] ?? c['dateLabel'] ?? '');
const patternOf = (c: Component): RegExp | undefined => {
  const p = (c['validate'] as Record<string, unknown> | undefined)?.['pattern'];
  return typeof p === 'string' ? new RegExp(p) : undefined;
};

describe('Camunda forms', () => {
  let diagrams: LoadedDiagram[] = [];
  let forms: FormFile[] = [];
  beforeAll(async () => {
    [diagrams, forms] = await Promise.all([loadDiagrams(), loadForms()]);
  });

  const referencedFormIds = (): Set<string> => new Set(diagrams.flatMap((d) => d.processes.flatMap((p) => flowElementsDeep(p)))
    .flatMap((el) => extensionsOf(el, 'zeebe:FormDefinition').map((f) => String(f['formId']))));

  it('exist for every formId a BPMN user task references, and none is orphaned', () => {
    const ids = new Set(forms.map((f) => f.json['id']));
    for (const id of referencedFormIds()) expect(ids.has(id), `missing processes/forms/${id}.form`).toBe(true);
    for (const id of ids) expect(referencedFormIds().has(String(id)), `${String(id)} is used by no user task`).toBe(true);
  });

  it('are Camunda Form JSON as form-js writes it, with id = file name', () => {
    for (const { file, json } of forms) {
      expect(json['id'], file).toBe(file.replace(/\.form$/, ''));
      expect(json['schemaVersion'], file).toBe(19);
      expect(json['type'], file).toBe('default');
      expect(json['executionPlatform'], file).toBe('Camunda Cloud');
      const all = flatten(json['components'] as Component[]);
      expect(new Set(all.map((c) => c.id)).size, `${file}: duplicate component ids`).toBe(all.length);
      for (const c of all) expect(KNOWN_TYPES.has(c.type), `${file}: ${c.type}`).toBe(true);
      for (const c of all.filter((x) => x.type === 'dynamiclist')) expect(String(c['path']), file).toMatch(/^[a-z][A-Za-z]*$/);
    }
  });

  it('label every input in Italian and declare validate.required', () => {
    for (const form of forms) {
      const fields = inputs(form);
      expect(fields.length, form.file).toBeGreaterThan(0);
      for (const c of fields) {
        expect(labelOf(c).length, `${form.file}: ${c.key} has no label`).toBeGreaterThan(2);
        expect(labelOf(c), `${form.file}: ${c.key}`).not.toMatch(ENGLISH);
        expect(typeof (c['validate'] as Record<string, unknown> | undefined)?.['required'], `${form.file}: ${c.key}`).toBe('boolean');
        expect(c.key, form.file).toMatch(/^[a-z][A-Za-z0-9]*$/);
      }
    }
  });

  it('validate codice fiscale, ISTAT code and e-mail formats', () => {
    const all = forms.flatMap(inputs);
    const cf = all.filter((c) => /codiceFiscale/i.test(String(c.key)));
    const istat = all.filter((c) => /codiceIstat/i.test(String(c.key)));
    expect(cf.length).toBeGreaterThan(5);
    expect(istat.length).toBeGreaterThan(1);
    for (const c of cf) {
      const re = patternOf(c)!;
      expect(re.test('RSSMRA85T10A562S')).toBe(true);
      expect(re.test('RSSMRA85T10A56')).toBe(false);
      expect(re.test('rssmra85t10a562s')).toBe(false);
    }
    for (const c of istat) {
      expect(patternOf(c)!.test('108033')).toBe(true);
      expect(patternOf(c)!.test('10803')).toBe(false);
    }
    for (const c of all.filter((x) => /^(email|pec)/i.test(String(x.key)))) {
      expect((c['validate'] as Record<string, unknown>)['validationType'], String(c.key)).toBe('email');
    }
  });

  it('enter dates with the datetime component', () => {
    for (const c of forms.flatMap(inputs).filter((x) => /^(data|inizio)/.test(String(x.key)))) {
      expect(c.type, String(c.key)).toBe('datetime');
      expect(['date', 'datetime']).toContain(c['subtype']);
    }
  });

  it('let the user set every variable a gateway condition reads from a form', () => {
    const keys = new Set(forms.flatMap(inputs).map((c) => String(c.key)));
    for (const name of ['gravita', 'flagranza', 'sospensioneCautelare', 'rinvioAccolto', 'sospensionePenale', 'esito',
      'tipoConcorso', 'preselezione', 'conflittoInteressi', 'scorrimentoAutorizzato', 'fabbisogniValidati', 'pianoAdottato']) {
      expect(keys.has(name), name).toBe(true);
    }
  });
});
