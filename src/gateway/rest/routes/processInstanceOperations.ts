import Router from '@koa/router';
import type { Variables } from '../../../engine/feel/feel.js';
import type { ActivateInstruction, MoveInstruction, TerminateInstruction, VariableInstruction } from '../../../engine/processor/modification/modificationTypes.js';
import { badRequest } from '../problems.js';
import type { RestDeps, RestState } from '../RestState.js';
import { isObject, parseKeyValue, requireBody } from '../values.js';

/**
 * `POST /v2/process-instances/{key}/modification` and `…/migration` (Camunda 8.9 shapes, answered 204);
 * the engine checks the instructions as Zeebe does, the gateway only their form.
 */

function list(value: unknown, property: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) badRequest(`Property '${property}' must be an array`);
  return value;
}

function elementIdOf(value: unknown, property: string): string {
  if (typeof value !== 'string' || value.trim() === '') badRequest(`No ${property} provided`);
  return value;
}

/** -1 (or absent) means "the flow scope's one instance". */
function ancestorKey(value: unknown, property: string): number {
  if (value === undefined || value === null || value === '-1' || value === -1) return -1;
  return parseKeyValue(value, property);
}

function variableInstructions(value: unknown, property: string): VariableInstruction[] {
  return list(value, property).map((item, i) => {
    const at = `${property}[${i}]`;
    if (!isObject(item)) badRequest(`Property '${at}' must be an object`);
    if (!isObject(item.variables)) badRequest(`Property '${at}.variables' must be a JSON object`);
    if (item.scopeId !== undefined && item.scopeId !== null && typeof item.scopeId !== 'string') badRequest(`Property '${at}.scopeId' must be a string`);
    return { scopeId: (item.scopeId as string | undefined) ?? '', variables: item.variables as Variables };
  });
}

function activateInstructions(value: unknown): ActivateInstruction[] {
  return list(value, 'activateInstructions').map((item, i) => {
    const at = `activateInstructions[${i}]`;
    if (!isObject(item)) badRequest(`Property '${at}' must be an object`);
    return {
      elementId: elementIdOf(item.elementId, `${at}.elementId`),
      ancestorElementInstanceKey: ancestorKey(item.ancestorElementInstanceKey, `${at}.ancestorElementInstanceKey`),
      variableInstructions: variableInstructions(item.variableInstructions, `${at}.variableInstructions`),
    };
  });
}

function terminateInstructions(value: unknown): TerminateInstruction[] {
  return list(value, 'terminateInstructions').map((item, i) => {
    const at = `terminateInstructions[${i}]`;
    if (!isObject(item)) badRequest(`Property '${at}' must be an object`);
    const hasKey = item.elementInstanceKey !== undefined && item.elementInstanceKey !== null;
    const hasId = item.elementId !== undefined && item.elementId !== null;
    if (hasKey === hasId) badRequest(`Property '${at}' must name exactly one of elementInstanceKey or elementId`);
    return hasKey ? { elementInstanceKey: parseKeyValue(item.elementInstanceKey, `${at}.elementInstanceKey`) } : { elementId: elementIdOf(item.elementId, `${at}.elementId`) };
  });
}

function moveInstructions(value: unknown): MoveInstruction[] {
  return list(value, 'moveInstructions').map((item, i) => {
    const at = `moveInstructions[${i}]`;
    if (!isObject(item)) badRequest(`Property '${at}' must be an object`);
    const source = item.sourceElementInstruction;
    if (!isObject(source)) badRequest(`No ${at}.sourceElementInstruction provided`);
    const move: MoveInstruction = {
      targetElementId: elementIdOf(item.targetElementId, `${at}.targetElementId`),
      ancestor: { kind: 'direct', key: -1 },
      variableInstructions: variableInstructions(item.variableInstructions, `${at}.variableInstructions`),
    };
    if (source.sourceType === 'byId') move.sourceElementId = elementIdOf(source.sourceElementId, `${at}.sourceElementInstruction.sourceElementId`);
    else if (source.sourceType === 'byKey') move.sourceElementInstanceKey = parseKeyValue(source.sourceElementInstanceKey, `${at}.sourceElementInstruction.sourceElementInstanceKey`);
    else badRequest(`Property '${at}.sourceElementInstruction.sourceType' must be 'byId' or 'byKey'`);
    const ancestor = item.ancestorScopeInstruction;
    if (ancestor !== undefined && ancestor !== null) {
      if (!isObject(ancestor)) badRequest(`Property '${at}.ancestorScopeInstruction' must be an object`);
      if (ancestor.ancestorScopeType === 'direct') move.ancestor = { kind: 'direct', key: ancestorKey(ancestor.ancestorElementInstanceKey, `${at}.ancestorScopeInstruction.ancestorElementInstanceKey`) };
      else if (ancestor.ancestorScopeType === 'inferred') move.ancestor = { kind: 'inferred' };
      else if (ancestor.ancestorScopeType === 'sourceParent') move.ancestor = { kind: 'sourceParent' };
      else badRequest(`Property '${at}.ancestorScopeInstruction.ancestorScopeType' must be 'direct', 'inferred' or 'sourceParent'`);
    }
    return move;
  });
}

function operationReference(body: Record<string, unknown>): string | undefined {
  const value = body.operationReference;
  if (value === undefined || value === null) return undefined;
  if (!/^[0-9]+$/.test(String(value))) badRequest(`The value for operationReference is '${String(value)}' but must be a positive integer`);
  return String(value);
}

export function processInstanceOperationsRouter(_deps: RestDeps): Router<RestState> {
  const router = new Router<RestState>({ prefix: '/v2/process-instances' });

  router.post('/:key/modification', async (ctx) => {
    const processInstanceKey = parseKeyValue(ctx.params.key, 'processInstanceKey');
    const body = requireBody(ctx.request.body);
    await ctx.state.execute({
      type: 'modifyInstance',
      processInstanceKey,
      activateInstructions: activateInstructions(body.activateInstructions),
      terminateInstructions: terminateInstructions(body.terminateInstructions),
      moveInstructions: moveInstructions(body.moveInstructions),
      operationReference: operationReference(body),
    });
    ctx.status = 204;
  });

  router.post('/:key/migration', async (ctx) => {
    const processInstanceKey = parseKeyValue(ctx.params.key, 'processInstanceKey');
    const body = requireBody(ctx.request.body);
    if (body.targetProcessDefinitionKey === undefined || body.targetProcessDefinitionKey === null) badRequest('No targetProcessDefinitionKey provided');
    const targetProcessDefinitionKey = parseKeyValue(body.targetProcessDefinitionKey, 'targetProcessDefinitionKey');
    if (body.mappingInstructions === undefined || body.mappingInstructions === null) badRequest('No mappingInstructions provided');
    const mappingInstructions = list(body.mappingInstructions, 'mappingInstructions').map((item, i) => {
      const at = `mappingInstructions[${i}]`;
      if (!isObject(item)) badRequest(`Property '${at}' must be an object`);
      return { sourceElementId: elementIdOf(item.sourceElementId, `${at}.sourceElementId`), targetElementId: elementIdOf(item.targetElementId, `${at}.targetElementId`) };
    });
    await ctx.state.execute({ type: 'migrateInstance', processInstanceKey, targetProcessDefinitionKey, mappingInstructions, operationReference: operationReference(body) });
    ctx.status = 204;
  });

  return router;
}
