/** Words of resuming a case begun on paper (the start-a-case page), merged into messages.ts. */
export const resumeIt = {
  'resume.toggle': 'Riprendi una pratica avviata su carta',
  'resume.hint': 'La pratica entra nel sistema al passo che ha raggiunto su carta; i passi precedenti non vengono eseguiti.',
  'resume.step': 'Passo da cui riprendere',
  'resume.stepWithin': '{name} (in: {within})',
  'resume.note': 'Nota: a che punto è la pratica cartacea',
  'resume.notePlaceholder': 'es. contestazione notificata il 12/03 con prot. 4567; audizione fissata',
  'resume.submit': 'Riprendi la pratica',
  'resume.noSteps': 'Il diagramma di questo procedimento non ha passi da cui riprendere.',
  'resume.started': 'Pratica ripresa al passo «{step}»: istanza {key}.',
  'resume.invalidStep': 'Il passo scelto non è un passo da cui si può riprendere questo procedimento.',
} as const;

export const resumeEn: Record<keyof typeof resumeIt, string> = {
  'resume.toggle': 'Resume a case begun on paper',
  'resume.hint': 'The case enters the system at the step it reached on paper; the steps before it are not run.',
  'resume.step': 'Step to resume at',
  'resume.stepWithin': '{name} (in: {within})',
  'resume.note': 'Note: where the paper case stands',
  'resume.notePlaceholder': 'e.g. charge notified on 12/03, prot. 4567; hearing scheduled',
  'resume.submit': 'Resume the case',
  'resume.noSteps': 'This procedure’s diagram has no step to resume at.',
  'resume.started': 'Case resumed at step “{step}”: instance {key}.',
  'resume.invalidStep': 'The chosen step is not one this procedure can be resumed at.',
};
