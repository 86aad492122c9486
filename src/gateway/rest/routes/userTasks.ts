import Router from '@koa/router';
import type { Knex } from 'knex';
import type { Variables } from '../../../engine/feel/feel.js';
import type { UserTaskRow } from '../../../engine/state/tables.js';
import { userTaskItem, type VariableRecord, variableItem } from '../mappers.js';
import { Rejection } from '../../../engine/errors.js';
import type { Command } from '../../../engine/processor/commands/types.js';
import { badRequest, notFound, ProblemError } from '../problems.js';
import { applyFilter, asString, checkFilterFields } from '../search/filters.js';
import { applyFilterTable, checkFilterTable, CUSTOM, enumOf, epochMillis, exactString, integer, key, likeString, type FilterTable } from '../search/filterTable.js';
import { pageInMemory, parseSearchRequest, runSearch } from '../search/searchRequest.js';
import type { RestContext, RestDeps, RestState } from '../RestState.js';
import { isObject, optionalString, parseKeyValue, parseVariablesObject, requireBody } from '../values.js';

/** An ISO date-time column as epoch millis, so date filters compare instants, not strings. */
const epochOf = (column: string) => `CAST(ROUND((julianday(${column}) - 2440587.5) * 86400000) AS INTEGER)`;

const SORT_COLUMNS: Record<string, string> = {
  creationDate: 'ut.creation_date',
  completionDate: 'ut.completion_date',
  followUpDate: 'ut.follow_up_date',
  dueDate: 'ut.due_date',
  priority: 'ut.priority',
};

const STATES = ['CREATED', 'ASSIGNING', 'UPDATING', 'COMPLETING', 'COMPLETED', 'CANCELING', 'CANCELED', 'FAILED'];
const STATE_MAP: Record<string, string[]> = Object.fromEntries(STATES.map((s) => [s, s === 'CREATED' ? ['CREATED', 'CREATING'] : [s]]));

const FILTERS: FilterTable = {
  state: enumOf('ut.state', STATE_MAP),
  elementId: exactString('ut.element_id'),
  tenantId: exactString('ut.tenant_id'),
  processDefinitionId: exactString('ut.bpmn_process_id'),
  userTaskKey: key('ut.key'),
  processDefinitionKey: key('ut.process_definition_key'),
  processInstanceKey: key('ut.process_instance_key'),
  elementInstanceKey: key('ut.element_instance_key'),
  assignee: likeString('ut.assignee'),
  priority: integer('ut.priority'),
  candidateGroup: CUSTOM,
  candidateUser: CUSTOM,
  creationDate: epochMillis('ut.creation_date'),
  completionDate: epochMillis('ut.completion_date'),
  followUpDate: epochMillis(epochOf('ut.follow_up_date')),
  dueDate: epochMillis(epochOf('ut.due_date')),
  localVariables: CUSTOM,
  processInstanceVariables: CUSTOM,
};

/** candidateGroups/candidateUsers are JSON arrays: a filter matches when any entry matches. */
function applyListFilter(query: Knex.QueryBuilder, knex: Knex, column: string, value: unknown, field: string): void {
  if (value === undefined) return;
  if (isObject(value) && typeof value.$exists === 'boolean') {
    query.whereRaw(`json_array_length(${column}) ${value.$exists ? '>' : '='} 0`);
    const { $exists: _, ...rest } = value;
    if (Object.keys(rest).length === 0) return;
    value = rest;
  }
  query.whereExists(function (this: Knex.QueryBuilder) {
    this.select(knex.raw('1')).from(knex.raw(`json_each(${column}) as entry`));
    applyFilter(this, 'entry.value', value, field, asString(field), { like: true });
  });
}

function applyVariableFilters(query: Knex.QueryBuilder, knex: Knex, value: unknown, field: string, scopeColumn: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) badRequest(`Filter '${field}' must be an array of {name, value}`);
  value.forEach((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.name !== 'string') badRequest(`Filter '${field}[${i}].name' must be a string`);
    query.whereExists(function (this: Knex.QueryBuilder) {
      this.select(knex.raw('1')).from('variables as v').whereRaw(`v.scope_key = ${scopeColumn}`).andWhere('v.name', entry.name as string);
      applyFilter(this, 'v.value', entry.value, `${field}[${i}].value`, asString(`${field}[${i}].value`), { like: true });
    });
  });
}

/** Variables visible from an element instance: its own scope, then each enclosing scope up to the process instance. */
async function visibleVariables(knex: Knex, elementInstanceKey: number): Promise<VariableRecord[]> {
  const scopes: number[] = [];
  for (let key: number | null = elementInstanceKey; key !== null && scopes.length < 100; ) {
    scopes.push(key);
    const row = (await knex('element_instances').select('flow_scope_key').where('key', key).first()) as { flow_scope_key: number | null } | undefined;
    key = row?.flow_scope_key ?? null;
  }
  const rows = (await knex('variables').whereIn('scope_key', scopes)) as VariableRecord[];
  const byName = new Map<string, VariableRecord>();
  for (const scope of scopes) for (const row of rows) if (row.scope_key === scope && !byName.has(row.name)) byName.set(row.name, row);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Tasklist's part of the API: search, get, form, assignment, unassignment, update and completion of user tasks. */
export function userTasksRouter({ engine, catalog, hierarchy }: RestDeps): Router<RestState> {
  const { knex } = engine;
  const router = new Router<RestState>({ prefix: '/v2/user-tasks' });

  async function task(param: string): Promise<UserTaskRow> {
    const key = parseKeyValue(param, 'userTaskKey');
    const row = (await knex('user_tasks').where('key', key).first()) as UserTaskRow | undefined;
    if (!row) notFound(`User task with key '${key}' not found`);
    return row;
  }

  /**
   * Zeebe forgets finished tasks, so it rejects a command on one as NOT_FOUND; the REST API knows the
   * task from its history and answers 409, as for any task in the wrong state.
   */
  async function taskCommand(ctx: RestContext, command: Extract<Command, { type: 'userTask' }>): Promise<void> {
    try {
      await ctx.state.execute(command);
    } catch (error) {
      if (!(error instanceof Rejection) || error.type !== 'NOT_FOUND') throw error;
      const row = (await knex('user_tasks').select('state').where('key', command.userTaskKey).first()) as { state: string } | undefined;
      if (row && (row.state === 'COMPLETED' || row.state === 'CANCELED')) {
        throw new ProblemError(409, 'INVALID_STATE', `Expected to ${command.action} user task with key '${command.userTaskKey}', but it is in state '${row.state}'`);
      }
      throw error;
    }
  }

  router.post('/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, Object.keys(SORT_COLUMNS));
    const { filter } = request;
    checkFilterTable(filter, FILTERS);
    const query = knex('user_tasks as ut').select('ut.*');
    applyFilterTable(query, filter, FILTERS);
    applyListFilter(query, knex, 'ut.candidate_groups', filter.candidateGroup, 'candidateGroup');
    applyListFilter(query, knex, 'ut.candidate_users', filter.candidateUser, 'candidateUser');
    applyVariableFilters(query, knex, filter.localVariables, 'localVariables', 'ut.element_instance_key');
    applyVariableFilters(query, knex, filter.processInstanceVariables, 'processInstanceVariables', 'ut.process_instance_key');
    // Camunda lists the newest tasks first when no sort is given.
    if (request.sort.length === 0) request.sort.push({ field: 'creationDate', order: 'desc' });
    ctx.body = await runSearch<UserTaskRow, ReturnType<typeof userTaskItem>>(query, request, SORT_COLUMNS, 'ut.key', async (rows) => {
      const infos = await catalog.getMany(rows.map((r) => r.process_definition_key));
      return hierarchy.fill(rows.map((row) => userTaskItem(row, infos.get(row.process_definition_key))));
    });
  });

  router.get('/:key', async (ctx) => {
    const row = await task(ctx.params.key);
    ctx.body = await hierarchy.fillOne(userTaskItem(row, await catalog.get(row.process_definition_key)));
  });

  router.get('/:key/form', async (ctx) => {
    const row = await task(ctx.params.key);
    if (row.form_key === null) {
      ctx.status = 204;
      return;
    }
    const form = (await knex('forms').where('key', row.form_key).first()) as { key: number; form_id: string; tenant_id: string; schema: string; version: number } | undefined;
    if (!form) notFound(`Form with key '${row.form_key}' of user task '${row.key}' not found`);
    // `schema` is the form JSON as text, as Tasklist reads it (form-js imports the parsed value).
    ctx.body = { formKey: String(form.key), tenantId: form.tenant_id, formId: form.form_id, schema: form.schema, version: Number(form.version) };
  });

  router.post('/:key/variables/search', async (ctx) => {
    const row = await task(ctx.params.key);
    const request = parseSearchRequest(ctx.request.body, ['name', 'value', 'fullValue', 'tenantId', 'variableKey', 'scopeKey', 'processInstanceKey']);
    checkFilterFields(request.filter, ['name']);
    const name = request.filter.name;
    const truncate = ctx.query.truncateValues !== 'false';
    let rows = await visibleVariables(knex, row.element_instance_key);
    if (name !== undefined) {
      const names = typeof name === 'string' ? [name] : isObject(name) && Array.isArray(name.$in) ? (name.$in as string[]) : isObject(name) && typeof name.$eq === 'string' ? [name.$eq] : undefined;
      if (!names) badRequest("Filter 'name' supports a plain name, $eq or $in");
      rows = rows.filter((r) => names.includes(r.name));
    }
    const page = pageInMemory(rows, request, (r, field) => (field === 'name' ? r.name : field === 'value' || field === 'fullValue' ? r.value : undefined));
    ctx.body = { items: await hierarchy.fill(page.items.map((r) => variableItem(r, truncate))), page: page.page };
  });

  router.post('/:key/assignment', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const userTaskKey = parseKeyValue(ctx.params.key, 'userTaskKey');
    const assignee = optionalString(body, 'assignee');
    if (!assignee) badRequest('No assignee provided');
    if (body.allowOverride !== undefined && body.allowOverride !== null && typeof body.allowOverride !== 'boolean') badRequest("Property 'allowOverride' must be a boolean");
    await taskCommand(ctx, { type: 'userTask', action: 'assign', userTaskKey, assignee, allowOverride: body.allowOverride !== false });
    ctx.status = 204;
  });

  router.delete('/:key/assignee', async (ctx) => {
    await taskCommand(ctx, { type: 'userTask', action: 'unassign', userTaskKey: parseKeyValue(ctx.params.key, 'userTaskKey') });
    ctx.status = 204;
  });

  router.post('/:key/completion', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const userTaskKey = parseKeyValue(ctx.params.key, 'userTaskKey');
    await taskCommand(ctx, { type: 'userTask', action: 'complete', userTaskKey, variables: parseVariablesObject(body.variables) as Variables });
    ctx.status = 204;
  });

  router.patch('/:key', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const userTaskKey = parseKeyValue(ctx.params.key, 'userTaskKey');
    const changeset = body.changeset ?? {};
    if (!isObject(changeset)) badRequest("Property 'changeset' must be an object");
    const allowed = ['dueDate', 'followUpDate', 'candidateUsers', 'candidateGroups', 'priority'];
    for (const name of Object.keys(changeset)) if (!allowed.includes(name)) badRequest(`Property 'changeset.${name}' cannot be updated; allowed: ${allowed.join(', ')}`);
    if (changeset.priority !== undefined && changeset.priority !== null && (!Number.isInteger(changeset.priority) || (changeset.priority as number) < 0 || (changeset.priority as number) > 100)) {
      badRequest(`The value for priority is '${String(changeset.priority)}' but must be within the [0,100] range`);
    }
    for (const name of ['candidateUsers', 'candidateGroups']) {
      const list = changeset[name];
      if (list !== undefined && list !== null && (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))) badRequest(`Property 'changeset.${name}' must be an array of strings`);
    }
    for (const name of ['dueDate', 'followUpDate']) {
      const date = changeset[name];
      if (date !== undefined && date !== null && date !== '' && (typeof date !== 'string' || !Number.isFinite(Date.parse(date)))) badRequest(`The value for ${name} is '${String(date)}' but must be an RFC 3339 date-time`);
    }
    await taskCommand(ctx, { type: 'userTask', action: 'update', userTaskKey, changeset });
    ctx.status = 204;
  });

  return router;
}
