import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { NOTIFICA_INVIA, at } from '../shared.js';
import { GROUP_COMMISSIONE, LANES, PROCESS } from './constants.js';

/** S9–S12: preselezione, prova scritta, titoli, prova orale. */
export function prove(): ProcessSpec {
  const { sel, com } = { sel: LANES.selezione.key, com: LANES.commissione.key };
  const b = new ProcessBuilder({
    id: PROCESS.prove,
    name: 'Prove d’esame',
    participantName: 'Concorso – Prove d’esame',
    documentation: 'Fasi S9–S12 (DPR 487/1994 come modificato dal DPR 82/2023). Le date sono fissate all’insediamento e verificate dal worker delle scadenze.',
    lanes: [LANES.selezione, LANES.commissione],
  });

  const start = b.start('Start_Prove', 'Calendario delle prove fissato', sel);
  const pre = b.xor('Gateway_Preselezione', 'Preselezione prevista?', sel);
  const dataPre = b.waitUntil('Timer_DataPreselezione', 'Data della preselezione', sel, at('dataPreselezione'), 'attesa',
    'Calendario pubblicato almeno 15 giorni prima (DPR 487/1994, da verificare).');
  const preselezione = b.service('Service_Preselezione', 'Esegui la preselezione', sel, 'selezione-esegui-preselezione', {
    doc: 'Test gestito dalla commissione o da un’impresa specializzata; il worker importa gli esiti.',
  });
  const preFatta = b.xor('Gateway_PreselezioneFatta', 'Ammessi alla prova scritta', sel);
  const dataScritta = b.waitUntil('Timer_DataProvaScritta', 'Data della prova scritta', com, at('dataProvaScritta'), 'attesa',
    'Preavviso di almeno 15 giorni (DPR 487/1994, da verificare).');
  const correggi = b.userTask('Task_CorreggiScritta', 'Correggi in forma anonima la prova scritta', com, {
    groups: GROUP_COMMISSIONE, form: 'selezione-correzione-scritta',
  });
  const abbina = b.service('Service_AbbinaElaborati', 'Abbina elaborati e candidati', sel, 'selezione-abbina-elaborati', {
    doc: 'Scioglimento dell’anonimato solo dopo la correzione di tutti gli elaborati.',
  });
  const titoli = b.xor('Gateway_Titoli', 'Concorso per titoli ed esami?', com);
  const valutaTitoli = b.userTask('Task_ValutaTitoli', 'Valuta i titoli', com, { groups: GROUP_COMMISSIONE, form: 'selezione-valutazione-titoli' });
  const titoliFatti = b.xor('Gateway_TitoliValutati', 'Titoli valutati', com);
  const convoca = b.send('Send_ConvocaOrale', 'Convoca gli ammessi alla prova orale', sel, NOTIFICA_INVIA, { headers: { canale: 'pec', modello: 'convocazione-orale' } });
  const dataOrale = b.waitUntil('Timer_DataProvaOrale', 'Data della prova orale', com, at('dataProvaOrale'), 'attesa',
    'Convocazione almeno 20 giorni prima della prova orale (DPR 487/1994, da verificare).');
  const orale = b.userTask('Task_ProvaOrale', 'Svolgi la prova orale pubblica', com, { groups: GROUP_COMMISSIONE, form: 'selezione-prova-orale' });
  const end = b.end('End_ProveConcluse', 'Prove concluse', com);

  b.chain(start, pre);
  b.flow(pre, dataPre, { name: 'Sì', condition: '=preselezione = true' });
  b.flow(pre, preFatta, { name: 'No', isDefault: true });
  b.chain(dataPre, preselezione, preFatta, dataScritta, correggi, abbina, titoli);
  b.flow(titoli, valutaTitoli, { name: 'Sì', condition: '=tipoConcorso = "titoli-ed-esami"' });
  b.flow(titoli, titoliFatti, { name: 'No', isDefault: true });
  b.chain(valutaTitoli, titoliFatti, convoca, dataOrale, orale, end);
  return b.build();
}
