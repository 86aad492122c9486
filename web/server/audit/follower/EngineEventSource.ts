/**
 * What the engine event follower reads from the engine: Camunda 8 REST API v2 searches, in plain
 * types. Kept apart from the web app's EngineClient so the follower can grow without touching it.
 */
export interface EngineInstanceEvent {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion?: number;
  parentProcessInstanceKey?: string;
  state: string;
  startDate?: string;
  endDate?: string;
}

export interface EngineIncidentEvent {
  incidentKey: string;
  processInstanceKey?: string;
  processDefinitionId?: string;
  elementId?: string;
  elementInstanceKey?: string;
  jobKey?: string;
  errorType?: string;
  errorMessage?: string;
  state?: string;
  creationTime?: string;
}

export interface EngineUserTaskEvent {
  userTaskKey: string;
  processInstanceKey?: string;
  processDefinitionId?: string;
  elementId?: string;
  elementInstanceKey?: string;
  assignee?: string;
  state?: string;
  creationDate?: string;
  completionDate?: string;
}

export interface EngineElementInstance {
  elementInstanceKey: string;
  elementId: string;
  elementName?: string;
  type?: string;
  state: string;
  startDate?: string;
  endDate?: string;
  incidentKey?: string;
}

export interface EngineVariable {
  processInstanceKey?: string;
  name: string;
  value: string;
  scopeKey: string;
}

/**
 * One page of a time-ordered stream: items with time >= `since`, sorted by time then key, skipping
 * the first `from` of them (offset paging inside one `since`, for runs of items sharing one instant
 * that are longer than a page).
 */
export interface StreamPageRequest {
  since?: string;
  from: number;
  limit: number;
}

/** Time-ordered pages: items sorted by their time, then key, all with time >= since. */
export interface EngineEventSource {
  instancesStarted(page: StreamPageRequest): Promise<EngineInstanceEvent[]>;
  instancesTerminated(page: StreamPageRequest): Promise<EngineInstanceEvent[]>;
  incidentsCreated(page: StreamPageRequest): Promise<EngineIncidentEvent[]>;
  incidentsByKeys(keys: string[]): Promise<EngineIncidentEvent[]>;
  userTasksCompleted(page: StreamPageRequest): Promise<EngineUserTaskEvent[]>;
  getProcessInstance(key: string): Promise<EngineInstanceEvent | undefined>;
  childInstances(parentKey: string): Promise<EngineInstanceEvent[]>;
  elementInstances(processInstanceKey: string): Promise<EngineElementInstance[]>;
  rootVariables(processInstanceKey: string, names: string[]): Promise<EngineVariable[]>;
  /** One variable at the root scope of each of several instances (one search for a whole batch). */
  rootVariableOf(processInstanceKeys: string[], name: string): Promise<EngineVariable[]>;
  processDefinitionXml(processDefinitionKey: string): Promise<string | undefined>;
  close(): Promise<void>;
}
