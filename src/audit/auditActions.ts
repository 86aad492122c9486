/**
 * What can be recorded. A closed list, so a typo in a worker cannot invent an action that the
 * auditors' filters never find; add new actions here.
 */
export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.sign-out',
  'auth.sign-in-locked',
  'auth.sessions-ended',
  'process.deploy',
  'instance.start',
  'instance.cancel',
  'instance.modify',
  'instance.migrate',
  'instance.message',
  'request.file',
  'task.claim',
  'task.assign',
  'task.complete',
  'job.complete',
  'job.fail',
  'job.error',
  'document.produce',
  'deadline.set',
  'deadline.met',
  'deadline.missed',
  'incident.create',
  'incident.resolve',
  'variable.update',
  'case.read',
  'case.scope-change-refused',
  'audit.export',
  'audit.anchor',
  'user.create',
  'user.update',
  'calendar.update',
  'kpi-target.create',
  'kpi-target.update',
  'kpi-target.delete',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const known: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(value: string): value is AuditAction {
  return known.has(value);
}
