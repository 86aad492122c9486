import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { Engine } from '../../engine/Engine.js';
import type { ActivateInstruction, TerminateInstruction } from '../../engine/processor/modification/modificationTypes.js';
import { parseKey, parseLong, parseVariables } from './convert.js';
import { toServiceError } from './status.js';

type Req = Record<string, any>;

function unary(handler: (request: Req) => Promise<unknown>) {
  return (call: ServerUnaryCall<Req, unknown>, callback: sendUnaryData<unknown>): void => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then((response) => callback(null, response))
      .catch((error) => callback(toServiceError(error)));
  };
}

function operationReference(request: Req): string | undefined {
  const value = request.operationReference;
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** gRPC ModifyProcessInstance: an ancestor of 0 or -1 means "the flow scope's one instance". */
function activateInstructions(request: Req): ActivateInstruction[] {
  return ((request.activateInstructions ?? []) as Req[]).map((a) => ({
    elementId: String(a.elementId ?? ''),
    ancestorElementInstanceKey: parseLong(a.ancestorElementInstanceKey) > 0 ? parseLong(a.ancestorElementInstanceKey) : -1,
    variableInstructions: ((a.variableInstructions ?? []) as Req[]).map((v) => ({
      scopeId: String(v.scopeId ?? ''),
      variables: parseVariables(v.variables),
    })),
  }));
}

function terminateInstructions(request: Req): TerminateInstruction[] {
  return ((request.terminateInstructions ?? []) as Req[]).map((t) => ({ elementInstanceKey: parseLong(t.elementInstanceKey) }));
}

/** ModifyProcessInstance, MigrateProcessInstance and DeleteResource of `gateway_protocol.Gateway`. */
export function operationHandlers(engine: Engine) {
  return {
    ModifyProcessInstance: unary(async (request) => {
      await engine.execute({
        type: 'modifyInstance',
        processInstanceKey: parseKey(request.processInstanceKey, 'processInstanceKey'),
        activateInstructions: activateInstructions(request),
        terminateInstructions: terminateInstructions(request),
        operationReference: operationReference(request),
      });
      return {};
    }),

    MigrateProcessInstance: unary(async (request) => {
      const plan = (request.migrationPlan ?? {}) as Req;
      await engine.execute({
        type: 'migrateInstance',
        processInstanceKey: parseKey(request.processInstanceKey, 'processInstanceKey'),
        targetProcessDefinitionKey: parseKey(plan.targetProcessDefinitionKey, 'migrationPlan.targetProcessDefinitionKey'),
        mappingInstructions: ((plan.mappingInstructions ?? []) as Req[]).map((m) => ({ sourceElementId: String(m.sourceElementId ?? ''), targetElementId: String(m.targetElementId ?? '') })),
        operationReference: operationReference(request),
      });
      return {};
    }),

    DeleteResource: unary(async (request) => {
      await engine.execute({ type: 'deleteResource', resourceKey: parseKey(request.resourceKey, 'resourceKey'), operationReference: operationReference(request) });
      return {};
    }),
  };
}
