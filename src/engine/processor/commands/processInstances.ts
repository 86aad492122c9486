import { reject } from '../../errors.js';
import type { ProcessDefinitionRow } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { startProcessInstance } from '../instances.js';
import { validateStartInstructions } from '../startInstructions.js';
import { terminateElement } from '../lifecycle.js';
import type { Command } from './types.js';

export async function findDefinition(ctx: ProcessingContext, bpmnProcessId: string, version: number | undefined, tenantId: string): Promise<ProcessDefinitionRow | undefined> {
  // A deleted version is gone for new instances (Zeebe: DeleteResource); the newest remaining one is the latest.
  const all = (await ctx.batch.find('process_definitions', { bpmn_process_id: bpmnProcessId, tenant_id: tenantId }, { orderBy: 'version' })).filter((d) => !d.deletion_state);
  if (version === undefined || version < 0) return all[all.length - 1];
  return all.find((d) => d.version === version);
}

export interface CreatedInstance {
  processDefinitionKey: number;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: number;
  tenantId: string;
}

export async function createInstance(ctx: ProcessingContext, command: Extract<Command, { type: 'createInstance' }>): Promise<CreatedInstance> {
  const tenantId = command.tenantId || '<default>';
  let definition: ProcessDefinitionRow | undefined;
  if (command.processDefinitionKey !== undefined && command.processDefinitionKey > 0) {
    definition = await ctx.batch.get('process_definitions', command.processDefinitionKey);
    if (!definition || definition.deletion_state) reject('NOT_FOUND', `Expected to find process definition with key '${command.processDefinitionKey}', but none found`);
  } else {
    if (!command.bpmnProcessId) reject('INVALID_ARGUMENT', 'Expected either a bpmnProcessId or a processDefinitionKey, but none given');
    definition = await findDefinition(ctx, command.bpmnProcessId, command.version, tenantId);
    if (!definition) {
      reject('NOT_FOUND', command.version !== undefined && command.version >= 0
        ? `Expected to find process definition with process ID '${command.bpmnProcessId}' and version '${command.version}', but none found`
        : `Expected to find process definition with process ID '${command.bpmnProcessId}', but none found`);
    }
  }
  const { model } = await ctx.model(definition.key);
  const root = model.elements.get(model.bpmnProcessId);
  const startAt = command.startElementIds ?? [];
  if (startAt.length === 0 && !root?.noneStartEventId) {
    reject('FAILED_PRECONDITION', `Expected to create instance of process with none start event, but there is no such event`);
  }
  validateStartInstructions(model, startAt);
  const instance = await startProcessInstance(ctx, definition, { variables: command.variables, startElementIds: startAt });
  return { processDefinitionKey: definition.key, bpmnProcessId: definition.bpmn_process_id, version: definition.version, processInstanceKey: instance.key, tenantId: definition.tenant_id };
}

export async function cancelInstance(ctx: ProcessingContext, command: Extract<Command, { type: 'cancelInstance' }>): Promise<Record<string, never>> {
  const instance = await ctx.batch.get('process_instances', command.processInstanceKey);
  if (!instance || instance.state !== 'ACTIVE') {
    reject('NOT_FOUND', `Expected to cancel a process instance with key '${command.processInstanceKey}', but no such process was found`);
  }
  if (instance.parent_process_instance_key !== null) {
    reject('FAILED_PRECONDITION', `Expected to cancel a process instance with key '${command.processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${instance.parent_process_instance_key}' instead.`);
  }
  await terminateElement(ctx, instance.key);
  return {};
}
