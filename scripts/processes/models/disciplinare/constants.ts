/** Names shared by the disciplinary processes: called process ids, messages, errors, escalations. */
export const PROCESS = {
  main: 'procedimento-disciplinare',
  contestazione: 'procedimento-disciplinare-contestazione',
  istruttoria: 'procedimento-disciplinare-istruttoria',
  flagranza: 'procedimento-disciplinare-flagranza',
} as const;

export const MESSAGE = {
  segnalazione: 'upd-segnalazione-comune',
  rinvio: 'upd-richiesta-rinvio',
  memoria: 'upd-memoria-difensiva',
  esitoPenale: 'upd-esito-penale',
  cessazione: 'upd-cessazione-rapporto',
  trasferimento: 'upd-trasferimento-dipendente',
  esitoTrasferimento: 'upd-esito-trasferimento',
  audizioneAltraData: 'upd-audizione-altra-data',
} as const;

/** Every disciplinary message is correlated to the case by its id. */
export const CASE_KEY = '=idProcedimento';

export const ERROR = {
  pecNonConsegnata: 'PEC_NON_CONSEGNATA',
  estinto: 'PROCEDIMENTO_ESTINTO',
} as const;

export const ESCALATION = {
  rinvioAccolto: 'RINVIO_ACCOLTO',
  sospensionePenale: 'SOSPENSIONE_PENALE',
} as const;

export const LANES = {
  comune: { key: 'comune', name: 'Comune – responsabile della struttura' },
  upd: { key: 'upd', name: 'Provincia – Ufficio procedimenti disciplinari (UPD)' },
} as const;

export const CALCOLA_SCADENZE = 'upd-calcola-scadenze';
export const COMUNICA_ISPETTORATO = 'upd-comunica-ispettorato';
