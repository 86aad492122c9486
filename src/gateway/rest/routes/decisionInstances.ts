import Router from '@koa/router';
import { decisionInstanceDetails, decisionInstanceItem, type StoredDecisionInstance } from '../decisionInstanceItem.js';
import { badRequest, notFound } from '../problems.js';
import { applyFilterTable, checkFilterTable, enumOf, epochMillis, exactString, integer, key, storedAsIs, type ColumnFilter, type FilterTable } from '../search/filterTable.js';
import { parseSearchRequest, runSearch } from '../search/searchRequest.js';
import type { RestDeps, RestState } from '../RestState.js';

/** SQLite spelling of the `<evaluationKey>-<index>` id, so it can be filtered and sorted like a column. */
const EVALUATION_INSTANCE_KEY = "(di.evaluation_key || '-' || di.evaluation_index)";
const EVALUATION_INSTANCE_KEY_PATTERN = /^[0-9]+-[0-9]+$/;

const evaluationInstanceKeyFilter: ColumnFilter = {
  column: EVALUATION_INSTANCE_KEY,
  convert: (field) => (v) => {
    if (typeof v !== 'string' || !EVALUATION_INSTANCE_KEY_PATTERN.test(v)) badRequest(`Filter '${field}' must be '<decisionEvaluationKey>-<index>', got ${JSON.stringify(v)}`);
    return v;
  },
};

const SORT_COLUMNS: Record<string, string> = {
  decisionDefinitionId: 'di.decision_id',
  decisionDefinitionKey: 'di.decision_key',
  decisionDefinitionName: 'di.decision_name',
  decisionDefinitionType: 'di.decision_type',
  decisionDefinitionVersion: 'di.decision_version',
  decisionEvaluationInstanceKey: EVALUATION_INSTANCE_KEY,
  decisionEvaluationKey: 'di.evaluation_key',
  elementInstanceKey: 'di.element_instance_key',
  evaluationDate: 'di.evaluation_date',
  evaluationFailure: 'di.failure',
  processDefinitionKey: 'di.process_definition_key',
  processInstanceKey: 'di.process_instance_key',
  rootDecisionDefinitionKey: 'di.root_decision_key',
  state: 'di.state',
  tenantId: 'di.tenant_id',
};
const SORT_FIELDS = Object.keys(SORT_COLUMNS);

// UNSPECIFIED and UNKNOWN are accepted (8.9 still lists them, deprecated) and match nothing stored.
const FILTERS: FilterTable = {
  decisionEvaluationInstanceKey: evaluationInstanceKeyFilter,
  // 8.9's advanced state filter has `$like` too (states are stored as the API writes them).
  state: { ...enumOf('di.state', storedAsIs(['EVALUATED', 'FAILED', 'UNSPECIFIED', 'UNKNOWN'])), like: true },
  evaluationFailure: exactString('di.failure'),
  evaluationDate: epochMillis('di.evaluation_date'),
  decisionDefinitionId: exactString('di.decision_id'),
  decisionDefinitionName: exactString('di.decision_name'),
  decisionDefinitionVersion: integer('di.decision_version'),
  decisionDefinitionType: enumOf('di.decision_type', storedAsIs(['DECISION_TABLE', 'LITERAL_EXPRESSION', 'UNSPECIFIED', 'UNKNOWN'])),
  tenantId: exactString('di.tenant_id'),
  decisionEvaluationKey: key('di.evaluation_key'),
  processDefinitionKey: key('di.process_definition_key'),
  processInstanceKey: key('di.process_instance_key'),
  decisionDefinitionKey: key('di.decision_key'),
  elementInstanceKey: key('di.element_instance_key'),
  rootDecisionDefinitionKey: key('di.root_decision_key'),
  decisionRequirementsKey: key('di.decision_requirements_key'),
};

/**
 * Decision instance search and get (Camunda 8.9): one instance per decision evaluated by an evaluation
 * (EvaluateDecision or a business rule task), the root decision and each required decision.
 */
export function decisionInstancesRouter({ engine, hierarchy }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2/decision-instances' });

  router.post('/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, SORT_FIELDS);
    checkFilterTable(request.filter, FILTERS);
    const query = knex('decision_instances as di').select('di.*');
    applyFilterTable(query, request.filter, FILTERS);
    ctx.body = await runSearch<StoredDecisionInstance, ReturnType<typeof decisionInstanceItem>>(query, request, SORT_COLUMNS, 'di.key', (rows) => hierarchy.fill(rows.map(decisionInstanceItem)));
  });

  router.get('/:decisionEvaluationInstanceKey', async (ctx) => {
    const id = ctx.params.decisionEvaluationInstanceKey;
    if (!EVALUATION_INSTANCE_KEY_PATTERN.test(id)) badRequest(`The value for decisionEvaluationInstanceKey is '${id}' but must be '<decisionEvaluationKey>-<index>'`);
    const [evaluationKey, index] = id.split('-').map(Number);
    const row = (await knex('decision_instances').where({ evaluation_key: evaluationKey, evaluation_index: index }).first()) as StoredDecisionInstance | undefined;
    if (!row) notFound(`Decision instance with key '${id}' not found`);
    ctx.body = await hierarchy.fillOne(decisionInstanceDetails(row));
  });

  return router;
}
