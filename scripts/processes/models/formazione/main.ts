import { ProcessBuilder } from '../../model/ProcessBuilder.js';
import type { ProcessSpec } from '../../model/ProcessSpec.js';
import { GROUP_FORMAZIONE, NOTIFICA_INVIA, at, deadlineDoc } from '../shared.js';
import { CALCOLA_SCADENZE, GROUP_COMUNE_ITERAZIONE, LANES, PROCESS } from './constants.js';

/** The annual training cycle F1–F9; F1–F3 (per Comune) and F4 are called processes. */
export function formazione(): ProcessSpec {
  const { comune, form } = { comune: LANES.comune.key, form: LANES.formazione.key };
  const perComune = { collection: '=comuniAderenti', element: 'comune' };
  const b = new ProcessBuilder({
    id: PROCESS.main,
    name: 'Formazione del personale (ciclo annuale)',
    participantName: 'Ciclo annuale della formazione – Provincia per i Comuni',
    documentation:
      'Nove fasi della mappatura PromoPA. Direttiva del Ministro per la PA 14 gennaio 2025: almeno 40 ore di formazione per dipendente ' +
      'all’anno, obiettivo di performance di dirigenti e responsabili. Piano nella sezione 3 del PIAO (art. 6 DL 80/2021). ' +
      'La ripartizione Provincia/Comune è quella proposta dalla convenzione, non un’attribuzione di legge.',
    lanes: [LANES.comune, LANES.formazione],
  });

  const start = b.start('Start_CicloAnnuale', 'Avvio del ciclo formativo annuale', form);
  const scadenze = b.service('Service_CalcolaScadenzeCiclo', 'Calcola le scadenze del ciclo annuale', form, CALCOLA_SCADENZE, { headers: { fase: 'ciclo' } });
  const dizionario = b.service('Service_AggiornaDizionario', 'Aggiorna il dizionario delle competenze', form, 'formazione-aggiorna-dizionario-competenze');
  const avvio = b.and('Gateway_Avvio', 'Avvio delle attività', form);
  const analisi = b.call('Call_AnalisiFabbisogni', 'Analisi dei fabbisogni del Comune', comune, PROCESS.analisi, {
    multi: { ...perComune, outputCollection: 'reportFabbisogni', outputElement: '=reportFabbisogno' },
  });
  const ritardoPiao = b.boundary('Timer_PiaoOrdinatorio', 'Termine ordinatorio del PIAO scaduto', analisi,
    { kind: 'timer', date: at('scadenzaPiao'), deadline: 'ordinatorio' }, {
      interrupting: false,
      doc: deadlineDoc('ordinatorio', 'art. 6 DL 80/2021; art. 8 c.2 DM 132/2022', 'PIAO entro il 31 gennaio o, se il termine del bilancio di previsione è differito (variabile termineBilancioPrevisione), 30 giorni dopo il termine differito. Il report dei fabbisogni alimenta la sezione 3 del PIAO.'),
    });
  const sollecitoPiao = b.send('Send_RitardoPiao', 'Segnala il ritardo ai Comuni', form, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'ritardo-fabbisogni' } });
  const endSollecitoPiao = b.end('End_RitardoPiao', 'Ritardo segnalato', form);
  const offerta = b.userTask('Task_OffertaFormativa', 'Valuta l’offerta formativa esistente', form, {
    groups: GROUP_FORMAZIONE, form: 'formazione-offerta-formativa',
    doc: 'F6: Syllabus, SNA, Formez, Regione e fornitori accreditati.',
  });
  const monitoraggio = b.call('Call_Monitoraggio', 'Monitoraggio della formazione obbligatoria', form, PROCESS.monitoraggio);
  const analisiFatte = b.and('Gateway_AnalisiConcluse', 'Fabbisogni e offerta pronti', form);
  const redazione = b.xor('Gateway_Redazione', 'Piano da redigere', form);
  const redigi = b.userTask('Task_RedigiPiano', 'Redigi i piani formativi', form, {
    groups: GROUP_FORMAZIONE, form: 'formazione-redazione-piano', due: at('scadenzaPiao'),
    doc: 'F5: la Provincia redige una proposta di piano per ciascun Comune.',
  });
  const documentoPiano = b.service('Service_GeneraPiano', 'Genera il piano formativo', form, 'documento-genera-piano-formativo', {
    doc: 'F5: documento PDF del piano, con impronta SHA-256 registrata nel registro di audit.',
  });
  const adotta = b.userTask('Task_AdottaPiano', 'Adotta il piano formativo nel PIAO', comune, {
    groups: GROUP_COMUNE_ITERAZIONE, form: 'formazione-adozione-piano', due: at('scadenzaPiao'),
    multi: { ...perComune, outputCollection: 'pianiAdottati', outputElement: '=pianoAdottato' },
    doc: 'F5: ogni Comune valida e adotta il proprio piano (sezione 3 del PIAO).',
  });
  const adottati = b.xor('Gateway_PianiAdottati', 'Tutti i piani adottati?', comune);
  const pianifica = b.userTask('Task_PianificaEdizioni', 'Pianifica le edizioni dei corsi condivisi', form, {
    groups: GROUP_FORMAZIONE, form: 'formazione-pianificazione',
    doc: 'F7: calendario delle edizioni comuni a più Comuni.',
  });
  const calendario = b.send('Send_Calendario', 'Invia il calendario e le richieste di iscrizione', form, NOTIFICA_INVIA, { headers: { canale: 'email', modello: 'calendario-formazione' } });
  const autorizza = b.userTask('Task_AutorizzaFrequenza', 'Autorizza la partecipazione dei dipendenti', comune, {
    groups: GROUP_COMUNE_ITERAZIONE, form: 'formazione-autorizzazione-frequenza',
    multi: { ...perComune, outputCollection: 'iscrizioni', outputElement: '=iscrizioniAutorizzate' },
  });
  const eroga = b.userTask('Task_Erogazione', 'Gestisci l’edizione e il registro presenze', form, {
    groups: GROUP_FORMAZIONE, form: 'formazione-registro-presenze',
    multi: { collection: '=edizioni', element: 'edizione', outputCollection: 'registriPresenze', outputElement: '=registroPresenze' },
    doc: 'F8: supporto all’erogazione, registro delle presenze per edizione.',
  });
  const attestati = b.service('Service_GeneraAttestati', 'Genera gli attestati di frequenza', form, 'documento-genera-attestati');
  const fineAttivita = b.and('Gateway_FineAttivita', 'Attività dell’anno concluse', form);
  const fineAnno = b.waitUntil('Timer_FineAnno', '31 dicembre: chiusura dell’anno formativo', form, at('fineAnnoFormativo'), 'attesa',
    'F9: il monitoraggio finale si riferisce all’anno solare (Direttiva del Ministro per la PA 14 gennaio 2025).');
  const ore = b.service('Service_CalcolaOre', 'Calcola le ore per dipendente rispetto alle 40 ore', form, 'formazione-calcola-ore-formazione');
  const report = b.service('Service_ReportAnnuale', 'Genera il report annuale', form, 'documento-genera-report-annuale');
  const acquisisci = b.userTask('Task_AcquisisciReport', 'Acquisisci il report per la valutazione della performance', comune, {
    groups: GROUP_COMUNE_ITERAZIONE, form: 'formazione-acquisizione-report', multi: perComune,
  });
  const end = b.end('End_CicloConcluso', 'Ciclo formativo concluso', comune);

  b.chain(start, scadenze, dizionario, avvio);
  b.chain(avvio, analisi, analisiFatte);
  b.chain(ritardoPiao, sollecitoPiao, endSollecitoPiao);
  b.chain(avvio, offerta, analisiFatte, redazione, redigi, documentoPiano, adotta, adottati);
  b.flow(adottati, pianifica, { name: 'Sì', condition: '=every p in pianiAdottati satisfies p = true' });
  b.flow(adottati, redazione, { name: 'No', isDefault: true });
  b.chain(pianifica, calendario, autorizza, eroga, attestati, fineAttivita);
  b.chain(avvio, monitoraggio, fineAttivita);
  b.chain(fineAttivita, fineAnno, ore, report, acquisisci, end);
  return b.build();
}
