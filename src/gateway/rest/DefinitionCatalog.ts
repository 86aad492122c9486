import type { Knex } from 'knex';
import { parseBpmn } from '../../engine/model/parse.js';
import type { ProcessModel } from '../../engine/model/types.js';

export interface DefinitionInfo {
  key: number;
  bpmnProcessId: string;
  version: number;
  versionTag: string | null;
  resourceName: string;
  tenantId: string;
  /** The process name, as Camunda reports it (the id when the diagram gives none). */
  name: string | undefined;
  model: ProcessModel | undefined;
}

/**
 * What REST answers need from a process's XML (names, element kinds), parsed once per definition.
 * Definitions never change once deployed, so the cache needs no invalidation.
 */
export class DefinitionCatalog {
  private readonly cache = new Map<number, Promise<DefinitionInfo | undefined>>();

  constructor(private readonly knex: Knex) {}

  get(key: number): Promise<DefinitionInfo | undefined> {
    let info = this.cache.get(key);
    if (!info) {
      info = this.load(key);
      this.cache.set(key, info);
      info.then((found) => (found ? undefined : this.cache.delete(key)), () => this.cache.delete(key));
    }
    return info;
  }

  async getMany(keys: Iterable<number>): Promise<Map<number, DefinitionInfo>> {
    const out = new Map<number, DefinitionInfo>();
    await Promise.all([...new Set(keys)].map(async (key) => {
      const info = await this.get(key);
      if (info) out.set(key, info);
    }));
    return out;
  }

  private async load(key: number): Promise<DefinitionInfo | undefined> {
    const row = (await this.knex('process_definitions').where('key', key).first()) as
      | { key: number; bpmn_process_id: string; version: number; version_tag: string | null; resource_name: string; tenant_id: string; xml: string }
      | undefined;
    if (!row) return undefined;
    let model: ProcessModel | undefined;
    try {
      model = (await parseBpmn(row.xml)).processes.find((p) => p.bpmnProcessId === row.bpmn_process_id);
    } catch {
      model = undefined;
    }
    return {
      key: row.key,
      bpmnProcessId: row.bpmn_process_id,
      version: row.version,
      versionTag: row.version_tag,
      resourceName: row.resource_name,
      tenantId: row.tenant_id,
      name: model?.name || undefined,
      model,
    };
  }
}

/** Camunda's element-instance `type` enum from the engine's element kind (`serviceTask` → `SERVICE_TASK`). */
const ELEMENT_TYPES = new Set([
  'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'START_EVENT', 'INTERMEDIATE_CATCH_EVENT', 'INTERMEDIATE_THROW_EVENT',
  'BOUNDARY_EVENT', 'END_EVENT', 'SERVICE_TASK', 'RECEIVE_TASK', 'USER_TASK', 'MANUAL_TASK', 'TASK', 'EXCLUSIVE_GATEWAY', 'INCLUSIVE_GATEWAY',
  'PARALLEL_GATEWAY', 'EVENT_BASED_GATEWAY', 'SEQUENCE_FLOW', 'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK',
]);

export function elementTypeName(engineType: string, model?: ProcessModel, elementId?: string): string {
  if (engineType === 'subProcess' && model && elementId && model.elements.get(elementId)?.triggeredByEvent) return 'EVENT_SUB_PROCESS';
  const name = engineType.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return ELEMENT_TYPES.has(name) ? name : 'UNKNOWN';
}

/** The engine kinds behind one API type, for type filters. */
export function engineTypesOf(apiType: string): string[] {
  if (apiType === 'EVENT_SUB_PROCESS') return ['subProcess'];
  const camel = apiType.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return [camel];
}
