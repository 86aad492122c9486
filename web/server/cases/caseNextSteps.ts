import type { NextStep } from '../../shared/caseFileTypes.js';
import type { UserAccess } from '../auth/roles.js';
import type { ElementInstanceSummary, IncidentSummary, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { awaitedAt, CASE_MESSAGES, mayDeliver } from '../instances/caseMessages.js';
import { permissionsFor } from '../tasks/TaskAccess.js';
import type { UserTaskSummary } from '../tasks/TaskClient.js';

/** One instance of the case as read for its page: its elements, their names, its open tasks and incidents. */
export interface LoadedInstance {
  instance: ProcessInstanceSummary;
  elements: ElementInstanceSummary[];
  /** element id → name, from the diagram */
  names: Map<string, string>;
  tasks: UserTaskSummary[];
  incidents: IncidentSummary[];
}

const AUTOMATIC = new Set(['SERVICE_TASK', 'SEND_TASK', 'SCRIPT_TASK', 'BUSINESS_RULE_TASK']);
const WAITING = new Set(['RECEIVE_TASK', 'INTERMEDIATE_CATCH_EVENT', 'EVENT_BASED_GATEWAY']);

const SERVICE_OFFICES: Record<string, string> = {
  upd: 'l’Ufficio procedimenti disciplinari (UPD) della Provincia',
  selezione: 'l’ufficio selezione del personale della Provincia',
  formazione: 'l’ufficio formazione della Provincia',
};

export const nameOf = (l: LoadedInstance, elementId: string): string => l.names.get(elementId) ?? elementId;
export const procedureOf = (i: ProcessInstanceSummary): string => i.processDefinitionName ?? i.processDefinitionId;

/**
 * Who must act on the case now: the open user tasks (with their assignee or groups), the messages people
 * deliver from the case page (the Comune's segnalazione), the automatic steps under way, what the case
 * waits for, the incidents; for a closed case, how it ended. `family[0]` is the instance the page shows.
 */
export function nextStepsOf(user: UserAccess, family: LoadedInstance[], rootKey: string, caseComuni: string[]): NextStep[] {
  const [focus] = family;
  if (focus.instance.state !== 'ACTIVE') {
    const ends = focus.elements.filter((e) => e.type === 'END_EVENT' && e.state === 'COMPLETED').sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? ''));
    return [{ kind: 'closed', state: focus.instance.state, ...(ends[0] ? { outcome: nameOf(focus, ends[0].elementId) } : {}) }];
  }
  const steps: NextStep[] = [];
  const phase = (l: LoadedInstance) => (l === focus ? undefined : procedureOf(l.instance));
  const running = family.filter((l) => l.instance.state === 'ACTIVE');
  for (const l of running) {
    for (const t of l.tasks) {
      steps.push({
        kind: 'task',
        userTaskKey: t.userTaskKey,
        name: t.name,
        ...(phase(l) ? { phase: phase(l) } : {}),
        ...(t.assignee ? { assignee: t.assignee } : {}),
        candidateGroups: t.candidateGroups,
        candidateUsers: t.candidateUsers,
        ...(t.dueDate ? { dueDate: t.dueDate } : {}),
        mine: permissionsFor(user, t).act,
      });
    }
  }
  // The messages people deliver: awaited where their element (or a boundary's host) is active anywhere in the case.
  const active = new Set<string>();
  const seen = new Set<string>();
  for (const l of running) {
    for (const e of l.elements) {
      seen.add(`${l.instance.processDefinitionId}#${e.elementId}`);
      if (e.state === 'ACTIVE') active.add(`${l.instance.processDefinitionId}#${e.elementId}`);
    }
  }
  const awaitedElements = new Set<string>();
  for (const m of CASE_MESSAGES) {
    const at = awaitedAt(m, active, seen);
    if (!at) continue;
    if (m.elementId) awaitedElements.add(`${m.processDefinitionId}#${m.elementId}`);
    // Boundary messages (the employee's cessazione, a transfer) may come at any time: offered to who may send them, not a step everyone waits for.
    if (!m.elementId && !mayDeliver(user, m, caseComuni)) continue;
    const office = SERVICE_OFFICES[m.allowed.service] ?? m.allowed.service;
    steps.push({ kind: 'message', messageId: m.id, label: m.label.it, processInstanceKey: rootKey, who: m.allowed.comune ? `il Comune del caso (o ${office})` : office, mayDeliver: mayDeliver(user, m, caseComuni), optional: !m.elementId });
  }
  for (const l of running) {
    const incidentAt = new Set(l.incidents.filter((i) => !i.state || i.state === 'ACTIVE').map((i) => i.elementId));
    for (const i of l.incidents.filter((x) => !x.state || x.state === 'ACTIVE')) {
      steps.push({ kind: 'incident', name: i.elementId ? nameOf(l, i.elementId) : procedureOf(l.instance), message: i.errorMessage ?? i.errorType ?? '', ...(phase(l) ? { phase: phase(l) } : {}) });
    }
    for (const e of l.elements.filter((x) => x.state === 'ACTIVE' && !incidentAt.has(x.elementId))) {
      if (AUTOMATIC.has(e.type ?? '')) steps.push({ kind: 'automatic', name: nameOf(l, e.elementId), ...(phase(l) ? { phase: phase(l) } : {}) });
      else if (WAITING.has(e.type ?? '') && !awaitedElements.has(`${l.instance.processDefinitionId}#${e.elementId}`)) steps.push({ kind: 'waiting', name: nameOf(l, e.elementId), ...(phase(l) ? { phase: phase(l) } : {}) });
    }
  }
  return steps;
}

/**
 * Where the case is, in words: the active steps, each call activity followed by where its sub-case is
 * ("Contestazione d'addebito › Redigi la contestazione"); for a closed one, how it ended.
 */
export function phaseOf(l: LoadedInstance, byParentElement: Map<string, LoadedInstance>): string {
  if (l.instance.state === 'COMPLETED') {
    const end = l.elements.filter((e) => e.type === 'END_EVENT' && e.state === 'COMPLETED').sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? ''))[0];
    return end ? `Concluso: ${nameOf(l, end.elementId)}` : 'Concluso';
  }
  if (l.instance.state === 'TERMINATED') return 'Annullato';
  const active = l.elements.filter((e) => e.state === 'ACTIVE' && e.type !== 'PROCESS' && e.type !== 'MULTI_INSTANCE_BODY' && e.type !== 'SUB_PROCESS' && e.type !== 'EVENT_SUB_PROCESS');
  const parts = [...new Set(active.map((e) => {
    const child = e.type === 'CALL_ACTIVITY' ? byParentElement.get(e.elementInstanceKey) : undefined;
    return child ? `${nameOf(l, e.elementId)} › ${phaseOf(child, byParentElement)}` : nameOf(l, e.elementId);
  }))];
  return parts.join(' · ') || 'In corso';
}
