import { Camunda8 } from '@camunda8/sdk';
import { toElementInstance, toInstance } from '../audit/follower/CamundaEventSource.js';
import type { EngineElementInstance, EngineEventSource, EngineInstanceEvent, StreamPageRequest } from '../audit/follower/EngineEventSource.js';

type Row = Record<string, unknown>;
const NOW = { consistency: { waitUpToMs: 0 } } as const;
const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/** A user task waiting now, with the groups that may claim it. */
export interface WaitingUserTask {
  userTaskKey: string;
  processInstanceKey: string;
  processDefinitionId?: string;
  elementId?: string;
  candidateGroups: string[];
  creationDate?: string;
}

/** A step that ended, with the case it belongs to. */
export interface CompletedStep extends EngineElementInstance {
  processInstanceKey: string;
  processDefinitionId: string;
}

/**
 * What the monitoring aggregates read from the engine: the follower's own REST reads plus the
 * instances that completed and the tasks waiting now. Camunda REST API v2 only (ENGINE=external).
 */
export type MonitoringSource = Pick<EngineEventSource, 'instancesStarted' | 'instancesTerminated' | 'incidentsCreated' | 'elementInstances' | 'rootVariableOf'> & {
  instancesCompleted(page: StreamPageRequest): Promise<EngineInstanceEvent[]>;
  /** one page of the element instances completed since a time, in end order (the steps of running cases too) */
  elementsCompleted(page: StreamPageRequest): Promise<CompletedStep[]>;
  /** one page of the user tasks in state CREATED, oldest first */
  waitingUserTasks(from: number, limit: number): Promise<WaitingUserTask[]>;
};

/** The follower's event source, completed with the two searches monitoring adds. */
export class CamundaMonitoringSource implements MonitoringSource {
  private readonly camunda: Camunda8;
  private readonly rest: ReturnType<Camunda8['getOrchestrationClusterApiClientLoose']>;

  constructor(
    private readonly events: EngineEventSource,
    options: { restAddress?: string; sdkConfig?: Record<string, string> } = {},
  ) {
    this.camunda = new Camunda8({
      CAMUNDA_LOG_LEVEL: 'none',
      ...(options.restAddress ? { ZEEBE_REST_ADDRESS: options.restAddress } : {}),
      ...(process.env.CAMUNDA_AUTH_STRATEGY ? {} : { CAMUNDA_AUTH_STRATEGY: 'NONE' }),
      ...options.sdkConfig,
    } as never);
    this.rest = this.camunda.getOrchestrationClusterApiClientLoose();
  }

  instancesStarted = (page: StreamPageRequest) => this.events.instancesStarted(page);
  instancesTerminated = (page: StreamPageRequest) => this.events.instancesTerminated(page);
  incidentsCreated = (page: StreamPageRequest) => this.events.incidentsCreated(page);
  elementInstances = (key: string) => this.events.elementInstances(key);
  rootVariableOf = (keys: string[], name: string) => this.events.rootVariableOf(keys, name);

  async instancesCompleted({ since, from, limit }: StreamPageRequest): Promise<EngineInstanceEvent[]> {
    const result = (await this.rest.searchProcessInstances(
      {
        filter: { state: 'COMPLETED', ...(since ? { endDate: { $gte: since } } : {}) },
        page: { from, limit },
        sort: [{ field: 'endDate', order: 'asc' }, { field: 'processInstanceKey', order: 'asc' }],
      } as never,
      NOW as never,
    )) as { items?: Row[] };
    return (result?.items ?? []).map(toInstance);
  }

  async elementsCompleted({ since, from, limit }: StreamPageRequest): Promise<CompletedStep[]> {
    const result = (await this.rest.searchElementInstances(
      {
        filter: { state: 'COMPLETED', ...(since ? { endDate: { $gte: since } } : {}) },
        page: { from, limit },
        sort: [{ field: 'endDate', order: 'asc' }, { field: 'elementInstanceKey', order: 'asc' }],
      } as never,
      NOW as never,
    )) as { items?: Row[] };
    return (result?.items ?? []).map((r) => ({ ...toElementInstance(r), processInstanceKey: String(r.processInstanceKey), processDefinitionId: String(r.processDefinitionId) }));
  }

  async waitingUserTasks(from: number, limit: number): Promise<WaitingUserTask[]> {
    const result = (await this.rest.searchUserTasks(
      { filter: { state: 'CREATED' }, page: { from, limit }, sort: [{ field: 'creationDate', order: 'asc' }] } as never,
      NOW as never,
    )) as { items?: Row[] };
    return (result?.items ?? []).map((r) => ({
      userTaskKey: String(r.userTaskKey),
      processInstanceKey: String(r.processInstanceKey),
      processDefinitionId: str(r.processDefinitionId),
      elementId: str(r.elementId),
      candidateGroups: Array.isArray(r.candidateGroups) ? r.candidateGroups.map(String) : [],
      creationDate: str(r.creationDate),
    }));
  }

  async close(): Promise<void> {
    await this.camunda.closeAllClients().catch(() => undefined);
  }
}
