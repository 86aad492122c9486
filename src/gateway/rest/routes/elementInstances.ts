import Router from '@koa/router';
import type { Variables } from '../../../engine/feel/feel.js';
import type { ElementInstanceRow } from '../../../engine/state/tables.js';
import { engineTypesOf } from '../DefinitionCatalog.js';
import { ELEMENT_STATES, elementInstanceItem } from '../mappers.js';
import { badRequest, notFound } from '../problems.js';
import { asBoolean } from '../search/filters.js';
import { applyFilterTable, checkFilterTable, CUSTOM, enumOf, epochMillis, exactString, key, type FilterTable } from '../search/filterTable.js';
import { parseSearchRequest, runSearch } from '../search/searchRequest.js';
import type { RestDeps, RestState } from '../RestState.js';
import { parseKeyValue, requireBody } from '../values.js';

const SORT_COLUMNS: Record<string, string> = {
  elementInstanceKey: 'ei.key',
  processInstanceKey: 'ei.process_instance_key',
  processDefinitionKey: 'ei.process_definition_key',
  processDefinitionId: 'ei.bpmn_process_id',
  startDate: 'ei.start_date',
  endDate: 'ei.end_date',
  elementId: 'ei.element_id',
  elementName: 'ei.element_id',
  type: 'ei.element_type',
  state: 'ei.state',
  incidentKey: 'ei.incident_key',
  tenantId: 'ei.tenant_id',
};

const TYPE_NAMES = [
  'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'START_EVENT', 'INTERMEDIATE_CATCH_EVENT', 'INTERMEDIATE_THROW_EVENT', 'BOUNDARY_EVENT',
  'END_EVENT', 'SERVICE_TASK', 'RECEIVE_TASK', 'USER_TASK', 'MANUAL_TASK', 'TASK', 'EXCLUSIVE_GATEWAY', 'INCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY', 'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK',
];

const FILTERS: FilterTable = {
  processDefinitionId: exactString('ei.bpmn_process_id'),
  state: enumOf('ei.state', ELEMENT_STATES),
  type: enumOf('ei.element_type', Object.fromEntries(TYPE_NAMES.map((t) => [t, engineTypesOf(t)]))),
  elementId: exactString('ei.element_id'),
  hasIncident: CUSTOM,
  tenantId: exactString('ei.tenant_id'),
  elementInstanceKey: key('ei.key'),
  processInstanceKey: key('ei.process_instance_key'),
  processDefinitionKey: key('ei.process_definition_key'),
  incidentKey: key('ei.incident_key'),
  startDate: epochMillis('ei.start_date'),
  endDate: epochMillis('ei.end_date'),
  elementInstanceScopeKey: key('ei.flow_scope_key'),
};

/** Element-instance search and get (finished instances stay, COMPLETED or TERMINATED), and local variable updates. */
export function elementInstancesRouter({ engine, catalog, hierarchy }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2/element-instances' });

  router.post('/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, Object.keys(SORT_COLUMNS));
    const { filter } = request;
    // Camunda's filter, known but not served here: say so before the generic unknown-field answer.
    if (filter.elementName !== undefined) badRequest("Filter 'elementName' is not supported by this gateway; filter by 'elementId'");
    checkFilterTable(filter, FILTERS);
    const query = knex('element_instances as ei').select(
      'ei.key', 'ei.process_instance_key', 'ei.process_definition_key', 'ei.bpmn_process_id', 'ei.element_id', 'ei.element_type',
      'ei.flow_scope_key', 'ei.state', 'ei.start_date', 'ei.end_date', 'ei.incident_key', 'ei.tenant_id',
    );
    // Camunda's exporters do not write the process itself as an element instance (PROCESS and sequence
    // flows are unhandled types of the flow-node export), so it is neither searched nor got here.
    query.whereNot('ei.element_type', 'process');
    applyFilterTable(query, filter, FILTERS);
    const hasIncident = asBoolean(filter.hasIncident, 'hasIncident');
    if (hasIncident === true) query.whereNotNull('ei.incident_key');
    if (hasIncident === false) query.whereNull('ei.incident_key');
    ctx.body = await runSearch<ElementInstanceRow, ReturnType<typeof elementInstanceItem>>(query, request, SORT_COLUMNS, 'ei.key', async (rows) => {
      const infos = await catalog.getMany(rows.map((r) => r.process_definition_key));
      return hierarchy.fill(rows.map((row) => elementInstanceItem(row, infos.get(row.process_definition_key))));
    });
  });

  router.get('/:key', async (ctx) => {
    const key = parseKeyValue(ctx.params.key, 'elementInstanceKey');
    const row = (await knex('element_instances').where('key', key).first()) as ElementInstanceRow | undefined;
    if (!row || row.element_type === 'process') notFound(`Element instance with key '${key}' not found`);
    ctx.body = await hierarchy.fillOne(elementInstanceItem(row, await catalog.get(row.process_definition_key)));
  });

  router.put('/:key/variables', async (ctx) => {
    const body = requireBody(ctx.request.body);
    if (typeof body.variables !== 'object' || body.variables === null || Array.isArray(body.variables)) badRequest("Property 'variables' must be a JSON object");
    if (body.local !== undefined && typeof body.local !== 'boolean') badRequest("Property 'local' must be a boolean");
    await ctx.state.execute({
      type: 'setVariables',
      elementInstanceKey: parseKeyValue(ctx.params.key, 'elementInstanceKey'),
      variables: body.variables as Variables,
      local: body.local === true,
    });
    ctx.status = 204;
  });

  return router;
}
