import { Camunda8 } from '@camunda8/sdk';
import { readAllPages, type SearchPage } from './readAllPages.js';
import { callRest, optionalRest } from './restCalls.js';
import {
  type DeployedResource,
  type ElementChange,
  type ElementInstanceSummary,
  type ElementStatistics,
  type EngineClient,
  type EngineTopology,
  type IncidentSummary,
  type InstanceModification,
  type InstanceSearchFilter,
  type InstanceState,
  type Page,
  type ProcessDefinitionSummary,
  type ProcessInstanceSummary,
  type VariableSearchFilter,
  type VariableSummary,
} from './EngineClient.js';

type Loose = ReturnType<Camunda8['getOrchestrationClusterApiClientLoose']>;
type Row = Record<string, unknown>;

export interface CamundaEngineClientOptions {
  /** e.g. http://127.0.0.1:8080; otherwise the SDK reads ZEEBE_REST_ADDRESS and friends from the environment */
  restAddress?: string;
  /** extra SDK configuration (auth strategy, client id, ...) */
  sdkConfig?: Record<string, string>;
}

/** Searches read what is there now; the UI polls, so it never waits for eventual consistency. */
const NOW = { consistency: { waitUpToMs: 0 } } as const;
const MAX_PAGE = 1000;

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

/** The Camunda 8 Orchestration Cluster REST API (v2) through the SDK's REST client. */
export class CamundaEngineClient implements EngineClient {
  private readonly camunda: Camunda8;
  private readonly rest: Loose;

  constructor(options: CamundaEngineClientOptions = {}) {
    this.camunda = new Camunda8({
      CAMUNDA_LOG_LEVEL: 'none',
      ...(options.restAddress ? { ZEEBE_REST_ADDRESS: options.restAddress } : {}),
      ...(process.env.CAMUNDA_AUTH_STRATEGY ? {} : { CAMUNDA_AUTH_STRATEGY: 'NONE' }),
      ...options.sdkConfig,
    } as never);
    this.rest = this.camunda.getOrchestrationClusterApiClientLoose();
  }

  async searchProcessDefinitions(filter: { processDefinitionId?: string } = {}): Promise<ProcessDefinitionSummary[]> {
    const result = await callRest<{ items: Row[] }>(() =>
      this.rest.searchProcessDefinitions({ filter, page: { limit: MAX_PAGE }, sort: [{ field: 'processDefinitionId' }, { field: 'version', order: 'desc' }] } as never, NOW as never),
    );
    return (result?.items ?? []).map(toDefinition);
  }

  async getProcessDefinition(key: string): Promise<ProcessDefinitionSummary | undefined> {
    const row = await optionalRest<Row>(() => this.rest.getProcessDefinition({ processDefinitionKey: key } as never, NOW as never));
    return row && toDefinition(row);
  }

  async getProcessDefinitionXml(key: string): Promise<string | undefined> {
    const xml = await optionalRest<unknown>(() => this.rest.getProcessDefinitionXml({ processDefinitionKey: key } as never, NOW as never));
    return xml === undefined ? undefined : String(xml);
  }

  async getProcessDefinitionStatistics(key: string, processInstanceKeys?: string[]): Promise<ElementStatistics[]> {
    const filter = processInstanceKeys ? { processInstanceKey: { $in: processInstanceKeys } } : undefined;
    const result = await callRest<{ items: Row[] }>(() =>
      this.rest.getProcessDefinitionStatistics({ processDefinitionKey: key, ...(filter ? { filter } : {}) } as never, NOW as never),
    );
    return (result?.items ?? []).map(toStatistics);
  }

  async searchProcessInstances(filter: InstanceSearchFilter, page: { from: number; limit: number }): Promise<Page<ProcessInstanceSummary>> {
    if (filter.processInstanceKeys?.length === 0 || filter.processDefinitionIds?.length === 0 || filter.parentProcessInstanceKeys?.length === 0) return { items: [], total: 0 };
    const f: Row = {};
    if (filter.processDefinitionKey) f.processDefinitionKey = filter.processDefinitionKey;
    if (filter.processDefinitionId) f.processDefinitionId = filter.processDefinitionId;
    else if (filter.processDefinitionIds) f.processDefinitionId = { $in: filter.processDefinitionIds };
    if (filter.state) f.state = filter.state;
    if (filter.processInstanceKeys) f.processInstanceKey = { $in: filter.processInstanceKeys };
    if (filter.parentProcessInstanceKey) f.parentProcessInstanceKey = filter.parentProcessInstanceKey;
    else if (filter.parentProcessInstanceKeys) f.parentProcessInstanceKey = { $in: filter.parentProcessInstanceKeys };
    if (filter.activeElementId) Object.assign(f, { elementId: filter.activeElementId, elementInstanceState: 'ACTIVE' });
    if (filter.startedFrom || filter.startedTo) {
      f.startDate = { ...(filter.startedFrom ? { $gte: filter.startedFrom } : {}), ...(filter.startedTo ? { $lt: filter.startedTo } : {}) };
    }
    const result = await callRest<{ items: Row[]; page?: { totalItems?: number } }>(() =>
      this.rest.searchProcessInstances(
        { filter: f, page: { from: page.from, limit: page.limit }, sort: [{ field: 'startDate', order: 'desc' }] } as never,
        NOW as never,
      ),
    );
    const items = (result?.items ?? []).map(toInstance);
    return { items, total: num(result?.page?.totalItems ?? items.length) };
  }

  async getProcessInstance(key: string): Promise<ProcessInstanceSummary | undefined> {
    const row = await optionalRest<Row>(() => this.rest.getProcessInstance({ processInstanceKey: key } as never, NOW as never));
    return row && toInstance(row);
  }

  async getProcessInstanceSequenceFlows(key: string): Promise<string[]> {
    const result = await optionalRest<{ items: Row[] }>(() => this.rest.getProcessInstanceSequenceFlows({ processInstanceKey: key } as never, NOW as never));
    return (result?.items ?? []).map((r) => String(r.sequenceFlowId ?? r.elementId));
  }

  async getProcessInstanceStatistics(key: string): Promise<ElementStatistics[]> {
    const result = await optionalRest<{ items: Row[] }>(() => this.rest.getProcessInstanceStatistics({ processInstanceKey: key } as never, NOW as never));
    return (result?.items ?? []).map(toStatistics);
  }

  async searchElementInstances(processInstanceKey: string): Promise<ElementInstanceSummary[]> {
    const result = await callRest<{ items: Row[] }>(() =>
      this.rest.searchElementInstances({ filter: { processInstanceKey }, page: { limit: MAX_PAGE } } as never, NOW as never),
    );
    return (result?.items ?? []).map((r) => ({
      elementInstanceKey: String(r.elementInstanceKey),
      elementId: String(r.elementId),
      elementName: str(r.elementName),
      type: str(r.type),
      state: toState(r.state),
      hasIncident: Boolean(r.hasIncident),
      startDate: str(r.startDate),
      endDate: str(r.endDate),
    }));
  }

  async searchElementChanges(field: 'startDate' | 'endDate', since: string | undefined, page: { from: number; limit: number; latest?: boolean }): Promise<ElementChange[]> {
    // Without a start point, `$gte` the epoch still leaves out running steps when searching by end date.
    const filter = { [field]: { $gte: since ?? new Date(0).toISOString() } };
    const result = await callRest<{ items: Row[] }>(() =>
      this.rest.searchElementInstances(
        { filter, page: { from: page.from, limit: page.limit }, sort: [{ field, order: page.latest ? 'desc' : 'asc' }, { field: 'elementInstanceKey', order: 'asc' }] } as never,
        NOW as never,
      ),
    );
    return (result?.items ?? []).map((r) => ({ elementInstanceKey: String(r.elementInstanceKey), processInstanceKey: String(r.processInstanceKey), rootProcessInstanceKey: str(r.rootProcessInstanceKey), date: String(r[field]) }));
  }

  async searchActiveElements(processInstanceKeys: string[]): Promise<Array<{ processInstanceKey: string; elementId: string }>> {
    if (processInstanceKeys.length === 0) return [];
    const rows = await readAllPages((page) =>
      callRest<SearchPage<Row>>(() =>
        this.rest.searchElementInstances(
          { filter: { processInstanceKey: { $in: processInstanceKeys }, state: 'ACTIVE' }, page, sort: [{ field: 'elementInstanceKey', order: 'asc' }] } as never,
          NOW as never,
        ),
      ),
    );
    return rows.map((r) => ({ processInstanceKey: String(r.processInstanceKey), elementId: String(r.elementId) }));
  }

  async searchIncidents(processInstanceKey: string): Promise<IncidentSummary[]> {
    const result = await callRest<{ items: Row[] }>(() =>
      this.rest.searchIncidents({ filter: { processInstanceKey }, page: { limit: MAX_PAGE } } as never, NOW as never),
    );
    return (result?.items ?? []).map((r) => ({
      incidentKey: String(r.incidentKey),
      elementId: str(r.elementId),
      elementInstanceKey: str(r.elementInstanceKey),
      errorType: str(r.errorType),
      errorMessage: str(r.errorMessage),
      state: str(r.state),
      creationTime: str(r.creationTime),
      jobKey: str(r.jobKey),
    }));
  }

  async searchVariables(filter: VariableSearchFilter): Promise<VariableSummary[]> {
    if (filter.processInstanceKeys?.length === 0 || filter.names?.length === 0) return [];
    const f: Row = {};
    if (filter.processInstanceKey) f.processInstanceKey = filter.processInstanceKey;
    else if (filter.processInstanceKeys) f.processInstanceKey = { $in: filter.processInstanceKeys };
    if (filter.name) f.name = filter.name;
    else if (filter.names) f.name = { $in: filter.names };
    if (filter.value !== undefined) f.value = filter.value;
    if (filter.scopeKey) f.scopeKey = filter.scopeKey;
    const rows = await readAllPages((page) =>
      callRest<{ items: Row[]; page?: { totalItems?: number } }>(() => this.rest.searchVariables({ filter: f, page, sort: [{ field: 'variableKey' }], truncateValues: false } as never, NOW as never)),
    );
    return rows.map((r) => ({
      name: String(r.name),
      value: String(r.value),
      scopeKey: String(r.scopeKey),
      processInstanceKey: String(r.processInstanceKey),
      isTruncated: Boolean(r.isTruncated),
    }));
  }

  async deploy(resources: Array<{ name: string; content: Buffer }>): Promise<DeployedResource[]> {
    const files = resources.map((r) => new File([new Uint8Array(r.content)], r.name, { type: 'application/octet-stream' }));
    const result = await callRest<{ deployments?: Row[] }>(() => this.rest.createDeployment({ resources: files } as never));
    return (result?.deployments ?? []).map(toDeployed);
  }

  async createProcessInstance(processDefinitionId: string, variables: Record<string, unknown>, options: { startElementIds?: string[] } = {}): Promise<{ processInstanceKey: string }> {
    const startInstructions = options.startElementIds?.map((elementId) => ({ elementId }));
    const result = await callRest<Row>(() => this.rest.createProcessInstance({ processDefinitionId, variables, ...(startInstructions ? { startInstructions } : {}) } as never));
    return { processInstanceKey: String(result.processInstanceKey) };
  }

  async publishMessage(message: { name: string; correlationKey: string; variables: Record<string, unknown>; timeToLiveMs?: number }): Promise<{ messageKey: string }> {
    const result = await callRest<Row>(() =>
      this.rest.publishMessage({ name: message.name, correlationKey: message.correlationKey, variables: message.variables, timeToLive: message.timeToLiveMs ?? 0 } as never),
    );
    return { messageKey: String(result?.messageKey ?? '') };
  }

  async cancelProcessInstance(processInstanceKey: string): Promise<void> {
    await callRest(() => this.rest.cancelProcessInstance({ processInstanceKey } as never));
  }

  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    await callRest(() => this.rest.updateJob({ jobKey, changeset: { retries } } as never));
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    await callRest(() => this.rest.resolveIncident({ incidentKey } as never));
  }

  async setVariables(elementInstanceKey: string, variables: Record<string, unknown>, local: boolean): Promise<void> {
    await callRest(() => this.rest.createElementInstanceVariables({ elementInstanceKey, variables, local } as never));
  }

  async modifyProcessInstance(processInstanceKey: string, modification: InstanceModification): Promise<void> {
    // Activate and terminate instructions (Camunda 8.5+), not 8.9's move instructions, so older clusters take it too.
    await callRest(() =>
      this.rest.modifyProcessInstance({
        processInstanceKey,
        activateInstructions: modification.activate.map((a) => ({ elementId: a.elementId, ancestorElementInstanceKey: a.ancestorElementInstanceKey ?? '-1' })),
        terminateInstructions: modification.terminate.map((t) => ({ elementInstanceKey: t.elementInstanceKey })),
      } as never),
    );
  }

  async migrateProcessInstance(processInstanceKey: string, targetProcessDefinitionKey: string, mappings: Array<{ sourceElementId: string; targetElementId: string }>): Promise<void> {
    await callRest(() => this.rest.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey, mappingInstructions: mappings } as never));
  }

  async getTopology(): Promise<EngineTopology> {
    const t = (await this.rest.getTopology()) as { gatewayVersion?: unknown; clusterSize?: unknown; brokers?: unknown[] };
    return {
      gatewayVersion: str(t?.gatewayVersion),
      clusterSize: typeof t?.clusterSize === 'number' ? t.clusterSize : undefined,
      brokers: Array.isArray(t?.brokers) ? t.brokers.length : 0,
    };
  }

  async close(): Promise<void> {
    await this.camunda.closeAllClients().catch(() => undefined);
  }
}

function toState(value: unknown): InstanceState {
  const s = String(value ?? '').toUpperCase();
  if (s === 'COMPLETED') return 'COMPLETED';
  if (s === 'TERMINATED' || s === 'CANCELED' || s === 'CANCELLED') return 'TERMINATED';
  return 'ACTIVE';
}

function toDefinition(r: Row): ProcessDefinitionSummary {
  return {
    processDefinitionKey: String(r.processDefinitionKey),
    processDefinitionId: String(r.processDefinitionId),
    name: str(r.name),
    version: num(r.version),
    resourceName: str(r.resourceName),
  };
}

function toStatistics(r: Row): ElementStatistics {
  return { elementId: String(r.elementId), active: num(r.active), completed: num(r.completed), canceled: num(r.canceled), incidents: num(r.incidents) };
}

function toInstance(r: Row): ProcessInstanceSummary {
  return {
    processInstanceKey: String(r.processInstanceKey),
    processDefinitionKey: String(r.processDefinitionKey),
    processDefinitionId: String(r.processDefinitionId),
    processDefinitionName: str(r.processDefinitionName),
    processDefinitionVersion: r.processDefinitionVersion === undefined ? undefined : num(r.processDefinitionVersion),
    state: toState(r.state),
    startDate: str(r.startDate),
    endDate: str(r.endDate),
    hasIncident: Boolean(r.hasIncident),
    parentProcessInstanceKey: str(r.parentProcessInstanceKey),
    parentElementInstanceKey: str(r.parentElementInstanceKey),
  };
}

function toDeployed(r: Row): DeployedResource {
  const p = r.processDefinition as Row | undefined;
  if (p) {
    return { kind: 'process', id: String(p.processDefinitionId), key: String(p.processDefinitionKey), version: num(p.processDefinitionVersion), resourceName: str(p.resourceName) };
  }
  const f = r.form as Row | undefined;
  if (f) return { kind: 'form', id: String(f.formId), key: String(f.formKey), version: num(f.version), resourceName: str(f.resourceName) };
  const d = r.decisionDefinition as Row | undefined;
  if (d) return { kind: 'decision', id: String(d.decisionDefinitionId), key: String(d.decisionDefinitionKey), version: num(d.version), resourceName: str(d.resourceName) };
  const drg = r.decisionRequirements as Row | undefined;
  if (drg) {
    return { kind: 'decision-requirements', id: String(drg.decisionRequirementsId), key: String(drg.decisionRequirementsKey), version: num(drg.version), resourceName: str(drg.resourceName) };
  }
  return { kind: 'other', id: '', key: '' };
}
