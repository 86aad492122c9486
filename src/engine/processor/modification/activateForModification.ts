import { reject } from '../../errors.js';
import type { ElementModel, ProcessModel } from '../../model/types.js';
import type { ElementInstanceRow, Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { activateChild, isLive } from '../lifecycle.js';
import { setLocalVariables } from '../variables.js';
import { flowScopeIds } from './modificationChecks.js';
import type { ActivateInstruction } from './modificationTypes.js';

/** Live instances of a flow-scope element in the process instance (iterations, never the multi-instance body). */
async function scopeInstances(ctx: ProcessingContext, processInstanceKey: Key, elementId: string): Promise<ElementInstanceRow[]> {
  const rows = await ctx.batch.find('element_instances', { process_instance_key: processInstanceKey, element_id: elementId });
  return rows.filter((row) => isLive(row) && row.state !== 'TERMINATING' && row.element_type !== 'multiInstanceBody');
}

/**
 * Zeebe's ElementActivationBehavior: the element is activated in the selected ancestor, or else in the one
 * live instance of its innermost flow scope that has one (more than one: refused, the caller must choose).
 * Flow scopes between that instance and the element are created for it, without their start events or
 * input mappings; a multi-instance scope cannot be created so. Variable instructions go local to the scope
 * (or element) they name, the empty scope id meaning the process instance. Returns the flow-scope keys used.
 */
export async function activateForModification(ctx: ProcessingContext, model: ProcessModel, processInstanceKey: Key, instruction: ActivateInstruction): Promise<Key[]> {
  const element = model.elements.get(instruction.elementId) as ElementModel;
  const scopes = flowScopeIds(model, element); // innermost first, the process id last
  let anchorKey: Key = processInstanceKey;
  let toCreate: string[];
  if (instruction.ancestorElementInstanceKey > 0) {
    const ancestor = (await ctx.instance(instruction.ancestorElementInstanceKey)) as ElementInstanceRow;
    anchorKey = ancestor.key;
    toCreate = scopes.slice(0, scopes.indexOf(ancestor.element_id)).reverse();
  } else {
    let level = 0;
    for (; level < scopes.length - 1; level++) {
      const found = await scopeInstances(ctx, processInstanceKey, scopes[level]);
      if (found.length > 1) {
        reject('INVALID_ARGUMENT', `Expected to modify instance of process '${model.bpmnProcessId}' but it contains one or more activate instructions for an element that has a flow scope with more than one active instance: '${scopes[level]}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`);
      }
      if (found.length === 1) {
        anchorKey = found[0].key;
        break;
      }
    }
    toCreate = scopes.slice(0, level).reverse();
  }
  const multiInstance = toCreate.find((id) => model.elements.get(id)?.loop);
  if (multiInstance) {
    reject('INVALID_ARGUMENT', `Expected to modify instance of process '${model.bpmnProcessId}' but it contains one or more activate instructions that would result in the activation of multi-instance element '${multiInstance}', which is currently unsupported.`);
  }
  const used: { elementId: string; key: Key }[] = [];
  const anchor = (await ctx.instance(anchorKey)) as ElementInstanceRow;
  used.push({ elementId: anchor.element_id, key: anchor.key });
  let parentKey = anchorKey;
  for (const id of toCreate) {
    const scope = await activateChild(ctx, parentKey, model.elements.get(id) as ElementModel);
    ctx.update(scope, { data: { ...scope.data, activatedForModification: true } });
    used.push({ elementId: id, key: scope.key });
    parentKey = scope.key;
  }
  const activated = await activateChild(ctx, parentKey, element);
  used.push({ elementId: element.id, key: activated.key });
  for (const { elementId, key } of used) {
    for (const v of instruction.variableInstructions) {
      const applies = v.scopeId === elementId || (v.scopeId === '' && elementId === model.bpmnProcessId);
      if (applies) await setLocalVariables(ctx, key, processInstanceKey, v.variables, anchor.tenant_id);
    }
  }
  return used.slice(0, -1).map((u) => u.key);
}
