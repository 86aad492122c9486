import { Camunda8 } from '@camunda8/sdk';
import type {
  EngineElementInstance,
  EngineEventSource,
  EngineIncidentEvent,
  EngineInstanceEvent,
  EngineUserTaskEvent,
  EngineVariable,
  StreamPageRequest,
} from './EngineEventSource.js';

type Loose = ReturnType<Camunda8['getOrchestrationClusterApiClientLoose']>;
type Row = Record<string, unknown>;

/** The follower reads what is there now and comes back later; it never waits for consistency. */
const NOW = { consistency: { waitUpToMs: 0 } } as const;
const MAX_PAGE = 1000;

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/** The engine's history through the Camunda 8 REST API v2 (the SDK's REST client), as the follower needs it. */
export class CamundaEventSource implements EngineEventSource {
  private readonly camunda: Camunda8;
  private readonly rest: Loose;

  constructor(options: { restAddress?: string; sdkConfig?: Record<string, string> } = {}) {
    this.camunda = new Camunda8({
      CAMUNDA_LOG_LEVEL: 'none',
      ...(options.restAddress ? { ZEEBE_REST_ADDRESS: options.restAddress } : {}),
      ...(process.env.CAMUNDA_AUTH_STRATEGY ? {} : { CAMUNDA_AUTH_STRATEGY: 'NONE' }),
      ...options.sdkConfig,
    } as never);
    this.rest = this.camunda.getOrchestrationClusterApiClientLoose();
  }

  async instancesStarted({ since, from, limit }: StreamPageRequest): Promise<EngineInstanceEvent[]> {
    return this.searchInstances(since ? { startDate: { $gte: since } } : {}, 'startDate', limit, from);
  }

  async instancesTerminated({ since, from, limit }: StreamPageRequest): Promise<EngineInstanceEvent[]> {
    return this.searchInstances({ state: 'TERMINATED', ...(since ? { endDate: { $gte: since } } : {}) }, 'endDate', limit, from);
  }

  async getProcessInstance(key: string): Promise<EngineInstanceEvent | undefined> {
    try {
      return toInstance((await this.rest.getProcessInstance({ processInstanceKey: key } as never, NOW as never)) as Row);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async childInstances(parentKey: string): Promise<EngineInstanceEvent[]> {
    return this.searchInstances({ parentProcessInstanceKey: parentKey }, 'startDate', MAX_PAGE, 0);
  }

  async incidentsCreated({ since, from, limit }: StreamPageRequest): Promise<EngineIncidentEvent[]> {
    const result = (await this.rest.searchIncidents(
      {
        filter: since ? { creationTime: { $gte: since } } : {},
        page: { from, limit },
        sort: [{ field: 'creationTime', order: 'asc' }, { field: 'incidentKey', order: 'asc' }],
      } as never,
      NOW as never,
    )) as { items?: Row[] };
    return (result?.items ?? []).map(toIncident);
  }

  async incidentsByKeys(keys: string[]): Promise<EngineIncidentEvent[]> {
    const found: EngineIncidentEvent[] = [];
    for (let i = 0; i < keys.length; i += MAX_PAGE) {
      const chunk = keys.slice(i, i + MAX_PAGE);
      const result = (await this.rest.searchIncidents({ filter: { incidentKey: { $in: chunk } }, page: { limit: MAX_PAGE } } as never, NOW as never)) as { items?: Row[] };
      found.push(...(result?.items ?? []).map(toIncident));
    }
    return found;
  }

  async userTasksCompleted({ since, from, limit }: StreamPageRequest): Promise<EngineUserTaskEvent[]> {
    const result = (await this.rest.searchUserTasks(
      {
        filter: { state: 'COMPLETED', ...(since ? { completionDate: { $gte: since } } : {}) },
        page: { from, limit },
        // Camunda breaks ties by key (user tasks have no key sort field in the 8.8 API).
        sort: [{ field: 'completionDate', order: 'asc' }],
      } as never,
      NOW as never,
    )) as { items?: Row[] };
    return (result?.items ?? []).map((r) => ({
      userTaskKey: String(r.userTaskKey),
      processInstanceKey: str(r.processInstanceKey),
      processDefinitionId: str(r.processDefinitionId),
      elementId: str(r.elementId),
      elementInstanceKey: str(r.elementInstanceKey),
      assignee: str(r.assignee),
      state: str(r.state),
      creationDate: str(r.creationDate),
      completionDate: str(r.completionDate),
    }));
  }

  async userTaskCompletedBy(userTaskKey: string): Promise<string | undefined> {
    // The 8.9 user-task audit log; the SDK's REST client (8.8) has no call for it yet, so it is fetched with the client's own credentials.
    const base = String((this.rest.getConfig() as { restAddress?: string }).restAddress ?? '').replace(/\/+$/, '');
    const response = await fetch(`${base}/user-tasks/${encodeURIComponent(userTaskKey)}/audit-logs/search`, {
      method: 'POST',
      headers: { ...(await this.rest.getAuthHeaders()), 'content-type': 'application/json' },
      body: JSON.stringify({ page: { limit: 100 } }),
    });
    if (!response.ok) return undefined; // a cluster before 8.9 keeps no audit log
    const { items } = (await response.json()) as { items?: Row[] };
    const completion = (items ?? []).find((e) => e.operationType === 'COMPLETE' && e.result !== 'FAIL');
    return completion ? `${String(completion.actorType)}:${String(completion.actorId)}` : undefined;
  }

  async elementInstances(processInstanceKey: string): Promise<EngineElementInstance[]> {
    const result = (await this.rest.searchElementInstances(
      { filter: { processInstanceKey }, page: { limit: MAX_PAGE }, sort: [{ field: 'startDate', order: 'asc' }] } as never,
      NOW as never,
    )) as { items?: Row[] };
    return (result?.items ?? []).map(toElementInstance);
  }

  async rootVariables(processInstanceKey: string, names: string[]): Promise<EngineVariable[]> {
    if (names.length === 0) return [];
    const result = (await this.rest.searchVariables(
      { filter: { processInstanceKey, scopeKey: processInstanceKey, name: { $in: names } }, page: { limit: MAX_PAGE } } as never,
      NOW as never,
    )) as { items?: Row[] };
    return (result?.items ?? []).map((r) => ({ name: String(r.name), value: String(r.value), scopeKey: String(r.scopeKey) }));
  }

  async rootVariableOf(processInstanceKeys: string[], name: string): Promise<EngineVariable[]> {
    const keys = [...new Set(processInstanceKeys)];
    const found: EngineVariable[] = [];
    for (let i = 0; i < keys.length; i += MAX_PAGE / 2) {
      const chunk = keys.slice(i, i + MAX_PAGE / 2);
      // scopeKey = processInstanceKey: the instance's root scope, not a task's local copy.
      const result = (await this.rest.searchVariables(
        { filter: { processInstanceKey: { $in: chunk }, scopeKey: { $in: chunk }, name }, page: { limit: MAX_PAGE } } as never,
        NOW as never,
      )) as { items?: Row[] };
      for (const r of result?.items ?? []) {
        if (String(r.scopeKey) !== String(r.processInstanceKey)) continue;
        found.push({ processInstanceKey: String(r.processInstanceKey), name: String(r.name), value: String(r.value), scopeKey: String(r.scopeKey) });
      }
    }
    return found;
  }

  async processDefinitionXml(processDefinitionKey: string): Promise<string | undefined> {
    try {
      return String(await this.rest.getProcessDefinitionXml({ processDefinitionKey } as never, NOW as never));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.camunda.closeAllClients().catch(() => undefined);
  }

  private async searchInstances(filter: Row, timeField: 'startDate' | 'endDate', limit: number, from: number): Promise<EngineInstanceEvent[]> {
    const result = (await this.rest.searchProcessInstances(
      { filter, page: { from, limit }, sort: [{ field: timeField, order: 'asc' }, { field: 'processInstanceKey', order: 'asc' }] } as never,
      NOW as never,
    )) as { items?: Row[] };
    return (result?.items ?? []).map(toInstance);
  }
}

/** A process instance row of the REST API v2, as the follower and the monitoring aggregates read it. */
export function toInstance(r: Row): EngineInstanceEvent {
  return {
    processInstanceKey: String(r.processInstanceKey),
    processDefinitionKey: String(r.processDefinitionKey),
    processDefinitionId: String(r.processDefinitionId),
    processDefinitionVersion: typeof r.processDefinitionVersion === 'number' ? r.processDefinitionVersion : undefined,
    parentProcessInstanceKey: str(r.parentProcessInstanceKey),
    state: String(r.state ?? ''),
    startDate: str(r.startDate),
    endDate: str(r.endDate),
  };
}

/** An element instance row of the REST API v2. */
export function toElementInstance(r: Row): EngineElementInstance {
  return {
    elementInstanceKey: String(r.elementInstanceKey),
    elementId: String(r.elementId),
    elementName: str(r.elementName),
    type: str(r.type),
    state: String(r.state ?? ''),
    startDate: str(r.startDate),
    endDate: str(r.endDate),
    incidentKey: str(r.incidentKey),
  };
}

function toIncident(r: Row): EngineIncidentEvent {
  return {
    incidentKey: String(r.incidentKey),
    processInstanceKey: str(r.processInstanceKey),
    processDefinitionId: str(r.processDefinitionId),
    elementId: str(r.elementId),
    elementInstanceKey: str(r.elementInstanceKey),
    jobKey: str(r.jobKey),
    errorType: str(r.errorType),
    errorMessage: str(r.errorMessage),
    state: str(r.state),
    creationTime: str(r.creationTime),
  };
}
