import type { ProcessSpec } from '../model/ProcessSpec.js';
import { contestazione } from './disciplinare/contestazione.js';
import { flagranza } from './disciplinare/flagranza.js';
import { istruttoria } from './disciplinare/istruttoria.js';
import { procedimentoDisciplinare } from './disciplinare/main.js';

/** Every process the product deploys; each is written to processes/<id>.bpmn. */
export function allProcessSpecs(): ProcessSpec[] {
  return [procedimentoDisciplinare(), contestazione(), istruttoria(), flagranza()];
}
