/** Conventions shared by all models: candidate groups, deadline variables, common task types. */

export const GROUP_UPD = 'provincia-upd';
export const GROUP_SELEZIONE = 'provincia-selezione';
export const GROUP_FORMAZIONE = 'provincia-formazione';

/** FEEL candidate group of the Comune whose ISTAT code is in `istatExpression`. */
export function comuneGroup(istatExpression: string): string {
  return `="comune-" + ${istatExpression}`;
}

/** FEEL reference to a deadline variable (an ISO date-time computed by a `*-calcola-scadenze` worker). */
export function at(variable: string): string {
  return `=${variable}`;
}

export const NOTIFICA_INVIA = 'notifica-invia';

/** Documentation line for a timer: kind of deadline, legal source, consequence. */
export function deadlineDoc(kind: 'perentorio' | 'ordinatorio', source: string, detail: string): string {
  const effect = kind === 'perentorio'
    ? 'Termine PERENTORIO: se scade, il procedimento si estingue (evento di bordo interrompente).'
    : 'Termine ORDINATORIO: la scadenza non interrompe il procedimento, genera solo un sollecito (evento di bordo non interrompente).';
  return `${detail}\nFonte: ${source}.\n${effect}\nLa data è calcolata dal worker delle scadenze (calendario civile, festività nazionali e santo patrono).`;
}
