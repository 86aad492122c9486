import type Koa from 'koa';
import { badRequest } from './problems.js';
import { isObject } from './values.js';

const SEARCH = ['sort', 'page', 'filter'] as const;

/**
 * The request bodies of Camunda 8.9's REST API are closed: its Jackson mapper fails on unknown properties
 * (camunda/camunda#37895, backported to 8.8), so a misspelt field is a 400, not silently ignored. The top-level
 * fields of each body, as the 8.9 OpenAPI spec has them (test/rest/unknownBodyFields.test.ts keeps this table
 * equal to @camunda/camunda-api-zod-schemas/8.9).
 */
export const BODY_FIELDS: ReadonlyArray<{ method: string; path: RegExp; schema: string; fields: readonly string[] }> = [
  { method: 'POST', path: /^\/v2\/[a-z-]+(\/\d+\/[a-z-]+)?\/search$/, schema: 'queryProcessInstancesRequestBodySchema', fields: SEARCH },
  { method: 'POST', path: /^\/v2\/user-tasks\/\d+\/variables\/search$/, schema: 'queryVariablesByUserTaskRequestBodySchema', fields: SEARCH },
  { method: 'POST', path: /^\/v2\/process-definitions\/\d+\/statistics\/element-instances$/, schema: 'getProcessDefinitionStatisticsRequestBodySchema', fields: ['filter'] },
  { method: 'POST', path: /^\/v2\/process-instances$/, schema: 'createProcessInstanceRequestBodySchema', fields: ['variables', 'operationReference', 'startInstructions', 'awaitCompletion', 'fetchVariables', 'requestTimeout', 'processDefinitionId', 'processDefinitionVersion', 'tenantId', 'processDefinitionKey'] },
  { method: 'POST', path: /^\/v2\/process-instances\/\d+\/cancellation$/, schema: 'cancelProcessInstanceRequestBodySchema', fields: ['operationReference'] },
  { method: 'PUT', path: /^\/v2\/element-instances\/\d+\/variables$/, schema: 'updateElementInstanceVariablesRequestBodySchema', fields: ['variables', 'local'] },
  { method: 'POST', path: /^\/v2\/jobs\/activation$/, schema: 'activateJobsRequestBodySchema', fields: ['type', 'worker', 'timeout', 'maxJobsToActivate', 'fetchVariable', 'requestTimeout', 'tenantIds'] },
  { method: 'POST', path: /^\/v2\/jobs\/\d+\/completion$/, schema: 'completeJobRequestBodySchema', fields: ['variables', 'result'] },
  { method: 'POST', path: /^\/v2\/jobs\/\d+\/failure$/, schema: 'failJobRequestBodySchema', fields: ['retries', 'errorMessage', 'retryBackOff', 'variables'] },
  { method: 'POST', path: /^\/v2\/jobs\/\d+\/error$/, schema: 'throwJobErrorRequestBodySchema', fields: ['errorCode', 'errorMessage', 'variables'] },
  { method: 'PATCH', path: /^\/v2\/jobs\/\d+$/, schema: 'updateJobRequestBodySchema', fields: ['changeset'] },
  { method: 'POST', path: /^\/v2\/user-tasks\/\d+\/assignment$/, schema: 'assignTaskRequestBodySchema', fields: ['assignee', 'allowOverride', 'action'] },
  { method: 'POST', path: /^\/v2\/user-tasks\/\d+\/completion$/, schema: 'completeTaskRequestBodySchema', fields: ['variables', 'action'] },
  { method: 'PATCH', path: /^\/v2\/user-tasks\/\d+$/, schema: 'updateUserTaskRequestBodySchema', fields: ['changeset', 'action'] },
  { method: 'POST', path: /^\/v2\/messages\/publication$/, schema: 'publishMessageRequestBodySchema', fields: ['name', 'correlationKey', 'timeToLive', 'messageId', 'variables', 'tenantId'] },
  { method: 'POST', path: /^\/v2\/messages\/correlation$/, schema: 'correlateMessageRequestBodySchema', fields: ['name', 'correlationKey', 'variables', 'tenantId'] },
  { method: 'POST', path: /^\/v2\/signals\/broadcast$/, schema: 'broadcastSignalRequestBodySchema', fields: ['signalName', 'variables', 'tenantId'] },
  { method: 'PUT', path: /^\/v2\/clock$/, schema: 'pinClockRequestBodySchema', fields: ['timestamp'] },
];

/** Refuses a JSON body with a top-level field its endpoint does not have, naming the field; changes nothing. */
export function closedBodies(): Koa.Middleware {
  return async (ctx, next) => {
    const body: unknown = ctx.request.body;
    if (isObject(body)) {
      const path = ctx.path.replace(/\/+$/, '');
      const rule = BODY_FIELDS.find((r) => r.method === ctx.method && r.path.test(path));
      const unknown = rule && Object.keys(body).find((field) => !rule.fields.includes(field));
      if (rule && unknown !== undefined) badRequest(`Request property [${unknown}] is not known: expected one of ${rule.fields.join(', ')}`);
    }
    await next();
  };
}
