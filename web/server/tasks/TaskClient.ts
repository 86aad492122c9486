/**
 * What the task list needs from the engine: Camunda's user-task endpoints of the Orchestration
 * Cluster REST API v2 (`/v2/user-tasks/...`), in plain types. Failures the engine meant for the
 * caller arrive as EngineRejectionError with the engine's HTTP status (404 unknown, 409 wrong state).
 */
export type UserTaskState = 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED';

export interface UserTaskSummary {
  userTaskKey: string;
  name: string;
  state: UserTaskState;
  elementId: string;
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processName?: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: string;
  followUpDate?: string;
  creationDate?: string;
  completionDate?: string;
  priority: number;
  formKey?: string;
}

export interface UserTaskFilter {
  state?: UserTaskState;
  /** any of these candidate groups */
  candidateGroups?: string[];
  assignee?: string;
  processInstanceKey?: string;
  /** of any of these instances */
  processInstanceKeys?: string[];
  /** created after this instant (ISO), for notifications */
  createdAfter?: string;
}

export interface UserTaskForm {
  formId: string;
  formKey: string;
  version?: number;
  /** the Camunda Form JSON, parsed */
  schema: Record<string, unknown>;
}

export interface TaskClient {
  searchTasks(filter: UserTaskFilter): Promise<UserTaskSummary[]>;
  getTask(userTaskKey: string): Promise<UserTaskSummary | undefined>;
  /** undefined when the task has no linked form */
  getTaskForm(userTaskKey: string): Promise<UserTaskForm | undefined>;
  /** the variables visible from the task (its scope up to the process instance), full values */
  getTaskVariables(userTaskKey: string): Promise<Record<string, unknown>>;
  assign(userTaskKey: string, assignee: string, allowOverride: boolean): Promise<void>;
  unassign(userTaskKey: string): Promise<void>;
  complete(userTaskKey: string, variables: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}
