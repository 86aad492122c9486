import type { ElementInstanceSummary, ElementStatistics, EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';

export interface InstanceVariable {
  name: string;
  value: unknown;
  scopeKey: string;
  isTruncated?: boolean;
}

/** What the instance page draws: the path taken, the tokens, the incidents, the data. */
export interface InstanceStatus {
  instance: ProcessInstanceSummary;
  /** ids of the sequence flows taken */
  flows: string[];
  /** per element: how many of its element instances are active, completed, canceled, with incident */
  elements: ElementStatistics[];
  incidents: Array<{ incidentKey: string; elementId?: string; errorType?: string; errorMessage?: string; creationTime?: string }>;
  variables: InstanceVariable[];
}

/** One read of an instance through the REST API (the same calls Camunda's Operate would make). */
export async function readInstanceStatus(engine: EngineClient, instance: ProcessInstanceSummary): Promise<InstanceStatus> {
  const key = instance.processInstanceKey;
  const [fresh, flows, elementInstances, incidents, variables] = await Promise.all([
    engine.getProcessInstance(key),
    engine.getProcessInstanceSequenceFlows(key),
    engine.searchElementInstances(key),
    engine.searchIncidents(key),
    engine.searchVariables({ processInstanceKey: key }),
  ]);
  return {
    instance: fresh ?? instance,
    flows: [...new Set(flows)].sort(),
    elements: countByElement(elementInstances),
    incidents: incidents
      .filter((i) => !i.state || i.state === 'ACTIVE')
      .map(({ incidentKey, elementId, errorType, errorMessage, creationTime }) => ({ incidentKey, elementId, errorType, errorMessage, creationTime })),
    variables: variables
      .map((v) => ({ name: v.name, value: parseJson(v.value), scopeKey: v.scopeKey, ...(v.isTruncated ? { isTruncated: true } : {}) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.scopeKey.localeCompare(b.scopeKey)),
  };
}

export function countByElement(instances: ElementInstanceSummary[]): ElementStatistics[] {
  const byId = new Map<string, ElementStatistics>();
  for (const e of instances) {
    if (e.type === 'PROCESS') continue;
    const s = byId.get(e.elementId) ?? { elementId: e.elementId, active: 0, completed: 0, canceled: 0, incidents: 0 };
    if (e.state === 'ACTIVE') s.active++;
    else if (e.state === 'COMPLETED') s.completed++;
    else s.canceled++;
    if (e.hasIncident && e.state === 'ACTIVE') s.incidents++;
    byId.set(e.elementId, s);
  }
  return [...byId.values()].sort((a, b) => a.elementId.localeCompare(b.elementId));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
