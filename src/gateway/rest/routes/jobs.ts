import Router from '@koa/router';
import type { ActivatedJob } from '../../../engine/processor/commands/jobCommands.js';
import type { Variables } from '../../../engine/feel/feel.js';
import type { JobRow } from '../../../engine/state/tables.js';
import { badRequest } from '../problems.js';
import { applyFilterTable, checkFilterTable, CUSTOM, enumOf, key, likeString, type FilterTable } from '../search/filterTable.js';
import { parseSearchRequest, runSearch } from '../search/searchRequest.js';
import type { RestDeps, RestState } from '../RestState.js';
import { iso, isObject, optionalInteger, optionalString, parseKeyValue, parseVariablesObject, requireBody, requireString } from '../values.js';
import { parseExactJson } from '../../../engine/exactJson.js';

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = parseExactJson(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

function activatedJobItem(job: ActivatedJob) {
  return {
    type: job.type,
    processDefinitionId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    customHeaders: parseJson(job.customHeaders),
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline,
    variables: parseJson(job.variables),
    tenantId: job.tenantId,
    jobKey: String(job.key),
    processInstanceKey: String(job.processInstanceKey),
    processDefinitionKey: String(job.processDefinitionKey),
    elementInstanceKey: String(job.elementInstanceKey),
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
    // User task properties come only with task-listener jobs, which this engine does not run.
    userTask: null,
    tags: [] as string[],
    rootProcessInstanceKey: null as string | null,
  };
}

/** The engine keeps only live jobs; their REST state is CREATED until they fail or throw. */
const JOB_STATES: Record<string, string[]> = {
  CREATED: ['ACTIVATABLE', 'ACTIVATED'],
  FAILED: ['FAILED'],
  ERROR_THROWN: ['ERROR_THROWN'],
  COMPLETED: [],
  RETRIES_UPDATED: [],
  TIMED_OUT: [],
  CANCELED: [],
  MIGRATED: [],
};

function jobItem(row: JobRow) {
  const state = row.state === 'FAILED' ? 'FAILED' : row.state === 'ERROR_THROWN' ? 'ERROR_THROWN' : 'CREATED';
  return {
    jobKey: String(row.key),
    type: row.type,
    worker: row.worker,
    state,
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
    retries: Number(row.retries),
    isDenied: false,
    deniedReason: null,
    hasFailedWithRetriesLeft: row.state === 'FAILED' && Number(row.retries) > 0,
    errorCode: row.error_code || null,
    errorMessage: row.error_message || null,
    customHeaders: parseJson(String(row.custom_headers)),
    deadline: row.deadline === null ? null : iso(Number(row.deadline)),
    // The engine keeps only live jobs, so none has ended.
    endTime: null,
    processDefinitionId: row.bpmn_process_id,
    processDefinitionKey: String(row.process_definition_key),
    processInstanceKey: String(row.process_instance_key),
    elementId: row.element_id,
    elementInstanceKey: String(row.element_instance_key),
    tenantId: row.tenant_id,
    rootProcessInstanceKey: null as string | null,
    creationTime: iso(Number(row.created_at)),
    lastUpdateTime: null,
  };
}

const SORT_COLUMNS: Record<string, string> = {
  jobKey: 'j.key', type: 'j.type', worker: 'j.worker', state: 'j.state', kind: 'j.kind', retries: 'j.retries', errorCode: 'j.error_code',
  errorMessage: 'j.error_message', deadline: 'j.deadline', processDefinitionId: 'j.bpmn_process_id', processDefinitionKey: 'j.process_definition_key',
  processInstanceKey: 'j.process_instance_key', elementId: 'j.element_id', elementInstanceKey: 'j.element_instance_key', tenantId: 'j.tenant_id',
};

const FILTERS: FilterTable = {
  jobKey: key('j.key'),
  type: likeString('j.type'),
  worker: likeString('j.worker'),
  state: enumOf('j.state', JOB_STATES),
  kind: CUSTOM,
  processDefinitionId: likeString('j.bpmn_process_id'),
  processDefinitionKey: key('j.process_definition_key'),
  processInstanceKey: key('j.process_instance_key'),
  elementId: likeString('j.element_id'),
  elementInstanceKey: key('j.element_instance_key'),
  tenantId: likeString('j.tenant_id'),
};

/** Job activation (with Zeebe's long polling), completion, failure, BPMN errors, updates and search. */
export function jobsRouter({ engine, hierarchy }: RestDeps): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/jobs' });

  router.post('/activation', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const type = requireString(body, 'type');
    const timeout = optionalInteger(body, 'timeout');
    if (timeout === undefined || timeout < 1) badRequest(`The value for timeout is '${String(body.timeout)}' but must be greater than 0`);
    const maxJobs = optionalInteger(body, 'maxJobsToActivate');
    if (maxJobs === undefined || maxJobs < 1) badRequest(`The value for maxJobsToActivate is '${String(body.maxJobsToActivate)}' but must be greater than 0`);
    const fetchVariable = body.fetchVariable ?? [];
    if (!Array.isArray(fetchVariable) || fetchVariable.some((v) => typeof v !== 'string')) badRequest("Property 'fetchVariable' must be an array of strings");
    const abort = new AbortController();
    ctx.req.on('close', () => abort.abort());
    const jobs = await engine.activateJobs(
      { jobType: type, worker: optionalString(body, 'worker') || 'default', timeout, maxJobs, fetchVariables: fetchVariable as string[] },
      optionalInteger(body, 'requestTimeout') ?? 0,
      abort.signal,
    );
    ctx.body = { jobs: await hierarchy.fill(jobs.map(activatedJobItem)) };
  });

  router.post('/:key/completion', async (ctx) => {
    const body = requireBody(ctx.request.body);
    await ctx.state.execute({ type: 'completeJob', jobKey: parseKeyValue(ctx.params.key, 'jobKey'), variables: parseVariablesObject(body.variables) as Variables });
    ctx.status = 204;
  });

  router.post('/:key/failure', async (ctx) => {
    const body = requireBody(ctx.request.body);
    await ctx.state.execute({
      type: 'failJob',
      jobKey: parseKeyValue(ctx.params.key, 'jobKey'),
      retries: optionalInteger(body, 'retries') ?? 0,
      errorMessage: optionalString(body, 'errorMessage') ?? '',
      retryBackOff: optionalInteger(body, 'retryBackOff') ?? 0,
      variables: parseVariablesObject(body.variables) as Variables,
    });
    ctx.status = 204;
  });

  router.post('/:key/error', async (ctx) => {
    const body = requireBody(ctx.request.body);
    await ctx.state.execute({
      type: 'throwError',
      jobKey: parseKeyValue(ctx.params.key, 'jobKey'),
      errorCode: requireString(body, 'errorCode'),
      errorMessage: optionalString(body, 'errorMessage') ?? '',
      variables: parseVariablesObject(body.variables) as Variables,
    });
    ctx.status = 204;
  });

  router.patch('/:key', async (ctx) => {
    const body = requireBody(ctx.request.body);
    const jobKey = parseKeyValue(ctx.params.key, 'jobKey');
    const changeset = body.changeset;
    if (!isObject(changeset)) badRequest("Property 'changeset' must be an object with 'retries' and/or 'timeout'");
    const retries = optionalInteger(changeset, 'retries');
    const timeout = optionalInteger(changeset, 'timeout');
    if (retries === undefined && timeout === undefined) badRequest("Property 'changeset' must set 'retries' or 'timeout'");
    if (retries !== undefined) await ctx.state.execute({ type: 'updateJobRetries', jobKey, retries });
    if (timeout !== undefined) await ctx.state.execute({ type: 'updateJobTimeout', jobKey, timeout });
    ctx.status = 204;
  });

  router.post('/search', async (ctx) => {
    const request = parseSearchRequest(ctx.request.body, Object.keys(SORT_COLUMNS));
    const { filter } = request;
    checkFilterTable(filter, FILTERS);
    const query = engine.knex('jobs as j').select('j.*');
    applyFilterTable(query, filter, FILTERS);
    // Every job this engine creates is a BPMN element's.
    if (filter.kind !== undefined && filter.kind !== 'BPMN_ELEMENT') query.whereRaw('0 = 1');
    ctx.body = await runSearch<JobRow, ReturnType<typeof jobItem>>(query, request, SORT_COLUMNS, 'j.key', (rows) => hierarchy.fill(rows.map(jobItem)));
  });

  return router;
}
