import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { NOTIFICA_INVIA, at, deadlineDoc } from '../shared.js';
import { GROUP_COMUNE_ITERAZIONE, LANES, MESSAGE, PROCESS } from './constants.js';

/** F2 for one employee: self-assessment (from Syllabus, as a message) and the manager's assessment. */
export function valutazioneDipendente(): ProcessSpec {
  const { comune, form } = { comune: LANES.comune.key, form: LANES.formazione.key };
  const b = new ProcessBuilder({
    id: PROCESS.valutazione,
    name: 'Valutazione delle competenze del dipendente',
    participantName: 'Auto ed etero valutazione delle competenze',
    documentation: 'Fase F2 della mappatura PromoPA. Autovalutazione sulla piattaforma Syllabus del Dipartimento della Funzione Pubblica (assessment iniziale), eterovalutazione del responsabile.',
    lanes: [LANES.comune, LANES.formazione],
  });

  const start = b.start('Start_Valutazione', 'Valutazione avviata', form);
  const split = b.and('Gateway_Valutazioni', 'Due valutazioni', form);
  const auto = b.receive('Receive_Autovalutazione', 'Ricevi l’autovalutazione dal Syllabus', form, MESSAGE.autovalutazione, '=idPiano + "-" + dipendente.codiceFiscale');
  const ritardo = b.boundary('Timer_AutovalutazioneOrdinatorio', 'Termine ordinatorio per l’autovalutazione scaduto', auto,
    { kind: 'timer', date: at('scadenzaValutazioni'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'convenzione Provincia–Comuni (non è un termine di legge)', 'Termine interno per completare le schede di valutazione.'),
    });
  const sollecito = b.send('Send_SollecitoAutovalutazione', 'Sollecita il dipendente', form, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'sollecito-autovalutazione' } });
  const endSollecito = b.end('End_SollecitoAutovalutazione', 'Sollecito inviato', form);
  const etero = b.userTask('Task_Eterovalutazione', 'Compila l’eterovalutazione del dipendente', comune, {
    groups: GROUP_COMUNE_ITERAZIONE, form: 'formazione-eterovalutazione', due: at('scadenzaValutazioni'),
  });
  const join = b.and('Gateway_ValutazioniRaccolte', 'Valutazioni raccolte', form);
  const registra = b.service('Service_RegistraValutazione', 'Registra la scheda di valutazione', form, 'formazione-registra-valutazione');
  const end = b.end('End_Valutato', 'Dipendente valutato', form);

  b.chain(start, split, auto, join);
  b.chain(split, etero, join, registra, end);
  b.chain(ritardo, sollecito, endSollecito);
  return b.build();
}
