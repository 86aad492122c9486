import { type FormSpec, SANZIONI, field as f } from './fields.js';

/** Forms of the disciplinary procedure (ids as referenced by the BPMN user tasks). */
export const disciplinareForms: FormSpec[] = [
  {
    id: 'disciplinare-notizia-fatto', title: 'Notizia del fatto',
    intro: 'Dati particolari: visibili solo all’UPD, al responsabile del Comune e agli auditor autorizzati.',
    components: [
      f.istat('codiceIstat', 'Codice ISTAT del Comune'),
      f.testo('matricolaDipendente', 'Matricola del dipendente'),
      f.codiceFiscale('codiceFiscaleDipendente', 'Codice fiscale del dipendente'),
      f.data('dataConoscenza', 'Data in cui si è avuta conoscenza del fatto'),
      f.dataOra('momentoConoscenza', 'Ora della conoscenza (flagranza)', {
        required: false, description: 'Per la falsa attestazione in flagranza le 48 ore per la sospensione decorrono da questo momento (art. 55-quater c.3-bis).',
      }),
      f.areaTesto('descrizioneFatto', 'Descrizione dei fatti'),
      f.sceltaUnica('gravita', 'Competenza', [
        ['rimprovero-verbale', 'Solo rimprovero verbale (competenza del responsabile)'],
        ['upd', 'Sanzione superiore (competenza dell’UPD)'],
      ]),
      f.elenco('sanzioneIpotizzata', 'Sanzione prevista per i fatti', SANZIONI, {
        required: false,
        description: 'Se per l’infrazione è previsto il licenziamento, la cessazione del rapporto non estingue il procedimento, anche prima della contestazione (art. 55-bis c.9).',
      }),
      f.casella('flagranza', 'Falsa attestazione della presenza accertata in flagranza', {
        description: 'Prevale sulla competenza indicata: la flagranza segue sempre il procedimento accelerato dell’UPD o del responsabile (art. 55-quater c.1 lett. a e c.3-bis).',
      }),
    ],
  },
  {
    id: 'disciplinare-rimprovero-verbale', title: 'Rimprovero verbale',
    components: [
      f.dataOra('dataRimprovero', 'Data del rimprovero'),
      f.areaTesto('verbaleRimprovero', 'Verbale del contraddittorio'),
    ],
  },
  {
    id: 'disciplinare-contestazione', title: 'Contestazione d’addebito e convocazione',
    intro: 'Termine perentorio: entro 30 giorni dalla ricezione della segnalazione (art. 55-bis c.4 D.Lgs. 165/2001).',
    components: [
      f.areaTesto('testoAddebito', 'Fatti contestati e norme violate'),
      f.elenco('sanzioneMassimaPrevista', 'Sanzione massima applicabile', SANZIONI),
      f.dataOra('dataAudizione', 'Audizione', { description: 'Preavviso di almeno 20 giorni dalla ricezione della contestazione: se la consegna tarda, l’UPD fisserà una nuova data.' }),
      f.testo('luogoAudizione', 'Luogo dell’audizione'),
      f.email('pecDipendente', 'Indirizzo PEC del dipendente', { required: false }),
    ],
  },
  {
    id: 'disciplinare-consegna-alternativa', title: 'Consegna della contestazione',
    components: [
      f.elenco('modalitaConsegna', 'Modalità di consegna', [['mano', 'Consegna a mano'], ['raccomandata', 'Raccomandata con ricevuta di ritorno']]),
      f.data('dataConsegna', 'Data di ricezione da parte del dipendente', {
        description: 'Consegna a mano: il giorno della firma per ricevuta; raccomandata: il giorno indicato nell’avviso di ricevimento. Il preavviso dell’audizione decorre da questa data.',
      }),
      f.testo('estremiConsegna', 'Numero della raccomandata o firma per ricevuta'),
    ],
  },
  {
    id: 'disciplinare-sospensione-cautelare', title: 'Sospensione cautelare',
    components: [
      f.casella('sospensioneCautelare', 'Disponi la sospensione cautelare', {
        description: 'Solo per infrazioni punibili almeno con la sospensione dal servizio, per non più di 30 giorni.',
      }),
      f.data('dataInizioSospensione', 'Primo giorno di sospensione', { required: false }),
      f.intero('giorniSospensione', 'Durata in giorni', { required: false, min: 1, max: 30 }),
      f.areaTesto('motivazioneSospensione', 'Motivazione'),
    ],
  },
  {
    id: 'disciplinare-decisione-rinvio', title: 'Richiesta di rinvio',
    intro: 'Il rinvio è concesso una sola volta per grave e oggettivo impedimento; il termine di conclusione si proroga di altrettanti giorni (art. 55-bis c.4). In flagranza al massimo 5 giorni, senza proroga.',
    components: [
      f.casella('rinvioAccolto', 'Accogli la richiesta di rinvio'),
      f.dataOra('nuovaDataAudizione', 'Nuova audizione', { required: false }),
      f.areaTesto('motivazioneRinvio', 'Motivazione'),
    ],
  },
  {
    id: 'disciplinare-nuova-audizione', title: 'Nuova data dell’audizione',
    intro: 'La contestazione è stata ricevuta troppo tardi per il preavviso minimo (20 giorni; 15 in flagranza): fissa una nuova data non prima del giorno indicato tra le scadenze del caso (preavviso dell’audizione). Il dipendente riceverà la nuova convocazione.',
    components: [
      f.dataOra('dataAudizione', 'Nuova audizione'),
      f.testo('luogoAudizione', 'Luogo dell’audizione'),
    ],
  },
  {
    id: 'disciplinare-audizione', title: 'Verbale di audizione',
    components: [
      f.dataOra('dataAudizioneSvolta', 'Audizione svolta'),
      f.casella('dipendentePresente', 'Il dipendente è comparso'),
      f.testo('assistenza', 'Difensore o rappresentante sindacale', { required: false }),
      f.areaTesto('verbaleAudizione', 'Verbale'),
    ],
  },
  {
    id: 'disciplinare-istruttoria', title: 'Istruttoria',
    components: [
      f.areaTesto('attiIstruttori', 'Atti istruttori acquisiti'),
      f.casella('sospensionePenale', 'Sospendi in attesa del procedimento penale (art. 55-ter)', {
        description: 'Solo per infrazioni punibili oltre la sospensione fino a 10 giorni e per fatti di particolare complessità.',
      }),
    ],
  },
  {
    id: 'disciplinare-decisione', title: 'Decisione',
    intro: 'Termine perentorio: entro 120 giorni dalla contestazione, prorogati dei giorni di rinvio.',
    components: [
      f.sceltaUnica('esito', 'Esito', [['archiviazione', 'Archiviazione'], ['sanzione', 'Irrogazione della sanzione']]),
      f.elenco('sanzione', 'Sanzione irrogata', SANZIONI, { required: false }),
      { ...f.intero('oreMulta', 'Ore di retribuzione della multa (da 1 a 4)', { required: false, min: 1, max: 4 }),
        conditional: { hide: '=sanzione != "multa"' } },
      { ...f.intero('giorniSospensioneDisciplinare', 'Giorni di sospensione dal servizio', {
        required: false, min: 1, max: 184, description: 'Fino a 10 giorni, oppure da 11 giorni a 6 mesi, secondo la sanzione.',
      }), conditional: { hide: '=not(sanzione = "sospensione-fino-10-giorni" or sanzione = "sospensione-11-giorni-6-mesi")' } },
      { ...f.data('decorrenzaSospensioneDisciplinare', 'Primo giorno della sospensione', { required: false }),
        conditional: { hide: '=sanzione != "sospensione-11-giorni-6-mesi"' } },
      f.areaTesto('motivazioneDecisione', 'Motivazione'),
      f.data('dataDecisione', 'Data della decisione'),
    ],
  },
  {
    id: 'disciplinare-esecuzione-sanzione', title: 'Esecuzione della sanzione',
    components: [
      f.data('dataEsecuzione', 'Data di esecuzione'),
      f.casella('trattenutaStipendiale', 'Trattenuta stipendiale applicata'),
      f.casella('annotazioneFascicolo', 'Annotata nel fascicolo personale', { required: true }),
    ],
  },
  {
    id: 'disciplinare-rinnovo-contestazione', title: 'Rinnovo della contestazione (art. 55-ter)',
    intro: 'Termine perentorio: entro 60 giorni dalla comunicazione della sentenza.',
    components: [
      f.data('dataComunicazioneSentenza', 'Data di comunicazione della sentenza'),
      f.areaTesto('esitoPenale', 'Esito del procedimento penale'),
      f.areaTesto('testoAddebito', 'Fatti contestati e norme violate'),
      f.dataOra('dataAudizione', 'Nuova audizione'),
    ],
  },
  {
    id: 'disciplinare-flagranza-sospensione', title: 'Sospensione cautelare in flagranza',
    intro: 'Entro 48 ore dalla conoscenza del fatto (art. 55-quater c.3-bis); convocazione con preavviso di almeno 15 giorni.',
    components: [
      f.dataOra('dataSospensione', 'Decorrenza della sospensione'),
      f.areaTesto('testoAddebito', 'Fatti contestati'),
      f.dataOra('dataAudizione', 'Audizione'),
      f.email('pecDipendente', 'Indirizzo PEC del dipendente', { required: false }),
    ],
  },
];
