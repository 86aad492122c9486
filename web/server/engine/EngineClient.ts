/**
 * What the web app needs from the process engine, in plain types. The only implementation talks to
 * the Camunda 8 Orchestration Cluster REST API v2 through `@camunda8/sdk`, so the same code runs
 * against the embedded engine and a real Camunda 8 cluster.
 */
export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessDefinitionSummary {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string;
  version: number;
  resourceName?: string;
}

export interface ElementStatistics {
  elementId: string;
  active: number;
  completed: number;
  canceled: number;
  incidents: number;
}

export interface ProcessInstanceSummary {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName?: string;
  processDefinitionVersion?: number;
  state: InstanceState;
  startDate?: string;
  endDate?: string;
  hasIncident: boolean;
  parentProcessInstanceKey?: string;
  /** the call activity's element instance in the parent that started this one */
  parentElementInstanceKey?: string;
}

export interface ElementInstanceSummary {
  elementInstanceKey: string;
  elementId: string;
  elementName?: string;
  type?: string;
  state: InstanceState;
  hasIncident: boolean;
  startDate?: string;
  endDate?: string;
}

export interface IncidentSummary {
  incidentKey: string;
  elementId?: string;
  elementInstanceKey?: string;
  errorType?: string;
  errorMessage?: string;
  state?: string;
  creationTime?: string;
  /** the job whose retries ran out (JOB_NO_RETRIES), when there is one */
  jobKey?: string;
}

/** A move of tokens (Camunda's ModifyProcessInstance): activate these elements, terminate these element instances. */
export interface InstanceModification {
  activate: Array<{ elementId: string; ancestorElementInstanceKey?: string }>;
  terminate: Array<{ elementInstanceKey: string }>;
}

export interface VariableSummary {
  name: string;
  /** JSON text, as the REST API returns it */
  value: string;
  scopeKey: string;
  processInstanceKey: string;
  isTruncated?: boolean;
}

/** Variable search; `processInstanceKeys` and `names` ask for any of several at once (REST `$in`). */
export interface VariableSearchFilter {
  processInstanceKey?: string;
  /** any of these instances; empty means nothing */
  processInstanceKeys?: string[];
  name?: string;
  /** any of these names; empty means nothing */
  names?: string[];
  value?: string;
  scopeKey?: string;
}

export interface InstanceSearchFilter {
  processDefinitionKey?: string;
  processDefinitionId?: string;
  /** any of these process ids (a Provincia user's services); empty means nothing */
  processDefinitionIds?: string[];
  state?: InstanceState;
  /** only these instances; empty means nothing */
  processInstanceKeys?: string[];
  startedFrom?: string;
  startedTo?: string;
  /** only the processes this instance called */
  parentProcessInstanceKey?: string;
  /** only the processes any of these instances called; empty means nothing */
  parentProcessInstanceKeys?: string[];
  /** only instances in which this element is active now (REST `elementId` + `elementInstanceState`) */
  activeElementId?: string;
}

/** An element instance that started or ended: which case changed, and when (the open-work index's change feed). */
export interface ElementChange {
  elementInstanceKey: string;
  processInstanceKey: string;
  /** the top-level instance of its call hierarchy (Camunda 8.9's rootProcessInstanceKey) */
  rootProcessInstanceKey?: string;
  /** the start or end date searched by */
  date: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface DeployedResource {
  /** a .dmn file deploys one decision-requirements graph (DRG) and a decision per table or expression */
  kind: 'process' | 'form' | 'decision' | 'decision-requirements' | 'other';
  id: string;
  key: string;
  version?: number;
  resourceName?: string;
}

export interface EngineClient {
  searchProcessDefinitions(filter?: { processDefinitionId?: string }): Promise<ProcessDefinitionSummary[]>;
  getProcessDefinition(key: string): Promise<ProcessDefinitionSummary | undefined>;
  getProcessDefinitionXml(key: string): Promise<string | undefined>;
  /** Element counts for a definition; `processInstanceKeys` narrows them to the caller's scope. */
  getProcessDefinitionStatistics(key: string, processInstanceKeys?: string[]): Promise<ElementStatistics[]>;
  searchProcessInstances(filter: InstanceSearchFilter, page: { from: number; limit: number }): Promise<Page<ProcessInstanceSummary>>;
  getProcessInstance(key: string): Promise<ProcessInstanceSummary | undefined>;
  getProcessInstanceSequenceFlows(key: string): Promise<string[]>;
  getProcessInstanceStatistics(key: string): Promise<ElementStatistics[]>;
  searchElementInstances(processInstanceKey: string): Promise<ElementInstanceSummary[]>;
  /**
   * One page of the element instances that started (`startDate`) or ended (`endDate`) at or after `since`
   * (every one when absent), oldest first; `latest` asks for the newest one alone.
   */
  searchElementChanges(field: 'startDate' | 'endDate', since: string | undefined, page: { from: number; limit: number; latest?: boolean }): Promise<ElementChange[]>;
  /** The elements active now in these instances (every page), as `elementId` per `processInstanceKey`. */
  searchActiveElements(processInstanceKeys: string[]): Promise<Array<{ processInstanceKey: string; elementId: string }>>;
  searchIncidents(processInstanceKey: string): Promise<IncidentSummary[]>;
  /** Every matching variable: the client reads page after page, so nothing is silently left out. */
  searchVariables(filter: VariableSearchFilter): Promise<VariableSummary[]>;
  deploy(resources: Array<{ name: string; content: Buffer }>): Promise<DeployedResource[]>;
  /**
   * Starts the latest version; `startElementIds` (CreateProcessInstance start instructions) start it at
   * those elements instead of its none start event, the engine refusing what Zeebe refuses.
   */
  createProcessInstance(processDefinitionId: string, variables: Record<string, unknown>, options?: { startElementIds?: string[] }): Promise<{ processInstanceKey: string }>;
  /**
   * POST /v2/messages/publication: publishes a message (buffered for `timeToLiveMs`, 0 = only to
   * subscriptions open now) with the correlation key the diagram's zeebe:subscription expects.
   */
  publishMessage(message: { name: string; correlationKey: string; variables: Record<string, unknown>; timeToLiveMs?: number }): Promise<{ messageKey: string }>;
  /** POST /v2/process-instances/{key}/cancellation. */
  cancelProcessInstance(processInstanceKey: string): Promise<void>;
  /** PATCH /v2/jobs/{key} with new retries (an incident of a job with no retries needs them before it is resolved). */
  updateJobRetries(jobKey: string, retries: number): Promise<void>;
  /** POST /v2/incidents/{key}/resolution. */
  resolveIncident(incidentKey: string): Promise<void>;
  /** PUT /v2/element-instances/{key}/variables: `local` writes exactly that scope. */
  setVariables(elementInstanceKey: string, variables: Record<string, unknown>, local: boolean): Promise<void>;
  /** POST /v2/process-instances/{key}/modification. */
  modifyProcessInstance(processInstanceKey: string, modification: InstanceModification): Promise<void>;
  /** POST /v2/process-instances/{key}/migration. */
  migrateProcessInstance(processInstanceKey: string, targetProcessDefinitionKey: string, mappings: Array<{ sourceElementId: string; targetElementId: string }>): Promise<void>;
  /** GET /v2/topology, for /api/health: resolves while the cluster's REST API answers, rejects otherwise. */
  getTopology?(): Promise<EngineTopology>;
  close(): Promise<void>;
}

export interface EngineTopology {
  gatewayVersion?: string;
  clusterSize?: number;
  brokers: number;
}

/** The engine refused a command (e.g. an invalid diagram on deploy); `detail` is meant for the user. */
export class EngineRejectionError extends Error {
  readonly code = 'ENGINE_REJECTED';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'EngineRejectionError';
  }
}
