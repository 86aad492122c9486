import type { ElementInstanceRow, IncidentRow, ProcessInstanceRow, UserTaskRow } from '../../engine/state/tables.js';
import { type DefinitionInfo, elementTypeName } from './DefinitionCatalog.js';
import { iso, isoOrNull, keyOrNull, VARIABLE_PREVIEW_LIMIT } from './values.js';


/** Engine element states → Camunda's ACTIVE / COMPLETED / TERMINATED. */
export const ELEMENT_STATES: Record<string, string[]> = {
  ACTIVE: ['ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING'],
  COMPLETED: ['COMPLETED'],
  TERMINATED: ['TERMINATED'],
};

export function elementStateName(state: string): 'ACTIVE' | 'COMPLETED' | 'TERMINATED' {
  return state === 'COMPLETED' ? 'COMPLETED' : state === 'TERMINATED' ? 'TERMINATED' : 'ACTIVE';
}

export function processDefinitionItem(info: DefinitionInfo) {
  return {
    name: info.name ?? null,
    resourceName: info.resourceName,
    version: info.version,
    versionTag: info.versionTag ?? null,
    processDefinitionId: info.bpmnProcessId,
    tenantId: info.tenantId,
    processDefinitionKey: String(info.key),
    hasStartForm: false,
    state: 'ACTIVE' as const,
  };
}

export function processInstanceItem(row: ProcessInstanceRow, info: DefinitionInfo | undefined) {
  return {
    processDefinitionId: row.bpmn_process_id,
    processDefinitionName: info?.name ?? row.bpmn_process_id,
    processDefinitionVersion: Number(row.version),
    processDefinitionVersionTag: info?.versionTag ?? null,
    startDate: iso(Number(row.start_date)),
    endDate: isoOrNull(row.end_date === null ? null : Number(row.end_date)),
    state: row.state,
    hasIncident: Number(row.incident_count) > 0,
    tenantId: row.tenant_id,
    processInstanceKey: String(row.key),
    processDefinitionKey: String(row.process_definition_key),
    parentProcessInstanceKey: keyOrNull(row.parent_process_instance_key),
    parentElementInstanceKey: keyOrNull(row.parent_element_instance_key),
    /** Set by InstanceHierarchy. */
    rootProcessInstanceKey: null as string | null,
    // Tags and business ids are not kept by this engine (none can be set on it): Camunda 8.9 answers [] and null.
    tags: [] as string[],
    businessId: null as string | null,
  };
}

export function elementInstanceItem(row: ElementInstanceRow, info: DefinitionInfo | undefined) {
  const element = info?.model?.elements.get(row.element_id);
  return {
    processDefinitionId: row.bpmn_process_id,
    startDate: iso(Number(row.start_date)),
    endDate: isoOrNull(row.end_date === null ? null : Number(row.end_date)),
    elementId: row.element_id,
    elementName: element?.name || row.element_id,
    type: elementTypeName(row.element_type, info?.model, row.element_id),
    state: elementStateName(row.state),
    hasIncident: row.incident_key !== null,
    tenantId: row.tenant_id,
    elementInstanceKey: String(row.key),
    processInstanceKey: String(row.process_instance_key),
    rootProcessInstanceKey: null as string | null,
    processDefinitionKey: String(row.process_definition_key),
    incidentKey: keyOrNull(row.incident_key),
  };
}

export function incidentItem(row: IncidentRow) {
  return {
    processDefinitionId: row.bpmn_process_id,
    errorType: row.error_type,
    errorMessage: row.error_message,
    elementId: row.element_id,
    creationTime: iso(Number(row.created_at)),
    state: row.state,
    tenantId: row.tenant_id,
    incidentKey: String(row.key),
    processDefinitionKey: String(row.process_definition_key),
    processInstanceKey: String(row.process_instance_key),
    rootProcessInstanceKey: null as string | null,
    elementInstanceKey: String(row.element_instance_key),
    jobKey: keyOrNull(row.job_key),
  };
}

export interface VariableRecord {
  key: number;
  scope_key: number;
  process_instance_key: number;
  name: string;
  value: string;
  tenant_id: string;
}

/** `value` is the variable's JSON text, as Camunda returns it; search results truncate long values. */
export function variableItem(row: VariableRecord, truncate: boolean) {
  const text = String(row.value);
  const isTruncated = truncate && text.length > VARIABLE_PREVIEW_LIMIT;
  return {
    name: row.name,
    value: isTruncated ? text.slice(0, VARIABLE_PREVIEW_LIMIT) : text,
    tenantId: row.tenant_id,
    isTruncated,
    variableKey: String(row.key),
    scopeKey: String(row.scope_key),
    processInstanceKey: String(row.process_instance_key),
    rootProcessInstanceKey: null as string | null,
  };
}

const USER_TASK_STATES = new Set(['CREATED', 'ASSIGNING', 'UPDATING', 'COMPLETING', 'COMPLETED', 'CANCELING', 'CANCELED', 'FAILED']);

function parseList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value !== '') {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      return [];
    }
  }
  return [];
}

function parseHeaders(value: unknown): Record<string, string> {
  const parsed: unknown = typeof value === 'string' ? (() => { try { return JSON.parse(value); } catch { return {}; } })() : value;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/** ISO date-times as stored by the engine (FEEL results), normalised to UTC `Z` form. */
function isoDate(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? iso(ms) : null;
}

export function userTaskItem(row: UserTaskRow, info: DefinitionInfo | undefined) {
  const element = info?.model?.elements.get(row.element_id);
  return {
    // CREATING is the engine's transient state before the task is visible; Camunda's API starts at CREATED.
    state: USER_TASK_STATES.has(row.state) ? row.state : row.state === 'CREATING' ? 'CREATED' : 'FAILED',
    processDefinitionVersion: Number(row.process_definition_version),
    processDefinitionId: row.bpmn_process_id,
    processName: info?.name ?? row.bpmn_process_id,
    processInstanceKey: String(row.process_instance_key),
    rootProcessInstanceKey: null as string | null,
    processDefinitionKey: String(row.process_definition_key),
    name: row.name || element?.name || row.element_id,
    elementId: row.element_id,
    elementInstanceKey: String(row.element_instance_key),
    tenantId: row.tenant_id,
    userTaskKey: String(row.key),
    assignee: row.assignee || null,
    candidateGroups: parseList(row.candidate_groups),
    candidateUsers: parseList(row.candidate_users),
    dueDate: isoDate(row.due_date),
    followUpDate: isoDate(row.follow_up_date),
    creationDate: iso(Number(row.creation_date)),
    completionDate: isoOrNull(row.completion_date === null ? null : Number(row.completion_date)),
    customHeaders: parseHeaders(row.custom_headers),
    formKey: keyOrNull(row.form_key),
    externalFormReference: row.external_form_reference || null,
    priority: Number(row.priority ?? 50),
    tags: [] as string[],
  };
}
