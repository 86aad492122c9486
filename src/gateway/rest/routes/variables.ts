import Router from '@koa/router';
import { type VariableRecord, variableItem } from '../mappers.js';
import { notFound } from '../problems.js';
import { asBoolean } from '../search/filters.js';
import { applyFilterTable, checkFilterTable, CUSTOM, exactString, key, likeString, type FilterTable } from '../search/filterTable.js';
import { parseSearchRequest, runSearch } from '../search/searchRequest.js';
import type { RestDeps, RestState } from '../RestState.js';
import { parseKeyValue, VARIABLE_PREVIEW_LIMIT } from '../values.js';

const SORT_COLUMNS: Record<string, string> = {
  name: 'v.name',
  value: 'v.value',
  fullValue: 'v.value',
  tenantId: 'v.tenant_id',
  variableKey: 'v.key',
  scopeKey: 'v.scope_key',
  processInstanceKey: 'v.process_instance_key',
};

const FILTERS: FilterTable = {
  name: likeString('v.name'),
  value: likeString('v.value'),
  variableKey: key('v.key'),
  scopeKey: key('v.scope_key'),
  processInstanceKey: key('v.process_instance_key'),
  tenantId: exactString('v.tenant_id'),
  isTruncated: CUSTOM,
};

/** Variable search (values are JSON text, truncated unless `truncateValues=false`) and get (full value). */
export function variablesRouter({ engine, hierarchy }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2/variables' });

  router.post('/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, Object.keys(SORT_COLUMNS));
    const { filter } = request;
    checkFilterTable(filter, FILTERS);
    const truncate = ctx.query.truncateValues !== 'false';
    const query = knex('variables as v').select('v.*');
    applyFilterTable(query, filter, FILTERS);
    const isTruncated = asBoolean(filter.isTruncated, 'isTruncated');
    if (isTruncated !== undefined) query.whereRaw(`length(v.value) ${isTruncated ? '>' : '<='} ?`, [VARIABLE_PREVIEW_LIMIT]);
    ctx.body = await runSearch<VariableRecord, ReturnType<typeof variableItem>>(query, request, SORT_COLUMNS, 'v.key', (rows) => hierarchy.fill(rows.map((r) => variableItem(r, truncate))));
  });

  router.get('/:key', async (ctx) => {
    const key = parseKeyValue(ctx.params.key, 'variableKey');
    const row = (await knex('variables').where('key', key).first()) as VariableRecord | undefined;
    if (!row) notFound(`Variable with key '${key}' not found`);
    const { isTruncated: _, ...item } = variableItem(row, false);
    ctx.body = await hierarchy.fillOne(item);
  });

  return router;
}
