import { evaluateString, ExpressionError } from '../../feel/feel.js';
import type { CalledElement } from '../../model/types.js';
import { declareSupported, addElementCheck } from '../../model/validate.js';
import { findDefinition } from '../../processor/commands/processInstances.js';
import { startProcessInstance } from '../../processor/instances.js';
import { terminateElement } from '../../processor/lifecycle.js';
import { applyMappings, localVariables, visibleVariables } from '../../processor/variables.js';
import type { ElementInstanceRow, Key, ProcessDefinitionRow } from '../../state/tables.js';
import type { ElementBehavior } from '../behavior.js';
import { registerBehavior } from '../registry.js';

/**
 * Call activity (`zeebe:calledElement`): starts the latest version of the called process at its none
 * start event, with all variables visible here (propagateAllParentVariables) or only the input-mapping
 * results. The child's root variables come back when it completes (processor/callActivity.ts);
 * terminating the call activity terminates the child instance, which returns nothing.
 */
export const callActivityBehavior: ElementBehavior = {
  async prepare(ctx, instance, element) {
    const called = element.calledElement as CalledElement;
    // Zeebe evaluates the process id after the input mappings, so it can read their results.
    const visible = await visibleVariables(ctx, instance.key);
    const inputs = element.inputs.length > 0 ? applyMappings(element.inputs, visible) : {};
    const processId = evaluateString(called.processId, { ...visible, ...inputs });
    let definition: ProcessDefinitionRow | undefined;
    if (called.bindingType === 'deployment') {
      // The version deployed together with the calling process.
      const { definition: caller } = await ctx.model(instance.process_definition_key);
      [definition] = (await ctx.batch.find('process_definitions', { bpmn_process_id: processId, tenant_id: instance.tenant_id, deployment_key: caller.deployment_key })).filter((d) => !d.deletion_state);
      if (!definition) {
        throw new ExpressionError(
          `Expected to call process with BPMN process id '${processId}' with binding type 'deployment', but no such process found in the deployment with key ${caller.deployment_key} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended process to call.`,
          'CALLED_ELEMENT_ERROR',
        );
      }
    } else {
      definition = await findDefinition(ctx, processId, undefined, instance.tenant_id);
    }
    if (!definition) {
      throw new ExpressionError(`Expected process with BPMN process id '${processId}' to be deployed, but not found.`, 'CALLED_ELEMENT_ERROR');
    }
    const { model } = await ctx.model(definition.key);
    if (!model.elements.get(model.bpmnProcessId)?.noneStartEventId) {
      throw new ExpressionError(`Expected process with BPMN process id '${processId}' to have a none start event, but not found.`, 'CALLED_ELEMENT_ERROR');
    }
    return definition.key;
  },

  async onActivated(ctx, instance, element, plan) {
    const { definition } = await ctx.model(plan as Key);
    const propagateAll = element.calledElement?.propagateAllParentVariables ?? true;
    // Input-mapping results are locals of the call activity by now, so both cases see them.
    const variables = propagateAll ? await visibleVariables(ctx, instance.key) : await localVariables(ctx, instance.key);
    const child = await startProcessInstance(ctx, definition, {
      variables,
      parent: { processInstanceKey: instance.process_instance_key, elementInstanceKey: instance.key },
    });
    const fresh = (await ctx.instance(instance.key)) as ElementInstanceRow;
    ctx.update(fresh, { data: { ...fresh.data, calledInstanceKey: child.key } });
  },

  async onTerminating(ctx, instance) {
    const childKey = instance.data.calledInstanceKey;
    if (childKey === undefined) return;
    const child = await ctx.batch.get('process_instances', childKey);
    if (child?.state === 'ACTIVE') await terminateElement(ctx, childKey);
  },
};

registerBehavior('callActivity', () => callActivityBehavior);
declareSupported('callActivity', ['none']);
addElementCheck((element) => {
  if (element.type !== 'callActivity') return [];
  if (!element.calledElement) return ["Must have exactly one 'zeebe:calledElement' extension element"];
  if (!element.calledElement.processId.trim()) return ["Attribute 'processId' must be present and not empty"];
  const binding = element.calledElement.bindingType;
  if (binding && binding !== 'latest' && binding !== 'deployment') return [`Binding type '${binding}' is not supported by this engine (use 'latest' or 'deployment')`];
  return [];
});
