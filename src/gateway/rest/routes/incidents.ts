import Router from '@koa/router';
import type { Knex } from 'knex';
import type { IncidentRow } from '../../../engine/state/tables.js';
import { incidentItem } from '../mappers.js';
import { notFound } from '../problems.js';
import { applyFilterTable, checkFilterTable, enumOf, epochMillis, key, likeString, storedAsIs, type FilterTable } from '../search/filterTable.js';
import { parseSearchRequest, runSearch, type SearchRequest } from '../search/searchRequest.js';
import type { InstanceHierarchy } from '../InstanceHierarchy.js';
import type { RestDeps, RestState } from '../RestState.js';
import { parseKeyValue } from '../values.js';

const SORT_COLUMNS: Record<string, string> = {
  incidentKey: 'inc.key',
  processDefinitionKey: 'inc.process_definition_key',
  processDefinitionId: 'inc.bpmn_process_id',
  processInstanceKey: 'inc.process_instance_key',
  errorType: 'inc.error_type',
  errorMessage: 'inc.error_message',
  elementId: 'inc.element_id',
  elementInstanceKey: 'inc.element_instance_key',
  creationTime: 'inc.created_at',
  state: 'inc.state',
  jobKey: 'inc.job_key',
  tenantId: 'inc.tenant_id',
};
export const INCIDENT_SORT = Object.keys(SORT_COLUMNS);

const ERROR_TYPES = [
  'UNSPECIFIED', 'UNKNOWN', 'IO_MAPPING_ERROR', 'JOB_NO_RETRIES', 'EXECUTION_LISTENER_NO_RETRIES', 'TASK_LISTENER_NO_RETRIES', 'CONDITION_ERROR',
  'EXTRACT_VALUE_ERROR', 'CALLED_ELEMENT_ERROR', 'UNHANDLED_ERROR_EVENT', 'MESSAGE_SIZE_EXCEEDED', 'CALLED_DECISION_ERROR', 'DECISION_EVALUATION_ERROR',
  'FORM_NOT_FOUND', 'RESOURCE_NOT_FOUND',
];
const STATES = ['ACTIVE', 'MIGRATED', 'RESOLVED', 'PENDING'];

const FILTERS: FilterTable = {
  incidentKey: key('inc.key'),
  processDefinitionKey: key('inc.process_definition_key'),
  processDefinitionId: likeString('inc.bpmn_process_id'),
  processInstanceKey: key('inc.process_instance_key'),
  errorType: enumOf('inc.error_type', storedAsIs(ERROR_TYPES)),
  errorMessage: likeString('inc.error_message'),
  elementId: likeString('inc.element_id'),
  elementInstanceKey: key('inc.element_instance_key'),
  creationTime: epochMillis('inc.created_at'),
  state: enumOf('inc.state', storedAsIs(STATES)),
  jobKey: key('inc.job_key'),
  tenantId: likeString('inc.tenant_id'),
};

export async function searchIncidents(knex: Knex, hierarchy: InstanceHierarchy, request: SearchRequest, scope: (q: Knex.QueryBuilder) => void = () => undefined) {
  const { filter } = request;
  checkFilterTable(filter, FILTERS);
  const query = knex('incidents as inc').select('inc.*');
  scope(query);
  applyFilterTable(query, filter, FILTERS);
  return runSearch<IncidentRow, ReturnType<typeof incidentItem>>(query, request, SORT_COLUMNS, 'inc.key', (rows) => hierarchy.fill(rows.map(incidentItem)));
}

/** Incident search, get, and resolution (which re-runs the failed step or re-enables the job). */
export function incidentsRouter({ engine, hierarchy }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2/incidents' });

  router.post('/search', async (ctx) => {
    ctx.body = await searchIncidents(knex, hierarchy, parseSearchRequest(ctx.request.body, INCIDENT_SORT));
  });

  router.get('/:key', async (ctx) => {
    const key = parseKeyValue(ctx.params.key, 'incidentKey');
    const row = (await knex('incidents').where('key', key).first()) as IncidentRow | undefined;
    if (!row) notFound(`Incident with key '${key}' not found`);
    ctx.body = await hierarchy.fillOne(incidentItem(row));
  });

  router.post('/:key/resolution', async (ctx) => {
    await ctx.state.execute({ type: 'resolveIncident', incidentKey: parseKeyValue(ctx.params.key, 'incidentKey') });
    ctx.status = 204;
  });

  return router;
}
