import Router from '@koa/router';
import type { Knex } from 'knex';
import { badRequest, notFound } from '../problems.js';
import { asEnum, checkFilterFields } from '../search/filters.js';
import { applyFilterTable, checkFilterTable, CUSTOM, enumOf, epochMillis, exactString, key, likeString, storedAsIs, type FilterTable } from '../search/filterTable.js';
import { parseSearchRequest, runSearch, type SearchRequest } from '../search/searchRequest.js';
import type { InstanceHierarchy } from '../InstanceHierarchy.js';
import type { RestDeps, RestState } from '../RestState.js';
import { iso, keyString, parseKeyValue } from '../values.js';

type EntityType = 'RESOURCE' | 'PROCESS_INSTANCE' | 'INCIDENT' | 'VARIABLE' | 'USER_TASK';
type OperationType = 'CREATE' | 'CANCEL' | 'RESOLVE' | 'UPDATE' | 'ASSIGN' | 'UNASSIGN' | 'COMPLETE';

/**
 * The operations Camunda 8.9's audit log lists, and the record of the engine's log that marks each:
 * one row per operation, keyed by the record's position.
 */
interface AuditedKind {
  valueType: string;
  intent: string;
  entityType: EntityType;
  operationType: OperationType;
  category: 'DEPLOYED_RESOURCES' | 'USER_TASKS';
  /** Narrows the records of this kind (SQL over `r`). */
  where?: string;
}

const KINDS: AuditedKind[] = [
  { valueType: 'DEPLOYMENT', intent: 'CREATED', entityType: 'RESOURCE', operationType: 'CREATE', category: 'DEPLOYED_RESOURCES' },
  { valueType: 'PROCESS_INSTANCE_CREATION', intent: 'CREATED', entityType: 'PROCESS_INSTANCE', operationType: 'CREATE', category: 'DEPLOYED_RESOURCES' },
  // A root process terminated is a cancellation (by CancelProcessInstance, or its parent's).
  { valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_TERMINATED', entityType: 'PROCESS_INSTANCE', operationType: 'CANCEL', category: 'DEPLOYED_RESOURCES', where: "json_extract(r.value, '$.bpmnElementType') = 'process'" },
  { valueType: 'INCIDENT', intent: 'RESOLVED', entityType: 'INCIDENT', operationType: 'RESOLVE', category: 'DEPLOYED_RESOURCES' },
  { valueType: 'VARIABLE_DOCUMENT', intent: 'UPDATED', entityType: 'VARIABLE', operationType: 'UPDATE', category: 'DEPLOYED_RESOURCES' },
  { valueType: 'USER_TASK', intent: 'ASSIGNED', entityType: 'USER_TASK', operationType: 'ASSIGN', category: 'USER_TASKS', where: "coalesce(json_extract(r.value, '$.assignee'), '') <> ''" },
  { valueType: 'USER_TASK', intent: 'ASSIGNED', entityType: 'USER_TASK', operationType: 'UNASSIGN', category: 'USER_TASKS', where: "coalesce(json_extract(r.value, '$.assignee'), '') = ''" },
  { valueType: 'USER_TASK', intent: 'UPDATED', entityType: 'USER_TASK', operationType: 'UPDATE', category: 'USER_TASKS' },
  { valueType: 'USER_TASK', intent: 'COMPLETED', entityType: 'USER_TASK', operationType: 'COMPLETE', category: 'USER_TASKS' },
];

const SORT_COLUMNS: Record<string, string> = {
  auditLogKey: 'r.position',
  timestamp: 'r.timestamp',
  actorId: 'r.actor_id',
  actorType: 'r.actor_type',
  entityKey: 'r.key',
  processInstanceKey: 'r.process_instance_key',
  processDefinitionId: "json_extract(r.value, '$.bpmnProcessId')",
  processDefinitionKey: "json_extract(r.value, '$.processDefinitionKey')",
  entityType: 'r.value_type',
  operationType: 'r.intent',
  elementInstanceKey: "json_extract(r.value, '$.elementInstanceKey')",
  userTaskKey: "json_extract(r.value, '$.userTaskKey')",
  tenantId: "json_extract(r.value, '$.tenantId')",
  category: 'r.value_type',
  result: 'r.position',
  jobKey: 'r.position',
  batchOperationKey: 'r.position',
  batchOperationType: 'r.position',
  decisionDefinitionId: 'r.position',
  decisionDefinitionKey: 'r.position',
  decisionEvaluationKey: 'r.position',
  decisionRequirementsId: 'r.position',
  decisionRequirementsKey: 'r.position',
};

/**
 * Columns of `records` (aliased `r`), or fields of its JSON value. `CUSTOM` fields pick the audited
 * kinds of record (`KINDS`) rather than rows.
 */
const FILTERS: FilterTable = {
  auditLogKey: key('r.position'),
  processDefinitionKey: key("json_extract(r.value, '$.processDefinitionKey')"),
  processDefinitionId: exactString("json_extract(r.value, '$.bpmnProcessId')"),
  processInstanceKey: key('r.process_instance_key'),
  // A variable update names its scope, not an element instance.
  elementInstanceKey: key("coalesce(json_extract(r.value, '$.elementInstanceKey'), json_extract(r.value, '$.scopeKey'))"),
  operationType: CUSTOM,
  result: CUSTOM,
  timestamp: epochMillis('r.timestamp'),
  actorId: likeString("coalesce(r.actor_id, '')"),
  actorType: enumOf("coalesce(r.actor_type, 'UNKNOWN')", storedAsIs(['USER', 'CLIENT', 'ANONYMOUS', 'UNKNOWN'])),
  entityType: CUSTOM,
  tenantId: exactString("coalesce(json_extract(r.value, '$.tenantId'), '<default>')"),
  category: CUSTOM,
  // The three keys are the record's own key, each for one kind of entity (narrowed below).
  deploymentKey: key('r.key'),
  entityKey: key('r.key'),
  userTaskKey: key('r.key'),
};

interface RecordRow {
  position: number;
  key: number;
  timestamp: number;
  value_type: string;
  intent: string;
  process_instance_key: number | null;
  value: string;
  actor_id: string | null;
  actor_type: string | null;
}

function kindOf(row: RecordRow, value: Record<string, unknown>): AuditedKind {
  const candidates = KINDS.filter((k) => k.valueType === row.value_type && k.intent === row.intent);
  if (candidates.length > 1) return candidates.find((k) => (k.operationType === 'UNASSIGN') === !value.assignee) as AuditedKind;
  return candidates[0];
}

const num = (v: unknown): number | null => (typeof v === 'number' && v > 0 ? v : typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : null);

export function auditLogItem(row: RecordRow) {
  const value = JSON.parse(row.value) as Record<string, unknown>;
  const kind = kindOf(row, value);
  const processInstanceKey = num(value.processInstanceKey) ?? row.process_instance_key;
  const entityKey = kind.entityType === 'VARIABLE' ? (num(value.scopeKey) ?? row.key) : row.key;
  const processDefinitionKey = num(value.processDefinitionKey);
  return {
    auditLogKey: String(row.position),
    entityKey: String(entityKey),
    entityType: kind.entityType,
    operationType: kind.operationType,
    batchOperationKey: null,
    batchOperationType: null,
    timestamp: iso(Number(row.timestamp)),
    // Commands that came over gRPC carry no identity.
    actorId: row.actor_id ?? '',
    actorType: (row.actor_type ?? 'UNKNOWN') as 'USER' | 'CLIENT' | 'ANONYMOUS' | 'UNKNOWN',
    tenantId: typeof value.tenantId === 'string' ? value.tenantId : '<default>',
    result: 'SUCCESS' as const,
    category: kind.category,
    processDefinitionId: typeof value.bpmnProcessId === 'string' ? value.bpmnProcessId : null,
    processDefinitionKey: keyString(processDefinitionKey) ?? null,
    processInstanceKey: keyString(processInstanceKey) ?? null,
    /** Set by InstanceHierarchy. */
    rootProcessInstanceKey: null as string | null,
    elementInstanceKey: keyString(num(value.elementInstanceKey) ?? (kind.entityType === 'VARIABLE' ? num(value.scopeKey) : null)) ?? null,
    jobKey: keyString(num(value.jobKey)) ?? null,
    userTaskKey: kind.entityType === 'USER_TASK' ? String(row.key) : null,
    decisionRequirementsId: null,
    decisionRequirementsKey: null,
    decisionDefinitionId: null,
    decisionDefinitionKey: null,
    decisionEvaluationKey: null,
    deploymentKey: kind.entityType === 'RESOURCE' ? String(row.key) : null,
    formKey: keyString(num(value.formKey)) ?? null,
    resourceKey: kind.entityType === 'RESOURCE' ? String(row.key) : null,
    relatedEntityKey: kind.entityType === 'INCIDENT' || kind.entityType === 'USER_TASK' ? (keyString(processInstanceKey) ?? null) : null,
    relatedEntityType: kind.entityType === 'INCIDENT' || kind.entityType === 'USER_TASK' ? ('PROCESS_INSTANCE' as const) : null,
    entityDescription: kind.entityType === 'RESOURCE' && Array.isArray(value.resources) ? value.resources.join(', ') : null,
    agentElementId: null,
  };
}

function enumFilter(value: unknown, field: string, allowed: string[]): Set<string> | undefined {
  if (value === undefined) return undefined;
  const check = (v: unknown): string => {
    if (typeof v !== 'string' || !allowed.includes(v)) asEnum(field, storedAsIs(allowed))(v);
    return v as string;
  };
  if (value === null) badRequest(`Filter '${field}' must not be null`);
  if (typeof value !== 'object' || Array.isArray(value)) return new Set([check(value)]);
  const ops = value as Record<string, unknown>;
  for (const op of Object.keys(ops)) if (!['$eq', '$neq', '$in', '$notIn'].includes(op)) badRequest(`Unsupported operator '${op}' in filter '${field}'`);
  let set = new Set(allowed);
  if (ops.$eq !== undefined) set = new Set([check(ops.$eq)]);
  if (Array.isArray(ops.$in)) set = new Set(ops.$in.map(check).filter((v) => set.has(v)));
  if (ops.$neq !== undefined) set.delete(check(ops.$neq));
  if (Array.isArray(ops.$notIn)) for (const v of ops.$notIn) set.delete(check(v));
  return set;
}

export async function searchAuditLogs(knex: Knex, hierarchy: InstanceHierarchy, request: SearchRequest, scope: (q: Knex.QueryBuilder) => void = () => undefined) {
  const { filter } = request;
  checkFilterTable(filter, FILTERS);
  const entityTypes = enumFilter(filter.entityType, 'entityType', ['AUTHORIZATION', 'BATCH', 'DECISION', 'GROUP', 'INCIDENT', 'JOB', 'MAPPING_RULE', 'PROCESS_INSTANCE', 'ROLE', 'TENANT', 'USER', 'USER_TASK', 'RESOURCE', 'VARIABLE', 'CLIENT']);
  const operations = enumFilter(filter.operationType, 'operationType', ['ASSIGN', 'CANCEL', 'COMPLETE', 'CREATE', 'DELETE', 'EVALUATE', 'MIGRATE', 'MODIFY', 'RESOLVE', 'RESUME', 'SUSPEND', 'UNASSIGN', 'UNKNOWN', 'UPDATE']);
  const categories = enumFilter(filter.category, 'category', ['DEPLOYED_RESOURCES', 'USER_TASKS', 'ADMIN']);
  const results = enumFilter(filter.result, 'result', ['SUCCESS', 'FAIL']);
  const kinds = KINDS.filter((k) => (!entityTypes || entityTypes.has(k.entityType)) && (!operations || operations.has(k.operationType)) && (!categories || categories.has(k.category)) && (!results || results.has('SUCCESS')));
  const query = knex('records as r').select('r.position', 'r.key', 'r.timestamp', 'r.value_type', 'r.intent', 'r.process_instance_key', 'r.value', 'r.actor_id', 'r.actor_type');
  query.where('r.record_type', 'EVENT');
  if (kinds.length === 0) query.whereRaw('0 = 1');
  else {
    query.where((q) => {
      for (const kind of kinds) {
        q.orWhere((k) => {
          k.where('r.value_type', kind.valueType).andWhere('r.intent', kind.intent);
          if (kind.where) k.whereRaw(kind.where);
        });
      }
    });
  }
  scope(query);
  applyFilterTable(query, filter, FILTERS);
  if (filter.deploymentKey !== undefined) query.where('r.value_type', 'DEPLOYMENT');
  if (filter.userTaskKey !== undefined) query.where('r.value_type', 'USER_TASK');
  const result = await runSearch<RecordRow, ReturnType<typeof auditLogItem>>(query, request, SORT_COLUMNS, 'r.position', (rows) => hierarchy.fill(rows.map(auditLogItem)));
  // Camunda 8.9 writes absent cursors as null.
  return { ...result, page: { startCursor: null, endCursor: null, ...result.page } };
}

/** Camunda 8.9's operations log, derived from the record log: who did which operation on which entity, when. */
export function auditLogsRouter({ engine, hierarchy }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>();

  router.post('/v2/audit-logs/search', async (ctx) => {
    ctx.body = await searchAuditLogs(knex, hierarchy, parseSearchRequest(ctx.request.body, Object.keys(SORT_COLUMNS)));
  });

  router.get('/v2/audit-logs/:key', async (ctx) => {
    const position = parseKeyValue(ctx.params.key, 'auditLogKey');
    const result = await searchAuditLogs(knex, hierarchy, { from: 0, limit: 1, sort: [], filter: {} }, (q) => q.where('r.position', position));
    if (result.items.length === 0) notFound(`Audit log with key '${position}' not found`);
    ctx.body = result.items[0];
  });

  router.post('/v2/user-tasks/:key/audit-logs/search', async (ctx) => {
    const userTaskKey = parseKeyValue(ctx.params.key, 'userTaskKey');
    const request = parseSearchRequest(ctx.request.body, Object.keys(SORT_COLUMNS));
    checkFilterFields(request.filter, ['operationType', 'result', 'timestamp', 'actorType', 'actorId']);
    ctx.body = await searchAuditLogs(knex, hierarchy, request, (q) => q.where('r.value_type', 'USER_TASK').andWhere('r.key', userTaskKey));
  });

  return router;
}
