import Router from '@koa/router';
import type { Knex } from 'knex';
import { badRequest, notFound } from '../problems.js';
import { processDefinitionItem } from '../mappers.js';
import type { DefinitionInfo } from '../DefinitionCatalog.js';
import { asBoolean } from '../search/filters.js';
import { applyFilterTable, checkFilterTable, CUSTOM, integer, key, likeString, type FilterTable } from '../search/filterTable.js';
import { applyProcessInstanceFilter } from '../search/processInstanceFilter.js';
import { pageInMemory, parseSearchRequest } from '../search/searchRequest.js';
import type { RestDeps, RestState } from '../RestState.js';
import { isObject, parseKeyValue, requireBody } from '../values.js';

const SORT_FIELDS = ['processDefinitionKey', 'name', 'resourceName', 'version', 'versionTag', 'processDefinitionId', 'tenantId'] as const;
const FILTERS: FilterTable = {
  processDefinitionKey: key('pd.key'),
  processDefinitionId: likeString('pd.bpmn_process_id'),
  // The name is in the XML, not in a column: matched in memory below.
  name: CUSTOM,
  resourceName: likeString('pd.resource_name'),
  version: integer('pd.version'),
  versionTag: likeString('pd.version_tag'),
  tenantId: likeString('pd.tenant_id'),
  isLatestVersion: CUSTOM,
  hasStartForm: CUSTOM,
  state: CUSTOM,
};

/** In-memory match of a string filter (plain value or $eq/$neq/$in/$notIn/$like/$exists) for the `name` of a definition. */
function matchesString(actual: string | undefined, filter: unknown, field: string): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') return actual === filter;
  if (!isObject(filter)) badRequest(`Filter '${field}' must be a string or an object of operators`);
  for (const [op, v] of Object.entries(filter)) {
    if (op === '$eq' && actual !== v) return false;
    if (op === '$neq' && actual === v) return false;
    if (op === '$exists' && (actual !== undefined) !== v) return false;
    if (op === '$in' && !(Array.isArray(v) && v.includes(actual))) return false;
    if (op === '$notIn' && Array.isArray(v) && v.includes(actual)) return false;
    if (op === '$like') {
      const regex = new RegExp(`^${String(v).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      if (actual === undefined || !regex.test(actual)) return false;
    }
  }
  return true;
}

interface ElementCounts {
  elementId: string;
  active: number;
  canceled: number;
  incidents: number;
  completed: number;
}

/**
 * Per-element counts as Operate draws them on the diagram: `active` waits without an incident,
 * `incidents` waits with one, `completed`, `canceled` (terminated). The process itself and
 * multi-instance bodies are left out; their iterations are counted under the element id.
 */
export async function elementStatistics(knex: Knex, scope: (q: Knex.QueryBuilder) => void): Promise<ElementCounts[]> {
  const query = knex('element_instances as ei')
    .select('ei.element_id as elementId', 'ei.state as state')
    .select(knex.raw('ei.incident_key IS NOT NULL as withIncident'))
    .count({ n: '*' })
    .whereNotIn('ei.element_type', ['process', 'multiInstanceBody'])
    .groupBy('ei.element_id', 'ei.state', knex.raw('ei.incident_key IS NOT NULL'));
  scope(query);
  const rows = (await query) as { elementId: string; state: string; withIncident: number; n: number }[];
  const byElement = new Map<string, ElementCounts>();
  for (const row of rows) {
    let counts = byElement.get(row.elementId);
    if (!counts) byElement.set(row.elementId, (counts = { elementId: row.elementId, active: 0, canceled: 0, incidents: 0, completed: 0 }));
    const n = Number(row.n);
    if (row.state === 'COMPLETED') counts.completed += n;
    else if (row.state === 'TERMINATED') counts.canceled += n;
    else if (Number(row.withIncident)) counts.incidents += n;
    else counts.active += n;
  }
  return [...byElement.values()].sort((a, b) => (a.elementId < b.elementId ? -1 : 1));
}

export function processDefinitionsRouter({ engine, catalog }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2/process-definitions' });

  async function definition(param: string): Promise<DefinitionInfo> {
    const key = parseKeyValue(param, 'processDefinitionKey');
    const info = await catalog.get(key);
    if (!info) notFound(`Process definition with key '${key}' not found`);
    return info;
  }

  router.post('/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, SORT_FIELDS);
    const { filter } = request;
    checkFilterTable(filter, FILTERS);
    // A deleted definition leaves the list once drained (DeleteResource); its instances' history keeps it by key.
    const query = knex('process_definitions as pd').select('pd.key').whereRaw("COALESCE(pd.deletion_state, '') <> 'DELETED'");
    applyFilterTable(query, filter, FILTERS);
    if (asBoolean(filter.hasStartForm, 'hasStartForm') === true) query.whereRaw('0 = 1');
    if (filter.state !== undefined && filter.state !== 'ACTIVE') query.whereRaw('0 = 1');
    const latest = asBoolean(filter.isLatestVersion, 'isLatestVersion');
    if (latest !== undefined) {
      const newest = 'pd.version = (SELECT MAX(p2.version) FROM process_definitions p2 WHERE p2.bpmn_process_id = pd.bpmn_process_id AND p2.tenant_id = pd.tenant_id AND p2.deletion_state IS NULL)';
      if (latest) query.whereRaw(newest);
      else query.whereRaw(`NOT (${newest})`);
    }
    const keys = ((await query.orderBy('pd.key')) as { key: number }[]).map((r) => r.key);
    const infos = [...(await catalog.getMany(keys)).values()].filter((info) => matchesString(info.name, filter.name, 'name')).sort((a, b) => a.key - b.key);
    const page = pageInMemory(infos, request, (info, field) => {
      const item = processDefinitionItem(info);
      return field === 'processDefinitionKey' ? info.key : (item as Record<string, string | number | boolean | undefined>)[field];
    });
    ctx.body = { items: page.items.map(processDefinitionItem), page: page.page };
  });

  router.get('/:key', async (ctx) => {
    ctx.body = processDefinitionItem(await definition(ctx.params.key));
  });

  router.get('/:key/xml', async (ctx) => {
    const info = await definition(ctx.params.key);
    const row = (await knex('process_definitions').select('xml').where('key', info.key).first()) as { xml: string };
    ctx.type = 'text/xml';
    ctx.body = row.xml;
  });

  router.post('/:key/statistics/element-instances', async (ctx) => {
    const info = await definition(ctx.params.key);
    const body = requireBody(ctx.request.body);
    const filter = body.filter ?? {};
    if (!isObject(filter)) badRequest("Property 'filter' must be an object");
    if ('$or' in filter) badRequest("Filter '$or' is not supported by this gateway");
    const instanceFilter = Object.keys(filter).length > 0;
    const items = await elementStatistics(knex, (q) => {
      q.where('ei.process_definition_key', info.key);
      if (instanceFilter) {
        q.join('process_instances as pi', 'pi.key', 'ei.process_instance_key');
        applyProcessInstanceFilter(q, knex, filter);
      }
    });
    ctx.body = { items };
  });

  return router;
}
