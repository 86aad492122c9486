import Router from '@koa/router';
import type { Variables } from '../../../engine/feel/feel.js';
import type { CreatedInstance } from '../../../engine/processor/commands/processInstances.js';
import type { ProcessInstanceRow } from '../../../engine/state/tables.js';
import { processInstanceItem } from '../mappers.js';
import { badRequest, notFound } from '../problems.js';
import { applyProcessInstanceFilter } from '../search/processInstanceFilter.js';
import { parseSearchRequest, runSearch } from '../search/searchRequest.js';
import type { RestDeps, RestState } from '../RestState.js';
import { isObject, optionalInteger, optionalString, parseKeyValue, parseVariablesObject, requireBody } from '../values.js';
import { resultTimeout } from '../../requestTimeout.js';
import { elementStatistics } from './processDefinitions.js';
import { INCIDENT_SORT, searchIncidents } from './incidents.js';

const SORT_COLUMNS: Record<string, string> = {
  processInstanceKey: 'pi.key',
  processDefinitionId: 'pi.bpmn_process_id',
  processDefinitionName: 'pi.bpmn_process_id',
  processDefinitionVersion: 'pi.version',
  processDefinitionVersionTag: 'pi.version',
  processDefinitionKey: 'pi.process_definition_key',
  parentProcessInstanceKey: 'pi.parent_process_instance_key',
  parentElementInstanceKey: 'pi.parent_element_instance_key',
  startDate: 'pi.start_date',
  endDate: 'pi.end_date',
  state: 'pi.state',
  hasIncident: 'pi.incident_count',
  tenantId: 'pi.tenant_id',
};

/** `startInstructions: [{elementId}]`; the engine checks the elements as Zeebe does. */
function parseStartInstructions(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) badRequest("Property 'startInstructions' must be an array");
  return value.map((instruction: unknown, index) => {
    const elementId = isObject(instruction) ? instruction.elementId : undefined;
    if (typeof elementId !== 'string' || elementId === '') badRequest(`No elementId provided in startInstructions[${index}]`);
    return elementId;
  });
}

export function processInstancesRouter({ engine, catalog, hierarchy }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2/process-instances' });

  async function instance(param: string): Promise<ProcessInstanceRow> {
    const key = parseKeyValue(param, 'processInstanceKey');
    const row = (await knex('process_instances').where('key', key).first()) as ProcessInstanceRow | undefined;
    if (!row) notFound(`Process instance with key '${key}' not found`);
    return row;
  }

  router.post('/', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const processDefinitionKey = body.processDefinitionKey === undefined || body.processDefinitionKey === null ? undefined : parseKeyValue(body.processDefinitionKey, 'processDefinitionKey');
    const processDefinitionId = optionalString(body, 'processDefinitionId');
    if (processDefinitionKey === undefined && !processDefinitionId) badRequest('At least one of [processDefinitionId, processDefinitionKey] is required');
    if (processDefinitionKey !== undefined && processDefinitionId) badRequest('Only one of [processDefinitionId, processDefinitionKey] is allowed');
    // Camunda 8.9 tags and business ids are not kept by this engine: refuse them rather than drop them.
    if (Array.isArray(body.tags) ? body.tags.length > 0 : body.tags !== undefined && body.tags !== null) badRequest("Property 'tags' is not supported by this gateway");
    if (body.businessId !== undefined && body.businessId !== null) badRequest("Property 'businessId' is not supported by this gateway");
    const startElementIds = parseStartInstructions(body.startInstructions);
    const fetchVariables = body.fetchVariables ?? [];
    if (!Array.isArray(fetchVariables) || fetchVariables.some((v) => typeof v !== 'string')) badRequest("Property 'fetchVariables' must be an array of strings");
    const created = await ctx.state.execute<CreatedInstance>({
      type: 'createInstance',
      bpmnProcessId: processDefinitionId,
      processDefinitionKey,
      version: optionalInteger(body, 'processDefinitionVersion') ?? -1,
      variables: parseVariablesObject(body.variables) as Variables,
      startElementIds,
      tenantId: optionalString(body, 'tenantId'),
    });
    let variables: Record<string, unknown> = {};
    if (body.awaitCompletion === true) {
      const timeout = resultTimeout(optionalInteger(body, 'requestTimeout'));
      const all = await engine.awaitCompletion(created.processInstanceKey, timeout);
      variables = fetchVariables.length === 0 ? all : Object.fromEntries(Object.entries(all).filter(([name]) => (fetchVariables as string[]).includes(name)));
    }
    ctx.body = {
      processDefinitionId: created.bpmnProcessId,
      processDefinitionVersion: created.version,
      tenantId: created.tenantId,
      variables,
      processDefinitionKey: String(created.processDefinitionKey),
      processInstanceKey: String(created.processInstanceKey),
      tags: [],
      businessId: null,
    };
  });

  router.post('/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, Object.keys(SORT_COLUMNS));
    if ('$or' in request.filter) badRequest("Filter '$or' is not supported by this gateway");
    const query = knex('process_instances as pi').select('pi.*');
    applyProcessInstanceFilter(query, knex, request.filter);
    ctx.body = await runSearch<ProcessInstanceRow, ReturnType<typeof processInstanceItem>>(query, request, SORT_COLUMNS, 'pi.key', async (rows) => {
      const infos = await catalog.getMany(rows.map((r) => r.process_definition_key));
      return hierarchy.fill(rows.map((row) => processInstanceItem(row, infos.get(row.process_definition_key))));
    });
  });

  router.get('/:key', async (ctx) => {
    const row = await instance(ctx.params.key);
    ctx.body = await hierarchy.fillOne(processInstanceItem(row, await catalog.get(row.process_definition_key)));
  });

  router.post('/:key/cancellation', async (ctx) => {
    const key = parseKeyValue(ctx.params.key, 'processInstanceKey');
    const body = requireBody(ctx.request.body);
    if (body.operationReference !== undefined) optionalInteger(body, 'operationReference');
    await ctx.state.execute({ type: 'cancelInstance', processInstanceKey: key });
    ctx.status = 204;
  });

  router.get('/:key/statistics/element-instances', async (ctx) => {
    const row = await instance(ctx.params.key);
    ctx.body = { items: await elementStatistics(knex, (q) => q.where('ei.process_instance_key', row.key)) };
  });

  router.get('/:key/sequence-flows', async (ctx) => {
    const row = await instance(ctx.params.key);
    const flows = (await knex('records')
      .distinct('element_id')
      .where({ process_instance_key: row.key, value_type: 'PROCESS_INSTANCE', intent: 'SEQUENCE_FLOW_TAKEN' })
      .orderBy('element_id')) as { element_id: string }[];
    ctx.body = {
      items: await hierarchy.fill(flows.map((f) => ({
        processInstanceKey: String(row.key),
        rootProcessInstanceKey: null as string | null,
        sequenceFlowId: f.element_id,
        processDefinitionKey: String(row.process_definition_key),
        processDefinitionId: row.bpmn_process_id,
        elementId: f.element_id,
        tenantId: row.tenant_id,
      }))),
    };
  });

  router.post('/:key/incidents/search', async (ctx) => {
    const row = await instance(ctx.params.key);
    const request = parseSearchRequest(ctx.request.body, INCIDENT_SORT);
    if (!isObject(request.filter)) badRequest("Property 'filter' must be an object");
    ctx.body = await searchIncidents(knex, hierarchy, request, (q) => q.where('inc.process_instance_key', row.key));
  });

  return router;
}
