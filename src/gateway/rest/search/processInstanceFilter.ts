import type { Knex } from 'knex';
import { badRequest } from '../problems.js';
import { applyFilter, asBoolean, asEnum, asEpochMillis, asInteger, asKey, asString, checkFilterFields } from './filters.js';

const STATES = { ACTIVE: ['ACTIVE'], COMPLETED: ['COMPLETED'], TERMINATED: ['TERMINATED'] };

export const PROCESS_INSTANCE_FILTERS = [
  'processDefinitionId', 'processDefinitionVersion', 'processDefinitionKey', 'processInstanceKey', 'parentProcessInstanceKey',
  'parentElementInstanceKey', 'startDate', 'endDate', 'state', 'hasIncident', 'tenantId', 'variables', 'elementId',
  'hasElementInstanceIncident', 'elementInstanceState', 'errorMessage', 'incidentErrorHashCode',
] as const;

/** Filters on `process_instances` (aliased `pi`), shared by instance search and definition statistics. */
export function applyProcessInstanceFilter(query: Knex.QueryBuilder, knex: Knex, filter: Record<string, unknown>, allowed: readonly string[] = PROCESS_INSTANCE_FILTERS): void {
  checkFilterFields(filter, allowed);
  if (filter.incidentErrorHashCode !== undefined) badRequest("Filter 'incidentErrorHashCode' is not supported by this gateway");
  applyFilter(query, 'pi.bpmn_process_id', filter.processDefinitionId, 'processDefinitionId', asString('processDefinitionId'), { like: true });
  applyFilter(query, 'pi.version', filter.processDefinitionVersion, 'processDefinitionVersion', asInteger('processDefinitionVersion'), { ordered: true });
  applyFilter(query, 'pi.process_definition_key', filter.processDefinitionKey, 'processDefinitionKey', asKey('processDefinitionKey'));
  applyFilter(query, 'pi.key', filter.processInstanceKey, 'processInstanceKey', asKey('processInstanceKey'));
  applyFilter(query, 'pi.parent_process_instance_key', filter.parentProcessInstanceKey, 'parentProcessInstanceKey', asKey('parentProcessInstanceKey'));
  applyFilter(query, 'pi.parent_element_instance_key', filter.parentElementInstanceKey, 'parentElementInstanceKey', asKey('parentElementInstanceKey'));
  applyFilter(query, 'pi.start_date', filter.startDate, 'startDate', asEpochMillis('startDate'), { ordered: true });
  applyFilter(query, 'pi.end_date', filter.endDate, 'endDate', asEpochMillis('endDate'), { ordered: true });
  applyFilter(query, 'pi.state', filter.state, 'state', asEnum('state', STATES));
  applyFilter(query, 'pi.tenant_id', filter.tenantId, 'tenantId', asString('tenantId'), { like: true });
  const hasIncident = asBoolean(filter.hasIncident, 'hasIncident');
  if (hasIncident !== undefined) query.where('pi.incident_count', hasIncident ? '>' : '=', 0);
  if (filter.variables !== undefined) {
    if (!Array.isArray(filter.variables)) badRequest("Filter 'variables' must be an array of {name, value}");
    filter.variables.forEach((v: unknown, i) => {
      const entry = v as { name?: unknown; value?: unknown };
      if (typeof entry?.name !== 'string') badRequest(`Filter 'variables[${i}].name' must be a string`);
      query.whereExists(function (this: Knex.QueryBuilder) {
        this.select(knex.raw('1')).from('variables as v').whereRaw('v.process_instance_key = pi.key').andWhere('v.name', entry.name as string);
        applyFilter(this, 'v.value', entry.value, `variables[${i}].value`, asString(`variables[${i}].value`), { like: true });
      });
    });
  }
  if (filter.errorMessage !== undefined) {
    query.whereExists(function (this: Knex.QueryBuilder) {
      this.select(knex.raw('1')).from('incidents as i').whereRaw('i.process_instance_key = pi.key').andWhere('i.state', 'ACTIVE');
      applyFilter(this, 'i.error_message', filter.errorMessage, 'errorMessage', asString('errorMessage'), { like: true });
    });
  }
  if (filter.elementId !== undefined || filter.elementInstanceState !== undefined || filter.hasElementInstanceIncident !== undefined) {
    const withIncident = asBoolean(filter.hasElementInstanceIncident, 'hasElementInstanceIncident');
    query.whereExists(function (this: Knex.QueryBuilder) {
      this.select(knex.raw('1')).from('element_instances as ei').whereRaw('ei.process_instance_key = pi.key');
      applyFilter(this, 'ei.element_id', filter.elementId, 'elementId', asString('elementId'), { like: true });
      applyFilter(this, 'ei.state', filter.elementInstanceState, 'elementInstanceState', asEnum('elementInstanceState', {
        ACTIVE: ['ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING'], COMPLETED: ['COMPLETED'], TERMINATED: ['TERMINATED'],
      }));
      if (withIncident !== undefined) {
        if (withIncident) this.whereNotNull('ei.incident_key');
        else this.whereNull('ei.incident_key');
      }
    });
  }
}
