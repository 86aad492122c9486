import type {
  ElementChange,
  DeployedResource,
  ElementInstanceSummary,
  ElementStatistics,
  EngineClient,
  IncidentSummary,
  InstanceSearchFilter,
  Page,
  ProcessDefinitionSummary,
  ProcessInstanceSummary,
  VariableSummary,
  VariableSearchFilter,
} from '../../../web/server/engine/EngineClient.js';
import { EngineRejectionError } from '../../../web/server/engine/EngineClient.js';

/**
 * A stand-in for the engine's REST API in the server's API tests (auth, scope, CSRF), which are about
 * the web app's own rules. The engine itself is exercised for real in the integration and browser tests.
 */
export class InMemoryEngine implements EngineClient {
  definitions: ProcessDefinitionSummary[] = [];
  xml = new Map<string, string>();
  instances: ProcessInstanceSummary[] = [];
  variables: VariableSummary[] = [];
  elementInstances = new Map<string, ElementInstanceSummary[]>();
  statistics = new Map<string, ElementStatistics[]>();
  deployed: Array<{ name: string; content: string }> = [];
  /** makes deploy refuse with this message */
  refuseDeploy?: string;
  private nextKey = 2251799813685249n;

  key(): string {
    return String(this.nextKey++);
  }

  addDefinition(processDefinitionId: string, xml = `<definitions id="${processDefinitionId}"/>`): ProcessDefinitionSummary {
    const d = { processDefinitionKey: this.key(), processDefinitionId, name: processDefinitionId, version: 1 };
    this.definitions.push(d);
    this.xml.set(d.processDefinitionKey, xml);
    return d;
  }

  addInstance(definition: ProcessDefinitionSummary, variables: Record<string, unknown>): ProcessInstanceSummary {
    const i: ProcessInstanceSummary = {
      processInstanceKey: this.key(),
      processDefinitionKey: definition.processDefinitionKey,
      processDefinitionId: definition.processDefinitionId,
      state: 'ACTIVE',
      hasIncident: false,
      startDate: new Date().toISOString(),
    };
    this.instances.push(i);
    for (const [name, value] of Object.entries(variables)) {
      this.variables.push({ name, value: JSON.stringify(value), scopeKey: i.processInstanceKey, processInstanceKey: i.processInstanceKey });
    }
    return i;
  }

  async searchProcessDefinitions(filter: { processDefinitionId?: string } = {}): Promise<ProcessDefinitionSummary[]> {
    return this.definitions.filter((d) => !filter.processDefinitionId || d.processDefinitionId === filter.processDefinitionId);
  }
  async getProcessDefinition(key: string) {
    return this.definitions.find((d) => d.processDefinitionKey === key);
  }
  async getProcessDefinitionXml(key: string) {
    return this.xml.get(key);
  }
  async getProcessDefinitionStatistics(key: string, keys?: string[]): Promise<ElementStatistics[]> {
    const counts = new Map<string, ElementStatistics>();
    for (const i of this.instances.filter((x) => x.processDefinitionKey === key && (!keys || keys.includes(x.processInstanceKey)))) {
      for (const s of this.statistics.get(i.processInstanceKey) ?? []) {
        const c = counts.get(s.elementId) ?? { elementId: s.elementId, active: 0, completed: 0, canceled: 0, incidents: 0 };
        c.active += s.active;
        c.completed += s.completed;
        c.canceled += s.canceled;
        c.incidents += s.incidents;
        counts.set(s.elementId, c);
      }
    }
    return [...counts.values()];
  }
  async searchProcessInstances(filter: InstanceSearchFilter, page: { from: number; limit: number }): Promise<Page<ProcessInstanceSummary>> {
    const items = this.instances.filter(
      (i) =>
        (!filter.processDefinitionKey || i.processDefinitionKey === filter.processDefinitionKey) &&
        (!filter.processDefinitionId || i.processDefinitionId === filter.processDefinitionId) &&
        (!filter.processDefinitionIds || filter.processDefinitionIds.includes(i.processDefinitionId)) &&
        (!filter.state || i.state === filter.state) &&
        (!filter.processInstanceKeys || filter.processInstanceKeys.includes(i.processInstanceKey)) &&
        (!filter.activeElementId || (this.statistics.get(i.processInstanceKey) ?? []).some((s) => s.elementId === filter.activeElementId && s.active > 0)),
    );
    return { items: items.slice(page.from, page.from + page.limit), total: items.length };
  }
  async getProcessInstance(key: string) {
    return this.instances.find((i) => i.processInstanceKey === key);
  }
  async getProcessInstanceSequenceFlows(): Promise<string[]> {
    return [];
  }
  async getProcessInstanceStatistics(key: string) {
    return this.statistics.get(key) ?? [];
  }
  async searchElementInstances(key: string) {
    return this.elementInstances.get(key) ?? [];
  }
  async searchActiveElements(keys: string[]) {
    return keys.flatMap((key) => (this.elementInstances.get(key) ?? []).filter((e) => e.state === 'ACTIVE').map((e) => ({ processInstanceKey: key, elementId: e.elementId })));
  }
  async searchElementChanges(): Promise<ElementChange[]> {
    return [];
  }
  async searchIncidents(): Promise<IncidentSummary[]> {
    return [];
  }
  async searchVariables(filter: VariableSearchFilter) {
    return this.variables.filter(
      (v) =>
        (!filter.processInstanceKey || v.processInstanceKey === filter.processInstanceKey) &&
        (!filter.processInstanceKeys || filter.processInstanceKeys.includes(v.processInstanceKey)) &&
        (!filter.name || v.name === filter.name) &&
        (!filter.names || filter.names.includes(v.name)) &&
        (filter.value === undefined || v.value === filter.value) &&
        (!filter.scopeKey || v.scopeKey === filter.scopeKey),
    );
  }
  async deploy(resources: Array<{ name: string; content: Buffer }>): Promise<DeployedResource[]> {
    if (this.refuseDeploy) throw new EngineRejectionError(400, 'INVALID_ARGUMENT', this.refuseDeploy);
    this.deployed.push(...resources.map((r) => ({ name: r.name, content: r.content.toString() })));
    return resources.map((r) => ({ kind: 'process', id: r.name.replace(/\.bpmn$/, ''), key: this.key(), version: 1, resourceName: r.name }));
  }
  async createProcessInstance(processDefinitionId: string, variables: Record<string, unknown>) {
    const d = this.definitions.find((x) => x.processDefinitionId === processDefinitionId);
    if (!d) throw new EngineRejectionError(404, 'NOT_FOUND', `no process ${processDefinitionId}`);
    return { processInstanceKey: this.addInstance(d, variables).processInstanceKey };
  }
  readonly publishedMessages: Array<{ name: string; correlationKey: string; variables: Record<string, unknown> }> = [];
  async publishMessage(message: { name: string; correlationKey: string; variables: Record<string, unknown> }) {
    this.publishedMessages.push(message);
    return { messageKey: String(this.publishedMessages.length) };
  }

  async close() {}

  /** Operator actions are not modelled here: tests of them run against the embedded engine (test/web/server/instanceOperations.test.ts). */
  private unsupported(): never {
    throw new Error('InMemoryEngine: operator actions need the real engine');
  }
  async cancelProcessInstance(): Promise<void> {
    this.unsupported();
  }
  async updateJobRetries(): Promise<void> {
    this.unsupported();
  }
  async resolveIncident(): Promise<void> {
    this.unsupported();
  }
  async setVariables(): Promise<void> {
    this.unsupported();
  }
  async modifyProcessInstance(): Promise<void> {
    this.unsupported();
  }
  async migrateProcessInstance(): Promise<void> {
    this.unsupported();
  }
}
