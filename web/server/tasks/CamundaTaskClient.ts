import { Camunda8 } from '@camunda8/sdk';
import { readAllPages, type SearchPage } from '../engine/readAllPages.js';
import { callRest, optionalRest } from '../engine/restCalls.js';
import type { TaskClient, UserTaskFilter, UserTaskForm, UserTaskState, UserTaskSummary } from './TaskClient.js';

type Loose = ReturnType<Camunda8['getOrchestrationClusterApiClientLoose']>;
type Row = Record<string, unknown>;

export interface CamundaTaskClientOptions {
  /** e.g. http://127.0.0.1:8080; otherwise the SDK reads ZEEBE_REST_ADDRESS and friends from the environment */
  restAddress?: string;
  sdkConfig?: Record<string, string>;
}

/** Task lists read what is there now; the UI refreshes by itself. */
const NOW = { consistency: { waitUpToMs: 0 } } as const;
const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/** Camunda's user-task API (REST v2) through the SDK; the client is created on first use. */
export class CamundaTaskClient implements TaskClient {
  private camunda?: Camunda8;
  private client?: Loose;

  constructor(private readonly options: CamundaTaskClientOptions = {}) {}

  private get rest(): Loose {
    if (!this.client) {
      this.camunda = new Camunda8({
        CAMUNDA_LOG_LEVEL: 'none',
        ...(this.options.restAddress ? { ZEEBE_REST_ADDRESS: this.options.restAddress } : {}),
        ...(process.env.CAMUNDA_AUTH_STRATEGY ? {} : { CAMUNDA_AUTH_STRATEGY: 'NONE' }),
        ...this.options.sdkConfig,
      } as never);
      this.client = this.camunda.getOrchestrationClusterApiClientLoose();
    }
    return this.client;
  }

  async searchTasks(filter: UserTaskFilter): Promise<UserTaskSummary[]> {
    if ((filter.candidateGroups && filter.candidateGroups.length === 0) || filter.processInstanceKeys?.length === 0) return [];
    const f: Row = {};
    if (filter.state) f.state = filter.state;
    if (filter.candidateGroups) f.candidateGroup = { $in: filter.candidateGroups };
    if (filter.assignee) f.assignee = filter.assignee;
    if (filter.processInstanceKey) f.processInstanceKey = filter.processInstanceKey;
    else if (filter.processInstanceKeys) f.processInstanceKey = { $in: filter.processInstanceKeys };
    if (filter.createdAfter) f.creationDate = { $gt: filter.createdAfter };
    const rows = await readAllPages((page) =>
      callRest<SearchPage<Row>>(() => this.rest.searchUserTasks({ filter: f, page, sort: [{ field: 'creationDate', order: 'asc' }] } as never, NOW as never)),
    );
    return rows.map(toTask);
  }

  async getTask(userTaskKey: string): Promise<UserTaskSummary | undefined> {
    const row = await optionalRest<Row>(() => this.rest.getUserTask({ userTaskKey } as never, NOW as never));
    return row && toTask(row);
  }

  async getTaskForm(userTaskKey: string): Promise<UserTaskForm | undefined> {
    const row = await optionalRest<Row | undefined>(() => this.rest.getUserTaskForm({ userTaskKey } as never, NOW as never));
    if (!row || typeof row !== 'object' || row.schema === undefined) return undefined;
    // Camunda returns the form JSON as text.
    const schema = typeof row.schema === 'string' ? (JSON.parse(row.schema) as Record<string, unknown>) : (row.schema as Record<string, unknown>);
    return { formId: String(row.formId ?? row.bpmnId ?? ''), formKey: String(row.formKey ?? ''), version: row.version === undefined ? undefined : Number(row.version), schema };
  }

  async getTaskVariables(userTaskKey: string): Promise<Record<string, unknown>> {
    const rows = await readAllPages((page) =>
      callRest<SearchPage<Row>>(() => this.rest.searchUserTaskVariables({ userTaskKey, truncateValues: false, page } as never, NOW as never)),
    );
    const out: Record<string, unknown> = {};
    for (const r of rows) {
      try {
        out[String(r.name)] = JSON.parse(String(r.value));
      } catch {
        out[String(r.name)] = r.value;
      }
    }
    return out;
  }

  async assign(userTaskKey: string, assignee: string, allowOverride: boolean): Promise<void> {
    await callRest(() => this.rest.assignUserTask({ userTaskKey, assignee, allowOverride } as never));
  }

  async unassign(userTaskKey: string): Promise<void> {
    await callRest(() => this.rest.unassignUserTask({ userTaskKey } as never));
  }

  async complete(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    await callRest(() => this.rest.completeUserTask({ userTaskKey, variables } as never));
  }

  async close(): Promise<void> {
    await this.camunda?.closeAllClients().catch(() => undefined);
  }
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function toTask(r: Row): UserTaskSummary {
  return {
    userTaskKey: String(r.userTaskKey),
    name: String(r.name ?? r.elementId ?? ''),
    state: String(r.state ?? 'CREATED') as UserTaskState,
    elementId: String(r.elementId ?? ''),
    elementInstanceKey: String(r.elementInstanceKey ?? ''),
    processInstanceKey: String(r.processInstanceKey ?? ''),
    processDefinitionKey: String(r.processDefinitionKey ?? ''),
    processDefinitionId: String(r.processDefinitionId ?? ''),
    processName: str(r.processName),
    assignee: str(r.assignee),
    candidateGroups: list(r.candidateGroups),
    candidateUsers: list(r.candidateUsers),
    dueDate: str(r.dueDate),
    followUpDate: str(r.followUpDate),
    creationDate: str(r.creationDate),
    completionDate: str(r.completionDate),
    priority: typeof r.priority === 'number' ? r.priority : Number(r.priority ?? 50) || 0,
    formKey: str(r.formKey),
  };
}
