import { type FormSpec, field as f, lista } from './fields.js';

const GIORNI_PROVA = 'Non di domenica, nei giorni festivi o del santo patrono della sede, nelle festività ebraiche (sabato compreso) e valdesi (17 febbraio): art. 6 DPR 487/1994';

/** Forms of the selection procedure. */
export const selezioneForms: FormSpec[] = [
  {
    id: 'selezione-richiesta-posti', title: 'Posti da coprire',
    intro: 'Dal piano triennale dei fabbisogni di personale (sezione del PIAO) del Comune.',
    components: [
      f.istat('codiceIstatRichiedente', 'Codice ISTAT del Comune'),
      lista('richiestaPosti', 'Posti richiesti', [
        f.testo('profilo', 'Profilo professionale'),
        f.elenco('area', 'Area', [['operatori', 'Operatori'], ['operatori-esperti', 'Operatori esperti'], ['istruttori', 'Istruttori'], ['funzionari', 'Funzionari ed elevata qualificazione']]),
        f.intero('numeroPosti', 'Numero di posti', { min: 1 }),
      ]),
      f.email('pecComune', 'PEC del Comune'),
    ],
  },
  {
    id: 'selezione-bando', title: 'Indizione e bando',
    components: [
      f.protocollo('numeroDetermina', 'Determina di indizione'),
      f.sceltaUnica('tipoConcorso', 'Tipo di concorso', [['esami', 'Per esami'], ['titoli-ed-esami', 'Per titoli ed esami']]),
      f.casella('preselezione', 'Prevista una prova preselettiva'),
      f.dataOra('dataChiusuraBando', 'Chiusura delle domande'),
      f.areaTesto('requisiti', 'Requisiti di ammissione'),
      lista('riservePosti', 'Riserve di posti (art. 5 DPR 487/1994: in tutto non oltre la metà dei posti)', [
        f.elenco('categoria', 'Categoria riservataria', [['disabili', 'Persone con disabilità (L. 68/1999)'], ['forze-armate', 'Volontari delle Forze armate (artt. 678 e 1014 D.Lgs. 66/2010)']], { required: false }),
        f.intero('posti', 'Posti riservati', { required: false, min: 0, description: 'Per le Forze armate, se vuoto, il 30% dei posti' }),
      ]),
      f.elenco('genereMenoRappresentato', 'Genere meno rappresentato nel profilo', [['F', 'Femminile'], ['M', 'Maschile']], {
        required: false, description: 'Solo se il differenziale tra i generi nel profilo supera il 30% (art. 6 DPR 487/1994): a parità di merito e di titoli è preferito il genere indicato',
      }),
      f.casella('limiteIdonei', 'Applica il limite degli idonei (20% dei posti, art. 35 c. 5-ter D.Lgs. 165/2001)'),
      f.areaTesto('riserveEPreferenze', 'Altre riserve e titoli di preferenza', { required: false }),
    ],
  },
  {
    id: 'selezione-valuta-ammissione', title: 'Ammissibilità del candidato',
    components: [
      f.codiceFiscale('codiceFiscaleCandidato', 'Codice fiscale del candidato'),
      f.sceltaUnica('decisioneAmmissione', 'Decisione', [['ammesso', 'Ammesso'], ['ammesso-con-riserva', 'Ammesso con riserva'], ['escluso', 'Escluso']]),
      f.areaTesto('motivazioneAmmissione', 'Motivazione'),
    ],
  },
  {
    id: 'selezione-nomina-commissione', title: 'Nomina della commissione esaminatrice',
    intro: 'Presidente dirigente; esperti senza cariche politiche o sindacali; almeno un terzo di donne; per ciascuno la dichiarazione di assenza di condanne per reati contro la PA.',
    components: [
      f.protocollo('determinaNomina', 'Determina di nomina'),
      lista('componentiCommissione', 'Componenti', [
        f.testo('nominativo', 'Nome e cognome'),
        f.codiceFiscale('codiceFiscale', 'Codice fiscale'),
        f.elenco('ruolo', 'Ruolo', [['presidente', 'Presidente'], ['componente', 'Componente esperto'], ['segretario', 'Segretario verbalizzante']]),
        f.elenco('genere', 'Genere', [['F', 'Femminile'], ['M', 'Maschile']]),
        f.email('email', 'Email'),
        f.casella('dichiarazione35bis', 'Ha dichiarato di non aver riportato condanne, anche non definitive, per i reati contro la PA (art. 35-bis D.Lgs. 165/2001)', { required: true }),
      ]),
      f.areaTesto('motivazioneQuotaGenere', 'Motivata impossibilità di riservare alle donne un terzo dei posti (art. 57 c. 1 lett. a D.Lgs. 165/2001)', { required: false }),
    ],
  },
  {
    id: 'selezione-dichiarazione-componente', title: 'Dichiarazione di assenza di conflitti d’interesse',
    components: [
      f.casella('presaVisioneCandidati', 'Ho preso visione dell’elenco dei candidati', { required: true }),
      f.casella('conflittoInteressi', 'Dichiaro una situazione di incompatibilità o conflitto d’interessi'),
      f.areaTesto('noteDichiarazione', 'Note', { required: false }),
    ],
  },
  {
    id: 'selezione-insediamento', title: 'Insediamento della commissione',
    components: [
      f.areaTesto('criteriValutazione', 'Criteri di valutazione (verbale n. 1)'),
      f.dataOra('dataPreselezione', 'Preselezione', { required: false, description: GIORNI_PROVA }),
      f.dataOra('dataProvaScritta', 'Prova scritta', { description: GIORNI_PROVA }),
      f.dataOra('dataProvaOrale', 'Prova orale', { description: GIORNI_PROVA }),
    ],
  },
  {
    id: 'selezione-correzione-scritta', title: 'Correzione della prova scritta',
    components: [
      lista('votiScritta', 'Voti per elaborato anonimo', [
        f.testo('codiceElaborato', 'Codice anonimo dell’elaborato'),
        f.numero('voto', 'Voto', { min: 0, max: 30 }),
      ]),
      f.areaTesto('verbaleScritta', 'Verbale di correzione'),
    ],
  },
  {
    id: 'selezione-valutazione-titoli', title: 'Valutazione dei titoli',
    components: [
      lista('punteggiTitoli', 'Punteggi dei titoli', [
        f.codiceFiscale('codiceFiscale', 'Codice fiscale del candidato'),
        f.numero('punteggio', 'Punteggio titoli', { min: 0, max: 10 }),
      ]),
      f.areaTesto('verbaleTitoli', 'Verbale'),
    ],
  },
  {
    id: 'selezione-prova-orale', title: 'Prova orale',
    components: [
      lista('votiOrale', 'Voti della prova orale', [
        f.codiceFiscale('codiceFiscale', 'Codice fiscale del candidato'),
        f.numero('voto', 'Voto', { min: 0, max: 30 }),
      ]),
      f.areaTesto('verbaleOrale', 'Verbale della seduta pubblica'),
    ],
  },
  {
    id: 'selezione-completa-punteggi', title: 'Punteggi mancanti',
    components: [
      lista('punteggiIntegrati', 'Punteggi integrati', [
        f.codiceFiscale('codiceFiscale', 'Codice fiscale del candidato'),
        f.elenco('prova', 'Prova', [['scritta', 'Prova scritta'], ['orale', 'Prova orale'], ['titoli', 'Titoli']]),
        f.numero('punteggio', 'Punteggio', { min: 0, max: 30 }),
      ]),
    ],
  },
  {
    id: 'selezione-revisione-graduatoria', title: 'Revisione della graduatoria proposta',
    components: [
      f.casella('graduatoriaConfermata', 'La commissione conferma la graduatoria di merito', { required: true }),
      f.areaTesto('verbaleGraduatoria', 'Verbale conclusivo'),
    ],
  },
  {
    id: 'selezione-approvazione-graduatoria', title: 'Approvazione della graduatoria',
    components: [
      f.protocollo('determinaApprovazione', 'Determina di approvazione'),
      f.data('dataApprovazione', 'Data di approvazione'),
    ],
  },
  {
    id: 'selezione-assunzione', title: 'Assunzione',
    intro: 'Controlli sulle dichiarazioni sostitutive (art. 71 DPR 445/2000), contratto individuale e periodo di prova.',
    components: [
      f.codiceFiscale('codiceFiscaleAssunto', 'Codice fiscale del vincitore'),
      f.casella('dichiarazioniVerificate', 'Dichiarazioni sostitutive verificate', { required: true }),
      f.sceltaUnica('esitoAssunzione', 'Esito', [['assunto', 'Contratto stipulato'], ['rinuncia', 'Rinuncia'], ['decaduto', 'Decaduto per dichiarazioni non veritiere']]),
      f.data('dataPresaServizio', 'Data di presa di servizio', { required: false }),
    ],
  },
  {
    id: 'selezione-autorizza-scorrimento', title: 'Utilizzo della graduatoria',
    components: [
      f.istat('codiceIstatRichiedente', 'Codice ISTAT del Comune richiedente'),
      f.protocollo('estremiAccordo', 'Protocollo dell’accordo'),
      f.casella('scorrimentoAutorizzato', 'Autorizza l’utilizzo della graduatoria'),
      f.numero('termineRispostaGiorni', 'Giorni per la risposta degli idonei alla proposta', { required: false, min: 1, max: 60, description: 'Se vuoto, il termine del modello (10 giorni, scelta della convenzione: da verificare)' }),
      f.areaTesto('motivazioneScorrimento', 'Motivazione'),
    ],
  },
];
