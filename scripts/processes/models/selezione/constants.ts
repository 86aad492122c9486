/** Names shared by the selection processes. */
export const PROCESS = {
  main: 'selezione-personale',
  domande: 'selezione-personale-domande',
  prove: 'selezione-personale-prove',
  scorrimento: 'selezione-personale-scorrimento',
  proposta: 'selezione-personale-proposta',
} as const;

export const MESSAGE = {
  esitoMobilita: 'selezione-esito-mobilita',
  domanda: 'selezione-domanda-candidato',
  scorrimento: 'selezione-richiesta-scorrimento',
  rispostaProposta: 'selezione-risposta-proposta',
} as const;

/** Every selection message is correlated to the concorso by its id. */
export const CONCORSO_KEY = '=idConcorso';

export const ERROR = {
  domandaNonValida: 'DOMANDA_NON_VALIDA',
  commissioneNonConforme: 'COMMISSIONE_NON_CONFORME',
  punteggiIncompleti: 'PUNTEGGI_INCOMPLETI',
  profiloNonCorrispondente: 'PROFILO_NON_CORRISPONDENTE',
} as const;

export const LANES = {
  comune: { key: 'comune', name: 'Comuni aderenti' },
  selezione: { key: 'selezione', name: 'Provincia – Ufficio selezione del personale' },
  commissione: { key: 'commissione', name: 'Commissione esaminatrice' },
} as const;

export const GROUP_COMMISSIONE = '="commissione-" + idConcorso';
export const CALCOLA_SCADENZE = 'selezione-calcola-scadenze';

/** A candidate's answer to an offer is correlated to the concorso and the candidate. */
export const PROPOSTA_KEY = '=idConcorso + "/" + assegnazione.codiceFiscale';
export const ESITI_SCORRIMENTO = 'selezione-esiti-scorrimento';
