import type { AuditEntry } from '../../../src/audit/index.js';
import type { CaseTimelineEntry } from '../../shared/caseFileTypes.js';
import { CASE_MESSAGES } from '../instances/caseMessages.js';
import { italianDateTime } from './caseDataFields.js';

/**
 * Who looked at the case is evidence for the auditors (their timeline shows it), not a step of the case:
 * the case page's timeline tells what happened to the case.
 */
const NOT_STEPS = new Set(['case.read', 'audit.export']);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function who(entry: AuditEntry): string {
  if (entry.actor.type === 'user') return entry.actor.id;
  if (entry.actor.type === 'worker') return 'Sistema (passo automatico)';
  return 'Motore di processo';
}

/** What the entry was about, in words: the task, the document, the deadline, the element. */
function what(entry: AuditEntry, elementName: (elementId: string) => string | undefined): string | undefined {
  const d = entry.data as Record<string, unknown>;
  const element = str(d.elementId) ? elementName(d.elementId as string) : undefined;
  switch (entry.action) {
    case 'task.claim':
    case 'task.assign':
    case 'task.complete': {
      const name = str(d.taskName) ?? element;
      const assignee = entry.action === 'task.assign' ? (str(d.assignee) ? ` → ${String(d.assignee)}` : ' (rilasciata)') : '';
      return name ? `${name}${assignee}` : undefined;
    }
    case 'document.produce':
      return str(d.titolo) ?? str(d.tipo);
    case 'deadline.set':
    case 'deadline.met':
    case 'deadline.missed': {
      const due = str(d.dataTermine) ?? str(d.scadeIl);
      const kind = str(d.tipo) ?? str(d.variabile) ?? str(d.variable);
      return [kind, due ? `entro il ${italianDateTime(due)}` : undefined, str(d.natura)].filter(Boolean).join(' · ') || undefined;
    }
    case 'instance.message': {
      const message = CASE_MESSAGES.find((m) => m.messageName === d.message);
      return message?.label.it ?? str(d.message);
    }
    case 'instance.start':
      return str(d.resumeNote) ? `ripreso da un fascicolo cartaceo: ${String(d.resumeNote)}` : undefined;
    case 'incident.create':
      return [element, str(d.errorMessage)].filter(Boolean).join(': ') || undefined;
    case 'instance.cancel':
    case 'instance.modify':
    case 'instance.migrate':
    case 'variable.update':
      return str(d.reason) ? `motivo: ${String(d.reason)}` : element;
    default:
      return element;
  }
}

/** The trail entries of a case and its phases, oldest first, in words. */
export function caseTimeline(entries: AuditEntry[], elementName: (elementId: string) => string | undefined): CaseTimelineEntry[] {
  return entries
    .filter((e) => !NOT_STEPS.has(e.action))
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({ seq: e.seq, at: e.timestamp, action: e.action, who: who(e), what: what(e, elementName), ...(e.legalRule ? { legalRule: e.legalRule } : {}) }));
}
