/** Names shared by the training processes. */
export const PROCESS = {
  main: 'formazione',
  analisi: 'formazione-analisi-fabbisogni',
  valutazione: 'formazione-valutazione-dipendente',
  monitoraggio: 'formazione-monitoraggio-obbligatoria',
} as const;

export const MESSAGE = {
  autovalutazione: 'formazione-autovalutazione-dipendente',
} as const;

export const ERROR = {
  profiliIncompleti: 'PROFILI_INCOMPLETI',
} as const;

export const LANES = {
  comune: { key: 'comune', name: 'Comune' },
  formazione: { key: 'formazione', name: 'Provincia – Servizio formazione del personale' },
} as const;

export const CALCOLA_SCADENZE = 'formazione-calcola-scadenze';
export const GROUP_COMUNE_ITERAZIONE = '="comune-" + comune.codiceIstat';
