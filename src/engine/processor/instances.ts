import type { Variables } from '../feel/feel.js';
import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow, Key, ProcessDefinitionRow, ProcessInstanceRow } from '../state/tables.js';
import type { ProcessingContext } from './context.js';
import { elementEvent, runActivation } from './lifecycle.js';
import { localVariables, setLocalVariables } from './variables.js';
import { parentCallEnded } from './callActivity.js';
import { runInstanceEndedHooks } from './hooks.js';

export interface StartOptions {
  variables: Variables;
  /** Start at this element instead of the none start event (message/timer/signal start). */
  startElementId?: string;
  /** Start instructions: begin at these elements (at any depth) instead of a start event. */
  startElementIds?: string[];
  /** Payload of the event that started the instance (message start), applied by the start event. */
  eventVariables?: Variables;
  parent?: { processInstanceKey: Key; elementInstanceKey: Key };
}

/** Creates the root scope (its key is the process instance key) and schedules the start event. */
export async function startProcessInstance(ctx: ProcessingContext, definition: ProcessDefinitionRow, options: StartOptions): Promise<ProcessInstanceRow> {
  const { model } = await ctx.model(definition.key);
  const root = model.elements.get(model.bpmnProcessId) as ElementModel;
  const key = ctx.key();
  const instance: ProcessInstanceRow = {
    key,
    bpmn_process_id: definition.bpmn_process_id,
    process_definition_key: definition.key,
    version: definition.version,
    state: 'ACTIVE',
    start_date: ctx.now(),
    end_date: null,
    parent_process_instance_key: options.parent?.processInstanceKey ?? null,
    parent_element_instance_key: options.parent?.elementInstanceKey ?? null,
    tenant_id: definition.tenant_id,
    incident_count: 0,
  };
  ctx.batch.put('process_instances', instance);
  const scope: ElementInstanceRow = {
    key,
    process_instance_key: key,
    process_definition_key: definition.key,
    bpmn_process_id: definition.bpmn_process_id,
    element_id: root.id,
    element_type: 'process',
    flow_scope_key: null,
    state: 'ACTIVATING',
    active_children: 0,
    data: {
      ...(options.startElementId ? { startElementId: options.startElementId } : {}),
      ...(options.startElementIds?.length ? { startElementIds: options.startElementIds } : {}),
      ...(options.eventVariables ? { startEventVariables: options.eventVariables } : {}),
    },
    start_date: ctx.now(),
    end_date: null,
    incident_key: null,
    tenant_id: definition.tenant_id,
  };
  ctx.batch.put('element_instances', scope);
  ctx.event('PROCESS_INSTANCE_CREATION', 'CREATED', key, {
    bpmnProcessId: definition.bpmn_process_id,
    processDefinitionKey: definition.key,
    version: definition.version,
    processInstanceKey: key,
  }, key);
  elementEvent(ctx, scope, 'ELEMENT_ACTIVATING');
  await setLocalVariables(ctx, key, key, options.variables, definition.tenant_id);
  ctx.later(() => runActivation(ctx, key));
  return instance;
}

/** The root scope completed or was terminated: close the instance and tell a calling parent. */
export async function onRootEnded(ctx: ProcessingContext, root: ElementInstanceRow, completed: boolean): Promise<void> {
  const instance = await ctx.batch.get('process_instances', root.key);
  if (!instance) return;
  const ended: ProcessInstanceRow = { ...instance, state: completed ? 'COMPLETED' : 'TERMINATED', end_date: ctx.now() };
  ctx.batch.put('process_instances', ended);
  const variables = completed ? await localVariables(ctx, root.key) : {};
  ctx.batch.afterCommit(() => ctx.services.instanceEnded(root.key, completed, variables));
  if (ended.parent_element_instance_key !== null) await parentCallEnded(ctx, ended, completed, variables);
  await runInstanceEndedHooks(ctx, root, completed);
}
