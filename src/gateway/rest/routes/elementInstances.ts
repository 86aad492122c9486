import Router from '@koa/router';
import type { Variables } from '../../../engine/feel/feel.js';
import type { ElementInstanceRow } from '../../../engine/state/tables.js';
import { engineTypesOf } from '../DefinitionCatalog.js';
import { ELEMENT_STATES, elementInstanceItem } from '../mappers.js';
import { badRequest, notFound } from '../problems.js';
import { applyFilter, asBoolean, asEnum, asEpochMillis, asKey, asString, checkFilterFields } from '../search/filters.js';
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

const FILTERS = [
  'processDefinitionId', 'state', 'type', 'elementId', 'hasIncident', 'tenantId', 'elementInstanceKey', 'processInstanceKey',
  'processDefinitionKey', 'incidentKey', 'startDate', 'endDate', 'elementInstanceScopeKey',
];

const TYPE_NAMES = [
  'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'START_EVENT', 'INTERMEDIATE_CATCH_EVENT', 'INTERMEDIATE_THROW_EVENT', 'BOUNDARY_EVENT',
  'END_EVENT', 'SERVICE_TASK', 'RECEIVE_TASK', 'USER_TASK', 'MANUAL_TASK', 'TASK', 'EXCLUSIVE_GATEWAY', 'INCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY', 'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK',
];

/** Element-instance search and get (finished instances stay, COMPLETED or TERMINATED), and local variable updates. */
export function elementInstancesRouter({ engine, catalog }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2/element-instances' });

  router.post('/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, Object.keys(SORT_COLUMNS));
    const { filter } = request;
    checkFilterFields(filter, FILTERS);
    if (filter.elementName !== undefined) badRequest("Filter 'elementName' is not supported by this gateway; filter by 'elementId'");
    const query = knex('element_instances as ei').select(
      'ei.key', 'ei.process_instance_key', 'ei.process_definition_key', 'ei.bpmn_process_id', 'ei.element_id', 'ei.element_type',
      'ei.flow_scope_key', 'ei.state', 'ei.start_date', 'ei.end_date', 'ei.incident_key', 'ei.tenant_id',
    );
    applyFilter(query, 'ei.key', filter.elementInstanceKey, 'elementInstanceKey', asKey('elementInstanceKey'));
    applyFilter(query, 'ei.process_instance_key', filter.processInstanceKey, 'processInstanceKey', asKey('processInstanceKey'));
    applyFilter(query, 'ei.process_definition_key', filter.processDefinitionKey, 'processDefinitionKey', asKey('processDefinitionKey'));
    applyFilter(query, 'ei.flow_scope_key', filter.elementInstanceScopeKey, 'elementInstanceScopeKey', asKey('elementInstanceScopeKey'));
    applyFilter(query, 'ei.bpmn_process_id', filter.processDefinitionId, 'processDefinitionId', asString('processDefinitionId'));
    applyFilter(query, 'ei.element_id', filter.elementId, 'elementId', asString('elementId'));
    applyFilter(query, 'ei.state', filter.state, 'state', asEnum('state', ELEMENT_STATES));
    applyFilter(query, 'ei.element_type', filter.type, 'type', asEnum('type', Object.fromEntries(TYPE_NAMES.map((t) => [t, engineTypesOf(t)]))));
    applyFilter(query, 'ei.incident_key', filter.incidentKey, 'incidentKey', asKey('incidentKey'));
    applyFilter(query, 'ei.tenant_id', filter.tenantId, 'tenantId', asString('tenantId'));
    applyFilter(query, 'ei.start_date', filter.startDate, 'startDate', asEpochMillis('startDate'), { ordered: true });
    applyFilter(query, 'ei.end_date', filter.endDate, 'endDate', asEpochMillis('endDate'), { ordered: true });
    const hasIncident = asBoolean(filter.hasIncident, 'hasIncident');
    if (hasIncident === true) query.whereNotNull('ei.incident_key');
    if (hasIncident === false) query.whereNull('ei.incident_key');
    ctx.body = await runSearch<ElementInstanceRow, ReturnType<typeof elementInstanceItem>>(query, request, SORT_COLUMNS, 'ei.key', async (rows) => {
      const infos = await catalog.getMany(rows.map((r) => r.process_definition_key));
      return rows.map((row) => elementInstanceItem(row, infos.get(row.process_definition_key)));
    });
  });

  router.get('/:key', async (ctx) => {
    const key = parseKeyValue(ctx.params.key, 'elementInstanceKey');
    const row = (await knex('element_instances').where('key', key).first()) as ElementInstanceRow | undefined;
    if (!row) notFound(`Element instance with key '${key}' not found`);
    ctx.body = elementInstanceItem(row, await catalog.get(row.process_definition_key));
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
