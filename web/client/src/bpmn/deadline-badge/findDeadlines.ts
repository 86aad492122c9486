/**
 * Where a diagram waits on a deadline held in a variable: a timer whose date is `=scadenzaX`
 * (boundary or intermediate catch), or a user task whose `zeebe:taskSchedule dueDate` is `=scadenzaX`.
 * The badge goes on the element that waits: the boundary event's host, the catch event, the task.
 */
export interface DeadlineSite {
  /** the variable holding the date */
  variable: string;
  /** the element whose activity means the deadline is open */
  waitingElementId: string;
  /** the element the badge is drawn on */
  badgeElementId: string;
  /** the element that defines the deadline (timer event or task) */
  sourceElementId: string;
}

interface BusinessObject {
  id: string;
  $type: string;
  eventDefinitions?: Array<{ $type: string; timeDate?: { body?: string }; timeDuration?: { body?: string } }>;
  attachedToRef?: { id: string };
  extensionElements?: { values?: Array<{ $type: string; dueDate?: string }> };
}

const VARIABLE_EXPRESSION = /^=\s*([A-Za-z_][\w]*)\s*$/;

export function findDeadlineSites(businessObjects: BusinessObject[]): DeadlineSite[] {
  const sites: DeadlineSite[] = [];
  for (const bo of businessObjects) {
    for (const def of bo.eventDefinitions ?? []) {
      if (def.$type !== 'bpmn:TimerEventDefinition') continue;
      const variable = VARIABLE_EXPRESSION.exec(def.timeDate?.body?.trim() ?? '')?.[1];
      if (!variable) continue;
      const host = bo.$type === 'bpmn:BoundaryEvent' ? bo.attachedToRef?.id : undefined;
      sites.push({ variable, waitingElementId: host ?? bo.id, badgeElementId: host ?? bo.id, sourceElementId: bo.id });
    }
    for (const ext of bo.extensionElements?.values ?? []) {
      if (ext.$type !== 'zeebe:TaskSchedule') continue;
      const variable = VARIABLE_EXPRESSION.exec(ext.dueDate?.trim() ?? '')?.[1];
      if (variable) sites.push({ variable, waitingElementId: bo.id, badgeElementId: bo.id, sourceElementId: bo.id });
    }
  }
  // One badge per element and variable (a task may have both a due date and a boundary timer on it).
  const seen = new Set<string>();
  return sites.filter((s) => {
    const k = `${s.badgeElementId}|${s.variable}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
