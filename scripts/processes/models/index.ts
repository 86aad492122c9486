import type { ProcessSpec } from '../model/ProcessSpec.js';
import { contestazione } from './disciplinare/contestazione.js';
import { flagranza } from './disciplinare/flagranza.js';
import { istruttoria } from './disciplinare/istruttoria.js';
import { procedimentoDisciplinare } from './disciplinare/main.js';
import { analisiFabbisogni } from './formazione/analisi.js';
import { formazione } from './formazione/main.js';
import { monitoraggioObbligatoria } from './formazione/monitoraggio.js';
import { valutazioneDipendente } from './formazione/valutazione.js';
import { domande } from './selezione/domande.js';
import { selezionePersonale } from './selezione/main.js';
import { prove } from './selezione/prove.js';
import { proposta } from './selezione/proposta.js';
import { scorrimento } from './selezione/scorrimento.js';

/** Every process the product deploys; each is written to processes/<id>.bpmn. */
export function allProcessSpecs(): ProcessSpec[] {
  return [
    procedimentoDisciplinare(), contestazione(), istruttoria(), flagranza(),
    selezionePersonale(), domande(), prove(), scorrimento(), proposta(),
    formazione(), analisiFabbisogni(), valutazioneDipendente(), monitoraggioObbligatoria(),
  ];
}
