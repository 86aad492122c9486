import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

/**
 * Where a diagram waits on a deadline held in a variable: a timer whose date is `=scadenzaX` (a
 * boundary timer waits while its host is active, a catch event while it is), or a user task whose
 * `zeebe:taskSchedule dueDate` is `=scadenzaX`. The deadline is open while the waiting element is
 * active; it is met when that element completes in time, missed when the timer fires or it completes
 * late. One reading for the task list, the scadenzario and the audit follower alike.
 */
export interface DeadlineSite {
  variable: string;
  /** the element whose activity means the deadline is open (the boundary's host, the catch event, the task) */
  waitingElementId: string;
  /** timer (perentorio/ordinatorio watch) or the task's own due date */
  kind: 'timer' | 'task';
  /** the timer event watching the deadline (kind 'timer'): its completion means the timer fired */
  timerElementId?: string;
  /** a boundary timer on `waitingElementId`; an intermediate catch timer is a waiting period (notBefore) */
  boundary?: boolean;
  /** the element's name, which for a timer says in words what happens when it fires */
  name?: string;
  /** what the deadline is called in lists: a task's name, or a timer's without the word for its expiry */
  deadlineName?: string;
}

/** A timer is named for the moment it fires ("Termine … (30 giorni) scaduto"); the deadline it watches, without that word. */
const EXPIRED = /\s+(scadut[oaie]|decors[oaie]|expired|elapsed)\s*$/i;

function deadlineNameOf(name: string | undefined, kind: DeadlineSite['kind']): string | undefined {
  if (!name || kind === 'task') return name;
  return name.replace(EXPIRED, '') || name;
}

interface BusinessObject {
  id: string;
  name?: string;
  $type: string;
  eventDefinitions?: Array<{ $type: string; timeDate?: { body?: string } }>;
  attachedToRef?: { id: string };
  extensionElements?: { values?: Array<{ $type: string; dueDate?: string }> };
  flowElements?: BusinessObject[];
  rootElements?: BusinessObject[];
}

const VARIABLE_EXPRESSION = /^=\s*([A-Za-z_]\w*)\s*$/;
const moddle = new BpmnModdle({ zeebe: zeebeSchema as object });

export async function findDeadlineSites(xml: string): Promise<DeadlineSite[]> {
  const { rootElement } = (await moddle.fromXML(xml)) as unknown as { rootElement: BusinessObject };
  const sites: DeadlineSite[] = [];
  const visit = (bo: BusinessObject) => {
    for (const def of bo.eventDefinitions ?? []) {
      if (def.$type !== 'bpmn:TimerEventDefinition') continue;
      const variable = VARIABLE_EXPRESSION.exec(def.timeDate?.body?.trim() ?? '')?.[1];
      if (!variable) continue;
      const boundary = bo.$type === 'bpmn:BoundaryEvent' && !!bo.attachedToRef;
      sites.push({ variable, waitingElementId: boundary ? bo.attachedToRef!.id : bo.id, kind: 'timer', timerElementId: bo.id, boundary, name: bo.name, deadlineName: deadlineNameOf(bo.name, 'timer') });
    }
    for (const ext of bo.extensionElements?.values ?? []) {
      if (ext.$type !== 'zeebe:TaskSchedule') continue;
      const variable = VARIABLE_EXPRESSION.exec(ext.dueDate?.trim() ?? '')?.[1];
      if (variable) sites.push({ variable, waitingElementId: bo.id, kind: 'task', name: bo.name, deadlineName: bo.name });
    }
    for (const child of bo.flowElements ?? []) visit(child);
  };
  for (const root of rootElement.rootElements ?? []) visit(root);
  return sites;
}

/**
 * The sites whose outcome can be met or missed: boundary timers and task due dates (a catch timer
 * is a waiting period, nothing to meet). A task's due date watched by a boundary timer on the same
 * variable is one deadline, told by the timer.
 */
export function watchedDeadlineSites(sites: DeadlineSite[]): DeadlineSite[] {
  const timers = sites.filter((s) => s.kind === 'timer' && s.boundary);
  const tasks = sites.filter((s) => s.kind === 'task' && !timers.some((t) => t.variable === s.variable && t.waitingElementId === s.waitingElementId));
  return [...timers, ...tasks];
}

/** Sites per process definition key; a deployed definition never changes, so the cache never goes stale. */
export class DeadlineSiteCache {
  private readonly cache = new Map<string, Promise<DeadlineSite[]>>();

  constructor(private readonly loadXml: (processDefinitionKey: string) => Promise<string | undefined>) {}

  sitesOf(processDefinitionKey: string): Promise<DeadlineSite[]> {
    let sites = this.cache.get(processDefinitionKey);
    if (!sites) {
      sites = this.loadXml(processDefinitionKey).then((xml) => (xml ? findDeadlineSites(xml) : []));
      sites.catch(() => this.cache.delete(processDefinitionKey));
      this.cache.set(processDefinitionKey, sites);
    }
    return sites;
  }
}
