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
  name: string;
  value: string;
  scopeKey: string;
}

/** Time-ordered pages: items sorted by their time, then key, all with time >= since. */
export interface EngineEventSource {
  instancesStartedSince(since: string | undefined, limit: number): Promise<EngineInstanceEvent[]>;
  instancesTerminatedSince(since: string | undefined, limit: number): Promise<EngineInstanceEvent[]>;
  incidentsCreatedSince(since: string | undefined, limit: number): Promise<EngineIncidentEvent[]>;
  incidentsByKeys(keys: string[]): Promise<EngineIncidentEvent[]>;
  userTasksCompletedSince(since: string | undefined, limit: number): Promise<EngineUserTaskEvent[]>;
  /** Who the engine authenticated for a task's completion (its 8.9 audit log: `CLIENT:<id>` or `USER:<name>`), when it says. */
  userTaskCompletedBy?(userTaskKey: string): Promise<string | undefined>;
  getProcessInstance(key: string): Promise<EngineInstanceEvent | undefined>;
  childInstances(parentKey: string): Promise<EngineInstanceEvent[]>;
  elementInstances(processInstanceKey: string): Promise<EngineElementInstance[]>;
  rootVariables(processInstanceKey: string, names: string[]): Promise<EngineVariable[]>;
  processDefinitionXml(processDefinitionKey: string): Promise<string | undefined>;
  close(): Promise<void>;
}
