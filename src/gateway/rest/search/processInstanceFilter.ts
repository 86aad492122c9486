import type { Knex } from 'knex';
import { ELEMENT_STATES } from '../mappers.js';
import { badRequest } from '../problems.js';
import { applyFilter, asBoolean, asEnum, asString, checkFilterFields } from './filters.js';
import { applyFilterTable, CUSTOM, enumOf, epochMillis, integer, key, likeString, storedAsIs, type FilterTable } from './filterTable.js';

const FILTERS: FilterTable = {
  processDefinitionId: likeString('pi.bpmn_process_id'),
  processDefinitionVersion: integer('pi.version'),
  processDefinitionKey: key('pi.process_definition_key'),
  processInstanceKey: key('pi.key'),
  parentProcessInstanceKey: key('pi.parent_process_instance_key'),
  parentElementInstanceKey: key('pi.parent_element_instance_key'),
  startDate: epochMillis('pi.start_date'),
  endDate: epochMillis('pi.end_date'),
  state: enumOf('pi.state', storedAsIs(['ACTIVE', 'COMPLETED', 'TERMINATED'])),
  hasIncident: CUSTOM,
  tenantId: likeString('pi.tenant_id'),
  variables: CUSTOM,
  elementId: CUSTOM,
  hasElementInstanceIncident: CUSTOM,
  elementInstanceState: CUSTOM,
  errorMessage: CUSTOM,
  incidentErrorHashCode: CUSTOM,
};

export const PROCESS_INSTANCE_FILTERS: readonly string[] = Object.keys(FILTERS);

/** Filters on `process_instances` (aliased `pi`), shared by instance search and definition statistics. */
export function applyProcessInstanceFilter(query: Knex.QueryBuilder, knex: Knex, filter: Record<string, unknown>, allowed: readonly string[] = PROCESS_INSTANCE_FILTERS): void {
  checkFilterFields(filter, allowed);
  if (filter.incidentErrorHashCode !== undefined) badRequest("Filter 'incidentErrorHashCode' is not supported by this gateway");
  applyFilterTable(query, filter, FILTERS);
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
      applyFilter(this, 'ei.state', filter.elementInstanceState, 'elementInstanceState', asEnum('elementInstanceState', ELEMENT_STATES));
      if (withIncident !== undefined) {
        if (withIncident) this.whereNotNull('ei.incident_key');
        else this.whereNull('ei.incident_key');
      }
    });
  }
}
