import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

/**
 * Where a diagram watches a deadline held in a variable (the same reading as the client's
 * deadline-badge): a timer whose date is `=scadenzaX`, or a user task with `zeebe:taskSchedule
 * dueDate="=scadenzaX"`. A deadline is met when the waiting element completes in time, missed when
 * its timer fires or the element completes late.
 */
export interface DeadlineSite {
  variable: string;
  /** the element whose completion means the act was done (the boundary's host, the task) */
  waitingElementId: string;
  /** the timer event watching the deadline, when there is one */
  timerElementId?: string;
}

const VARIABLE_EXPRESSION = /^=\s*([A-Za-z_]\w*)\s*$/;

type Element = ModdleElement & {
  flowElements?: Element[];
  rootElements?: Element[];
  eventDefinitions?: Array<{ $type: string; timeDate?: { body?: string } }>;
  attachedToRef?: { id: string };
  extensionElements?: { values?: Array<{ $type: string; dueDate?: string }> };
};

export async function findDeadlineSites(xml: string): Promise<DeadlineSite[]> {
  const { rootElement } = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml);
  const sites: DeadlineSite[] = [];
  const visit = (elements: Element[] | undefined): void => {
    for (const el of elements ?? []) {
      for (const def of el.eventDefinitions ?? []) {
        if (def.$type !== 'bpmn:TimerEventDefinition') continue;
        const variable = VARIABLE_EXPRESSION.exec(def.timeDate?.body?.trim() ?? '')?.[1];
        // An intermediate catch timer is a waiting period (notBefore): nothing to meet or miss.
        if (variable && el.$type === 'bpmn:BoundaryEvent' && el.attachedToRef) {
          sites.push({ variable, waitingElementId: el.attachedToRef.id, timerElementId: el.id });
        }
      }
      for (const ext of el.extensionElements?.values ?? []) {
        if (ext.$type !== 'zeebe:TaskSchedule') continue;
        const variable = VARIABLE_EXPRESSION.exec(ext.dueDate?.trim() ?? '')?.[1];
        if (variable && el.id && !sites.some((s) => s.variable === variable && s.waitingElementId === el.id)) {
          sites.push({ variable, waitingElementId: el.id });
        }
      }
      visit(el.flowElements);
    }
  };
  for (const root of (rootElement as Element).rootElements ?? []) visit(root.flowElements);
  return sites;
}
