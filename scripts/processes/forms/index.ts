import { disciplinareForms } from './disciplinare.js';
import type { FormSpec } from './fields.js';
import { formazioneForms } from './formazione.js';
import { selezioneForms } from './selezione.js';

export function allFormSpecs(): FormSpec[] {
  return [...disciplinareForms, ...selezioneForms, ...formazioneForms];
}
