import Router from '@koa/router';
import { notFound } from '../problems.js';
import { applyFilterTable, checkFilterTable, CUSTOM, integer, key, likeString, type FilterTable } from '../search/filterTable.js';
import { asBoolean } from '../search/filters.js';
import { pageInMemory, parseSearchRequest } from '../search/searchRequest.js';
import type { RestDeps, RestState } from '../RestState.js';
import { parseKeyValue } from '../values.js';

const DEFINITION_SORT = ['decisionDefinitionKey', 'decisionDefinitionId', 'name', 'version', 'decisionRequirementsId', 'decisionRequirementsKey', 'tenantId'] as const;
const DEFINITION_FILTERS: FilterTable = {
  decisionDefinitionKey: key('d.key'),
  decisionDefinitionId: likeString('d.decision_id'),
  name: likeString('d.name'),
  version: integer('d.version'),
  decisionRequirementsId: likeString('d.decision_requirements_id'),
  decisionRequirementsKey: key('d.decision_requirements_key'),
  decisionRequirementsName: likeString('r.name'),
  decisionRequirementsVersion: integer('r.version'),
  tenantId: likeString('d.tenant_id'),
  isLatestVersion: CUSTOM,
};

const REQUIREMENTS_SORT = ['decisionRequirementsKey', 'decisionRequirementsName', 'decisionRequirementsId', 'version', 'tenantId'] as const;
const REQUIREMENTS_FILTERS: FilterTable = {
  decisionRequirementsKey: key('r.key'),
  decisionRequirementsId: likeString('r.decision_requirements_id'),
  decisionRequirementsName: likeString('r.name'),
  version: integer('r.version'),
  resourceName: likeString('r.resource_name'),
  tenantId: likeString('r.tenant_id'),
};

interface DefinitionJoin {
  key: number;
  decision_id: string;
  name: string;
  version: number;
  decision_requirements_id: string;
  decision_requirements_key: number;
  tenant_id: string;
  requirements_name: string;
  requirements_version: number;
}

const definitionItem = (row: DefinitionJoin) => ({
  decisionDefinitionId: row.decision_id,
  decisionDefinitionKey: String(row.key),
  decisionRequirementsId: row.decision_requirements_id,
  decisionRequirementsKey: String(row.decision_requirements_key),
  decisionRequirementsName: row.requirements_name,
  decisionRequirementsVersion: row.requirements_version,
  name: row.name,
  tenantId: row.tenant_id,
  version: row.version,
});

interface RequirementsRow {
  key: number;
  decision_requirements_id: string;
  name: string;
  version: number;
  resource_name: string;
  tenant_id: string;
}

const requirementsItem = (row: RequirementsRow) => ({
  decisionRequirementsId: row.decision_requirements_id,
  decisionRequirementsKey: String(row.key),
  decisionRequirementsName: row.name,
  resourceName: row.resource_name,
  tenantId: row.tenant_id,
  version: row.version,
});

/** Decision definition and decision requirements searches, single gets and XML (Camunda 8.9 shapes). */
export function decisionSearchesRouter({ engine }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2' });
  const definitions = () =>
    knex('decisions as d')
      .join('decision_requirements as r', 'r.key', 'd.decision_requirements_key')
      .select('d.*', 'r.name as requirements_name', 'r.version as requirements_version');

  router.post('/decision-definitions/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, DEFINITION_SORT);
    checkFilterTable(request.filter, DEFINITION_FILTERS);
    const query = definitions();
    applyFilterTable(query, request.filter, DEFINITION_FILTERS);
    if (asBoolean(request.filter.isLatestVersion, 'isLatestVersion') === true) {
      query.whereRaw('d.version = (SELECT MAX(d2.version) FROM decisions d2 WHERE d2.decision_id = d.decision_id AND d2.tenant_id = d.tenant_id)');
    }
    const rows = (await query.orderBy('d.key')) as DefinitionJoin[];
    const page = pageInMemory(rows, request, (row, field) => {
      if (field === 'decisionDefinitionKey') return row.key;
      if (field === 'decisionRequirementsKey') return row.decision_requirements_key;
      return (definitionItem(row) as Record<string, string | number>)[field];
    });
    ctx.body = { items: page.items.map(definitionItem), page: page.page };
  });

  router.get('/decision-definitions/:key', async (ctx) => {
    const decisionKey = parseKeyValue(ctx.params.key, 'decisionDefinitionKey');
    const row = (await definitions().where('d.key', decisionKey).first()) as DefinitionJoin | undefined;
    if (!row) notFound(`Decision definition with key '${decisionKey}' not found`);
    ctx.body = definitionItem(row);
  });

  router.get('/decision-definitions/:key/xml', async (ctx) => {
    const decisionKey = parseKeyValue(ctx.params.key, 'decisionDefinitionKey');
    const row = (await knex('decisions as d').join('decision_requirements as r', 'r.key', 'd.decision_requirements_key').select('r.xml').where('d.key', decisionKey).first()) as { xml: string } | undefined;
    if (!row) notFound(`Decision definition with key '${decisionKey}' not found`);
    ctx.type = 'text/xml';
    ctx.body = row.xml;
  });

  router.post('/decision-requirements/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, REQUIREMENTS_SORT);
    checkFilterTable(request.filter, REQUIREMENTS_FILTERS);
    const query = knex('decision_requirements as r').select('r.key', 'r.decision_requirements_id', 'r.name', 'r.version', 'r.resource_name', 'r.tenant_id');
    applyFilterTable(query, request.filter, REQUIREMENTS_FILTERS);
    const rows = (await query.orderBy('r.key')) as RequirementsRow[];
    const page = pageInMemory(rows, request, (row, field) => (field === 'decisionRequirementsKey' ? row.key : (requirementsItem(row) as Record<string, string | number>)[field]));
    ctx.body = { items: page.items.map(requirementsItem), page: page.page };
  });

  return router;
}
