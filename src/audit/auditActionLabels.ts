import type { AuditAction } from './auditActions.js';

/**
 * What each recorded action means, in the auditors' words. Typed on the closed list of actions, so a
 * new action without a label fails the type check (and test/audit-web/auditActionLabels.test.ts). The
 * code itself stays the evidence: exports keep it, and the views show it beside the label.
 */
export const auditActionIt: Record<AuditAction, string> = {
  'auth.sign-in': 'Accesso',
  'auth.sign-in-failed': 'Accesso non riuscito',
  'auth.sign-out': 'Uscita',
  'process.deploy': 'Diagramma o modulo rilasciato',
  'instance.start': 'Istanza avviata',
  'instance.cancel': 'Istanza annullata',
  'instance.modify': 'Istanza modificata',
  'instance.message': 'Messaggio registrato nel caso (es. segnalazione all’UPD)',
  'request.file': 'Richiesta del Comune alla Provincia (segnalazione, concorso, fabbisogni formativi)',
  'task.claim': 'Attività presa in carico',
  'task.assign': 'Attività assegnata',
  'task.complete': 'Attività completata',
  'job.complete': 'Passo automatico completato',
  'job.fail': 'Passo automatico non riuscito',
  'job.error': 'Errore BPMN sollevato',
  'document.produce': 'Documento prodotto',
  'deadline.set': 'Termine fissato',
  'deadline.met': 'Termine rispettato',
  'deadline.missed': 'Termine scaduto',
  'incident.create': 'Incidente aperto',
  'incident.resolve': 'Incidente risolto',
  'case.read': 'Fascicolo consultato',
  'audit.export': 'Registro esportato',
  'audit.anchor': 'Catena ancorata fuori dal database',
  'user.create': 'Utente creato',
  'user.update': 'Utente modificato',
  'auth.sessions-ended': 'Altre sessioni chiuse (cambio o reimpostazione della password)',
  'auth.sign-in-locked': 'Accesso bloccato temporaneamente (troppi tentativi)',
  'calendar.update': 'Calendario degli uffici modificato',
  'kpi-target.create': 'Obiettivo di monitoraggio creato',
  'kpi-target.update': 'Obiettivo di monitoraggio modificato',
  'kpi-target.delete': 'Obiettivo di monitoraggio eliminato',
  'case.scope-change-refused': 'Tentativo rifiutato di cambiare il Comune del caso',
  'instance.migrate': 'Istanza migrata a un’altra versione del diagramma',
  'variable.update': 'Dato del caso corretto',
};

export const auditActionEn: Record<AuditAction, string> = {
  'auth.sign-in': 'Sign-in',
  'auth.sign-in-failed': 'Failed sign-in',
  'auth.sign-out': 'Sign-out',
  'process.deploy': 'Diagram or form deployed',
  'instance.start': 'Instance started',
  'instance.cancel': 'Instance canceled',
  'instance.modify': 'Instance modified',
  'instance.message': 'Message delivered to the case (e.g. referral to the UPD)',
  'request.file': 'Request from a Comune to the Provincia (referral, recruitment, training needs)',
  'task.claim': 'Task claimed',
  'task.assign': 'Task assigned',
  'task.complete': 'Task completed',
  'job.complete': 'Automated step completed',
  'job.fail': 'Automated step failed',
  'job.error': 'BPMN error thrown',
  'document.produce': 'Document produced',
  'deadline.set': 'Deadline set',
  'deadline.met': 'Deadline met',
  'deadline.missed': 'Deadline missed',
  'incident.create': 'Incident raised',
  'incident.resolve': 'Incident resolved',
  'case.read': 'Case file read',
  'audit.export': 'Trail exported',
  'audit.anchor': 'Chain anchored outside the database',
  'user.create': 'User created',
  'user.update': 'User changed',
  'auth.sessions-ended': 'Other sessions ended (password changed or reset)',
  'auth.sign-in-locked': 'Sign-in temporarily locked (too many attempts)',
  'calendar.update': 'Office calendar changed',
  'kpi-target.create': 'Monitoring target created',
  'kpi-target.update': 'Monitoring target changed',
  'kpi-target.delete': 'Monitoring target deleted',
  'case.scope-change-refused': 'Refused attempt to change the case’s Comune',
  'instance.migrate': 'Instance migrated to another diagram version',
  'variable.update': 'Case data corrected',
};

/** The Italian words for an action (the exports are for Italian auditors); an unknown code as it is. */
export function auditActionLabelIt(action: string): string {
  return (auditActionIt as Record<string, string | undefined>)[action] ?? action;
}
