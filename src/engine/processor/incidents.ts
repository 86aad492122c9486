import type { ElementInstanceRow, IncidentRow, Key } from '../state/tables.js';
import type { ProcessingContext } from './context.js';

export type IncidentType =
  | 'JOB_NO_RETRIES'
  | 'IO_MAPPING_ERROR'
  | 'CONDITION_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'CALLED_ELEMENT_ERROR'
  | 'UNHANDLED_ERROR_EVENT'
  | 'FORM_NOT_FOUND'
  | 'CALLED_DECISION_ERROR'
  | 'DECISION_EVALUATION_ERROR';

function incidentValue(incident: IncidentRow): Record<string, unknown> {
  return {
    errorType: incident.error_type,
    errorMessage: incident.error_message,
    bpmnProcessId: incident.bpmn_process_id,
    processDefinitionKey: incident.process_definition_key,
    processInstanceKey: incident.process_instance_key,
    elementId: incident.element_id,
    elementInstanceKey: incident.element_instance_key,
    jobKey: incident.job_key ?? -1,
    tenantId: incident.tenant_id,
  };
}

/** Raises an incident on an element instance; the element waits where it is until it is resolved. */
export async function createIncident(ctx: ProcessingContext, instance: ElementInstanceRow, type: IncidentType, message: string, jobKey: Key | null = null): Promise<IncidentRow> {
  const incident: IncidentRow = {
    key: ctx.key(),
    error_type: type,
    error_message: message,
    element_instance_key: instance.key,
    element_id: instance.element_id,
    process_instance_key: instance.process_instance_key,
    process_definition_key: instance.process_definition_key,
    bpmn_process_id: instance.bpmn_process_id,
    job_key: jobKey,
    state: 'ACTIVE',
    created_at: ctx.now(),
    tenant_id: instance.tenant_id,
  };
  ctx.batch.put('incidents', incident);
  ctx.update(instance, { incident_key: incident.key });
  const processInstance = await ctx.batch.get('process_instances', instance.process_instance_key);
  if (processInstance) ctx.batch.put('process_instances', { ...processInstance, incident_count: processInstance.incident_count + 1 });
  ctx.event('INCIDENT', 'CREATED', incident.key, incidentValue(incident), instance.process_instance_key, instance.element_id);
  return incident;
}

export async function markIncidentResolved(ctx: ProcessingContext, incident: IncidentRow): Promise<void> {
  ctx.batch.put('incidents', { ...incident, state: 'RESOLVED' });
  const instance = await ctx.instance(incident.element_instance_key);
  if (instance && instance.incident_key === incident.key) ctx.update(instance, { incident_key: null });
  const processInstance = await ctx.batch.get('process_instances', incident.process_instance_key);
  if (processInstance) ctx.batch.put('process_instances', { ...processInstance, incident_count: Math.max(0, processInstance.incident_count - 1) });
  ctx.event('INCIDENT', 'RESOLVED', incident.key, incidentValue({ ...incident, state: 'RESOLVED' }), incident.process_instance_key, incident.element_id);
}

/** Incidents of a terminated element are resolved with it. */
export async function resolveIncidentsOf(ctx: ProcessingContext, elementInstanceKey: Key): Promise<void> {
  const instance = await ctx.instance(elementInstanceKey);
  if (instance && instance.incident_key === null) return;
  for (const incident of await ctx.batch.find('incidents', { element_instance_key: elementInstanceKey, state: 'ACTIVE' })) {
    await markIncidentResolved(ctx, incident);
  }
}
