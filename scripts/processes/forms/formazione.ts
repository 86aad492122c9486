import { type FormSpec, field as f, lista } from './fields.js';

const LIVELLI: Array<[string, string]> = [['1', '1 – Base'], ['2', '2 – Intermedio'], ['3', '3 – Avanzato'], ['4', '4 – Esperto']];

/** Forms of the annual training cycle. */
export const formazioneForms: FormSpec[] = [
  {
    id: 'formazione-profili', title: 'Organigramma e profili professionali',
    components: [
      f.istat('codiceIstat', 'Codice ISTAT del Comune'),
      f.areaTesto('organigramma', 'Organigramma (unità organizzative e responsabili)'),
      lista('dipendenti', 'Dipendenti', [
        f.codiceFiscale('codiceFiscale', 'Codice fiscale'),
        f.testo('nominativo', 'Nome e cognome'),
        f.testo('profilo', 'Profilo professionale'),
        f.email('email', 'Email di servizio'),
        f.sceltaMultipla('ruoliSicurezza', 'Ruoli per la sicurezza (D.Lgs. 81/2008)', [
          ['dirigente', 'Dirigente (aggiornamento quinquennale)'], ['preposto', 'Preposto (aggiornamento biennale)'],
          ['rls', 'Rappresentante dei lavoratori per la sicurezza (aggiornamento annuale)'],
          ['addetto-primo-soccorso', 'Addetto al primo soccorso (aggiornamento triennale)'], ['addetto-antincendio', 'Addetto antincendio (aggiornamento quinquennale)'],
        ], { description: 'Ogni lavoratore: formazione all’assunzione e aggiornamento quinquennale' }),
        f.data('dataAssunzione', 'Data di assunzione (se assunto nell’anno)', { required: false }),
      ]),
    ],
  },
  {
    id: 'formazione-eterovalutazione', title: 'Eterovalutazione delle competenze',
    components: [
      f.codiceFiscale('codiceFiscaleValutato', 'Codice fiscale del dipendente'),
      lista('competenzeValutate', 'Competenze', [
        f.testo('competenza', 'Competenza del dizionario'),
        f.elenco('livello', 'Livello osservato', LIVELLI),
      ]),
      f.areaTesto('noteResponsabile', 'Note del responsabile', { required: false }),
    ],
  },
  {
    id: 'formazione-validazione-fabbisogni', title: 'Validazione di obiettivi formativi e fabbisogni',
    components: [
      f.casella('fabbisogniValidati', 'Il Comune valida il report dei fabbisogni'),
      f.areaTesto('osservazioniComune', 'Osservazioni', { required: false }),
    ],
  },
  {
    id: 'formazione-revisione-fabbisogni', title: 'Revisione del report dei fabbisogni',
    components: [f.areaTesto('revisioneFabbisogni', 'Modifiche apportate in risposta alle osservazioni del Comune')],
  },
  {
    id: 'formazione-offerta-formativa', title: 'Offerta formativa esistente',
    components: [
      lista('catalogo', 'Catalogo dei corsi', [
        f.testo('titoloCorso', 'Titolo del corso'),
        f.elenco('fonte', 'Erogatore', [['syllabus', 'Syllabus'], ['sna', 'SNA'], ['formez', 'Formez PA'], ['regione', 'Regione'], ['fornitore', 'Altro fornitore']]),
        f.intero('oreCorso', 'Durata in ore', { min: 1 }),
        f.casella('obbligatorio', 'Formazione obbligatoria'),
      ]),
    ],
  },
  {
    id: 'formazione-redazione-piano', title: 'Redazione dei piani formativi',
    components: [
      f.areaTesto('obiettiviPiano', 'Obiettivi formativi'),
      f.intero('oreMinimePerDipendente', 'Ore minime per dipendente', { min: 40, description: 'Almeno 40 ore annue (Direttiva 14 gennaio 2025).' }),
    ],
  },
  {
    id: 'formazione-adozione-piano', title: 'Adozione del piano formativo nel PIAO',
    components: [
      f.casella('pianoAdottato', 'Il Comune adotta il piano formativo proposto'),
      f.protocollo('deliberaAdozione', 'Atto di adozione', { required: false }),
      f.areaTesto('richiesteModifica', 'Richieste di modifica', { required: false }),
    ],
  },
  {
    id: 'formazione-pianificazione', title: 'Pianificazione delle edizioni',
    components: [
      lista('edizioni', 'Edizioni', [
        f.testo('titoloCorso', 'Titolo del corso'),
        f.dataOra('inizio', 'Inizio'),
        f.testo('sede', 'Sede o piattaforma'),
        f.intero('posti', 'Posti disponibili', { min: 1 }),
      ]),
    ],
  },
  {
    id: 'formazione-autorizzazione-frequenza', title: 'Autorizzazione alla frequenza',
    components: [
      lista('iscrizioniAutorizzate', 'Dipendenti autorizzati', [
        f.codiceFiscale('codiceFiscale', 'Codice fiscale'),
        f.testo('titoloCorso', 'Edizione'),
      ]),
    ],
  },
  {
    id: 'formazione-registro-presenze', title: 'Registro presenze',
    components: [
      lista('registroPresenze', 'Presenze', [
        f.codiceFiscale('codiceFiscale', 'Codice fiscale'),
        f.numero('oreFrequentate', 'Ore frequentate', { min: 0 }),
        f.casella('verificaSuperata', 'Verifica finale superata'),
      ]),
    ],
  },
  {
    id: 'formazione-acquisizione-report', title: 'Report annuale della formazione',
    components: [
      f.casella('reportAcquisito', 'Il Comune ha acquisito il report per la valutazione della performance', { required: true }),
      f.areaTesto('noteReport', 'Note', { required: false }),
    ],
  },
];
