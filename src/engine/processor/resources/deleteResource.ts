import { reject } from '../../errors.js';
import type { ProcessDefinitionRow, Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';

export interface DeleteResourceCommand {
  type: 'deleteResource';
  resourceKey: Key;
  operationReference?: string;
}

export interface DeletedResource {
  resourceKey: Key;
}

/** Usable process definitions (not deleted), for lookups by id and version. */
export function isUsable(definition: ProcessDefinitionRow | undefined): definition is ProcessDefinitionRow {
  return definition !== undefined && !definition.deletion_state;
}

/**
 * DeleteResource with Zeebe 8.9's semantics (ResourceDeletionDeleteProcessor): a process definition takes no
 * new instances from now on (creating one by key is NOT_FOUND, its start events close); when it was the
 * latest version, the newest remaining version becomes the latest and its start events open. Running
 * instances go on: the definition drains and is deleted when the last one ends. Deleting it again while it
 * drains is INVALID_STATE. A form is deleted at once. Anything else: NOT_FOUND.
 */
export async function deleteResource(ctx: ProcessingContext, command: DeleteResourceCommand): Promise<DeletedResource> {
  const key = command.resourceKey;
  const definition = await ctx.batch.get('process_definitions', key);
  const form = definition ? undefined : await ctx.batch.get('forms', key);
  if ((!definition || definition.deletion_state === 'DELETED') && !form) {
    reject('NOT_FOUND', `Expected to delete resource but no resource found with key \`${key}\``);
  }
  if (definition?.deletion_state === 'DRAINING') {
    reject('INVALID_STATE', `Expected to delete resource with key \`${key}\` but it is already being deleted: its process definition is draining running instances`);
  }
  const eventKey = ctx.key();
  const value: Record<string, unknown> = {
    resourceKey: key,
    resourceType: definition ? 'PROCESS_DEFINITION' : 'FORM',
    resourceId: definition ? definition.bpmn_process_id : form?.form_id,
    tenantId: definition?.tenant_id ?? form?.tenant_id,
    ...(command.operationReference ? { operationReference: command.operationReference } : {}),
  };
  ctx.event('RESOURCE_DELETION', 'DELETING', eventKey, value);
  if (definition) await deleteProcessDefinition(ctx, definition);
  else if (form) {
    ctx.batch.delete('forms', form.key);
    ctx.event('FORM', 'DELETED', form.key, { formId: form.form_id, version: form.version, formKey: form.key, resourceName: form.resource_name, tenantId: form.tenant_id });
  }
  ctx.event('RESOURCE_DELETION', 'DELETED', eventKey, value);
  return { resourceKey: key };
}

async function deleteProcessDefinition(ctx: ProcessingContext, definition: ProcessDefinitionRow): Promise<void> {
  const processValue = { bpmnProcessId: definition.bpmn_process_id, version: definition.version, processDefinitionKey: definition.key, resourceName: definition.resource_name, tenantId: definition.tenant_id };
  const versions = await ctx.batch.find('process_definitions', { bpmn_process_id: definition.bpmn_process_id, tenant_id: definition.tenant_id }, { orderBy: 'version' });
  const usable = versions.filter(isUsable);
  const latest = usable[usable.length - 1];
  const running = await ctx.batch.find('process_instances', { process_definition_key: definition.key, state: 'ACTIVE' }, { limit: 1 });
  ctx.batch.put('process_definitions', { ...definition, deletion_state: running.length > 0 ? 'DRAINING' : 'DELETED' });
  ctx.event('PROCESS', 'DELETING', definition.key, processValue);
  if (latest?.key === definition.key) {
    const previous = usable[usable.length - 2];
    // The deploy hook replaces one version's start subscriptions by another's.
    if (previous) await ctx.services.onProcessDeployed(ctx, previous, definition);
    else await closeStartSubscriptions(ctx, definition.key);
  }
  if (running.length === 0) ctx.event('PROCESS', 'DELETED', definition.key, processValue);
}

async function closeStartSubscriptions(ctx: ProcessingContext, definitionKey: Key): Promise<void> {
  for (const timer of await ctx.batch.find('timers', { process_definition_key: definitionKey, element_instance_key: null })) ctx.batch.delete('timers', timer.key);
  for (const s of await ctx.batch.find('message_start_subscriptions', { process_definition_key: definitionKey })) ctx.batch.delete('message_start_subscriptions', s.key);
  for (const s of await ctx.batch.find('signal_subscriptions', { process_definition_key: definitionKey, element_instance_key: null })) ctx.batch.delete('signal_subscriptions', s.key);
}

/** The last running instance of a draining definition ended: the definition is deleted now. */
export async function finishDraining(ctx: ProcessingContext, processDefinitionKey: Key): Promise<void> {
  const definition = await ctx.batch.get('process_definitions', processDefinitionKey);
  if (definition?.deletion_state !== 'DRAINING') return;
  const running = await ctx.batch.find('process_instances', { process_definition_key: processDefinitionKey, state: 'ACTIVE' }, { limit: 1 });
  if (running.length > 0) return;
  ctx.batch.put('process_definitions', { ...definition, deletion_state: 'DELETED' });
  ctx.event('PROCESS', 'DELETED', definition.key, { bpmnProcessId: definition.bpmn_process_id, version: definition.version, processDefinitionKey: definition.key, resourceName: definition.resource_name, tenantId: definition.tenant_id });
}
