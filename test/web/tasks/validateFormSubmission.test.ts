import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFormSubmission } from '../../../web/server/tasks/form/validateFormSubmission.js';

const form = (name: string) => JSON.parse(fs.readFileSync(path.resolve('processes/forms', `${name}.form`), 'utf8'));
const fields = (errors: Array<{ field: string }>) => errors.map((e) => e.field);

describe('server-side validation of Camunda Form submissions', () => {
  it('accepts a complete, well-formed submission', () => {
    const errors = validateFormSubmission(form('disciplinare-notizia-fatto'), {
      codiceIstat: '108033', matricolaDipendente: 'M-1', codiceFiscaleDipendente: 'RSSMRA80A01F704X', dataConoscenza: '2025-03-03',
      descrizioneFatto: 'fatti', gravita: 'upd', flagranza: false,
    });
    expect(errors).toEqual([]);
  });

  it('names each required field that is missing or empty', () => {
    const errors = validateFormSubmission(form('disciplinare-notizia-fatto'), { codiceIstat: '', matricolaDipendente: null });
    expect(fields(errors)).toEqual(['codiceIstat', 'matricolaDipendente', 'codiceFiscaleDipendente', 'dataConoscenza', 'descrizioneFatto', 'gravita']);
    expect(errors[0]).toMatchObject({ code: 'REQUIRED', label: 'Codice ISTAT del Comune' });
  });

  it('checks lengths, number ranges, decimals, e-mail, options and date-times', () => {
    const schema = {
      components: [
        { type: 'textfield', key: 'nome', label: 'Nome', validate: { minLength: 2, maxLength: 5 } },
        { type: 'number', key: 'ore', label: 'Ore', decimalDigits: 1, validate: { min: 1, max: 40 } },
        { type: 'textfield', key: 'pec', label: 'PEC', validate: { validationType: 'email' } },
        { type: 'select', key: 'esito', label: 'Esito', values: [{ value: 'a' }, { value: 'b' }] },
        { type: 'datetime', key: 'quando', subtype: 'datetime', dateLabel: 'Quando' },
        { type: 'dynamiclist', path: 'righe', isRepeating: true, components: [{ type: 'textfield', key: 'cf', label: 'CF', validate: { required: true, pattern: '[A-Z]{3}' } }] },
      ],
    };
    expect(fields(validateFormSubmission(schema, { nome: 'x', ore: 41, pec: 'no', esito: 'c', quando: '2030-02-30T10:00', righe: [{ cf: 'ABC' }, { cf: 'abcd' }] })))
      .toEqual(['nome', 'ore', 'pec', 'esito', 'quando', 'righe[1].cf']);
    expect(fields(validateFormSubmission(schema, { nome: 'troppo lungo', ore: 2.25 }))).toEqual(['nome', 'ore']);
    expect(validateFormSubmission(schema, { nome: 'Ada', ore: 2.5, pec: 'a@b.it', esito: 'b', quando: '2030-04-10T10:00+02:00', righe: [{ cf: 'ABC' }] })).toEqual([]);
  });

  it('refuses variables the form does not have', () => {
    expect(validateFormSubmission({ components: [{ type: 'textfield', key: 'a' }] }, { a: 'x', esitoFinale: 'licenziamento' })).toEqual([
      expect.objectContaining({ field: 'esitoFinale', code: 'UNKNOWN_FIELD' }),
    ]);
  });
});
