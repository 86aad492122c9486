import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_FORMAZIONE, at } from '../shared.js';
import { CALCOLA_SCADENZE, ERROR, GROUP_COMUNE_ITERAZIONE, LANES, PROCESS } from './constants.js';

/** F1–F3 for one Comune: profiles, assessments per employee, training needs validated by the Comune. */
export function analisiFabbisogni(): ProcessSpec {
  const { comune, form } = { comune: LANES.comune.key, form: LANES.formazione.key };
  const b = new ProcessBuilder({
    id: PROCESS.analisi,
    name: 'Analisi dei fabbisogni formativi del Comune',
    participantName: 'Analisi dei fabbisogni formativi di un Comune',
    documentation: 'Fasi F1–F3 della mappatura PromoPA. Il report dei fabbisogni alimenta la sezione 3 del PIAO (art. 6 DL 80/2021).',
    lanes: [LANES.comune, LANES.formazione],
  });

  const start = b.start('Start_Analisi', 'Analisi avviata', form);
  const scadenze = b.service('Service_CalcolaScadenzeAnalisi', 'Calcola le scadenze delle valutazioni', form, CALCOLA_SCADENZE, { headers: { fase: 'valutazione' } });
  const profili = b.userTask('Task_Profili', 'Fornisci organigramma e profili professionali', comune, {
    groups: GROUP_COMUNE_ITERAZIONE, form: 'formazione-profili',
    doc: 'F1: il Comune fornisce organigramma, profili e l’elenco dei dipendenti; la Provincia il dizionario delle competenze.',
  });
  const mappa = b.service('Service_MappaProfili', 'Genera la mappa dei profili', form, 'formazione-genera-mappa-profili');
  const valuta = b.call('Call_Valutazione', 'Valuta le competenze del dipendente', form, PROCESS.valutazione, {
    multi: { collection: '=dipendenti', element: 'dipendente' },
  });
  const aggrega = b.service('Service_AggregaValutazioni', 'Aggrega le schede di valutazione', form, 'formazione-aggrega-valutazioni');
  const calcolo = b.xor('Gateway_Calcolo', 'Fabbisogni da calcolare', form);
  const fabbisogni = b.service('Service_CalcolaFabbisogni', 'Calcola gli scostamenti e i fabbisogni', form, 'formazione-calcola-fabbisogni', {
    doc: 'F3: confronto tra competenze attese dei profili e competenze rilevate. Lancia PROFILI_INCOMPLETI se un dipendente non ha un profilo mappato.',
  });
  const incompleti = b.boundary('Error_ProfiliIncompleti', 'Profili incompleti', fabbisogni, { kind: 'error', code: ERROR.profiliIncompleti });
  const completa = b.userTask('Task_CompletaProfili', 'Completa la mappatura dei profili', comune, { groups: GROUP_COMUNE_ITERAZIONE, form: 'formazione-profili' });
  const validazione = b.xor('Gateway_Validazione', 'Report da validare', comune);
  const valida = b.userTask('Task_ValidaFabbisogni', 'Valida obiettivi formativi e fabbisogni', comune, {
    groups: GROUP_COMUNE_ITERAZIONE, form: 'formazione-validazione-fabbisogni', due: at('scadenzaPiao'),
  });
  const validato = b.xor('Gateway_Validato', 'Report validato?', comune);
  const rivedi = b.userTask('Task_RivediFabbisogni', 'Rivedi il report dei fabbisogni', form, { groups: GROUP_FORMAZIONE, form: 'formazione-revisione-fabbisogni' });
  const end = b.end('End_FabbisogniValidati', 'Fabbisogni validati', comune);

  b.chain(start, scadenze, profili, mappa, valuta, aggrega, calcolo, fabbisogni, validazione, valida, validato);
  b.chain(incompleti, completa, calcolo);
  b.flow(validato, end, { name: 'Sì', condition: '=fabbisogniValidati = true' });
  b.flow(validato, rivedi, { name: 'No', isDefault: true });
  b.chain(rivedi, validazione);
  return b.build();
}
