import { evaluateArray, evaluateBoolean, evaluateExpression, type JsonValue, type Variables } from '../../feel/feel.js';
import type { ElementModel, LoopDefinition } from '../../model/types.js';
import { addElementCheck, declareSupported } from '../../model/validate.js';
import type { ProcessingContext } from '../../processor/context.js';
import { activateChild, completeElement, liveChildren, terminateElement } from '../../processor/lifecycle.js';
import { localVariables, propagateVariables, setLocalVariables, visibleVariables } from '../../processor/variables.js';
import type { ElementInstanceRow } from '../../state/tables.js';
import type { ElementBehavior } from '../behavior.js';
import { registerBehavior } from '../registry.js';

type Progress = NonNullable<ElementInstanceRow['data']['mi']>;

function loopOf(element: ElementModel): LoopDefinition {
  return element.loop as LoopDefinition;
}

function progressOf(body: ElementInstanceRow): Progress {
  return body.data.mi ?? { total: 0, completed: 0, terminated: 0, next: 0 };
}

/** `=result` or `=result.value`: the variable an output element reads, which each iteration gets as a local (null). */
function outputVariableName(outputElement: string | undefined): string | undefined {
  return outputElement?.match(/^\s*=\s*([A-Za-z_][A-Za-z0-9_]*)(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*\s*$/)?.[1];
}

/** Creates iteration `index` (0-based) with its loop variables set before its input mappings run. */
async function startIteration(ctx: ProcessingContext, body: ElementInstanceRow, element: ElementModel, index: number, item: JsonValue): Promise<void> {
  const loop = loopOf(element);
  const iteration = await activateChild(ctx, body.key, element, { asIteration: true, loopIndex: index });
  const locals: Variables = {};
  if (loop.inputElement) locals[loop.inputElement] = item;
  const output = outputVariableName(loop.outputElement);
  if (output && output !== loop.inputElement && output !== 'loopCounter') locals[output] = null;
  locals.loopCounter = index + 1;
  await setLocalVariables(ctx, iteration.key, iteration.process_instance_key, locals, iteration.tenant_id);
}

/**
 * The multi-instance body (Zeebe's MultiInstanceBodyProcessor): one iteration of the inner activity per
 * item of `inputCollection`, all at once (parallel) or one after the other (sequential). Boundary events
 * belong to the body; `outputCollection` is a local of the body, filled at each iteration's index and
 * propagated when the body completes.
 */
export const multiInstanceBodyBehavior: ElementBehavior = {
  async prepare(ctx, instance, element) {
    const loop = loopOf(element);
    return evaluateArray(loop.inputCollection ?? '', await visibleVariables(ctx, instance.key));
  },

  async onActivated(ctx, instance, element, plan) {
    const loop = loopOf(element);
    const items = plan as JsonValue[];
    let body = ctx.update(instance, {
      data: { ...instance.data, mi: { total: items.length, completed: 0, terminated: 0, next: 0, ...(loop.isSequential ? { items } : {}) } },
    });
    if (loop.outputCollection) {
      await setLocalVariables(ctx, body.key, body.process_instance_key, { [loop.outputCollection]: items.map(() => null) }, body.tenant_id);
    }
    if (items.length === 0) {
      await completeElement(ctx, body.key);
      return;
    }
    const count = loop.isSequential ? 1 : items.length;
    body = ctx.update((await ctx.instance(body.key)) as ElementInstanceRow, { data: { ...body.data, mi: { ...progressOf(body), next: count } } });
    for (let index = 0; index < count; index++) await startIteration(ctx, body, element, index, items[index]);
  },

  /**
   * An iteration is completing (after its own output mappings): store its output element and check the
   * completion condition; when it holds, the other iterations are terminated and no more are started.
   */
  async onChildCompleting(ctx, body, element, child) {
    const loop = loopOf(element);
    const index = child.data.loopIndex ?? 0;
    if (loop.outputCollection) {
      const value = loop.outputElement ? evaluateExpression(loop.outputElement, await visibleVariables(ctx, child.key)) : null;
      const current = (await localVariables(ctx, body.key))[loop.outputCollection];
      const collection = Array.isArray(current) ? [...current] : [];
      while (collection.length <= index) collection.push(null);
      collection[index] = value;
      await setLocalVariables(ctx, body.key, body.process_instance_key, { [loop.outputCollection]: collection }, body.tenant_id);
    }
    if (!loop.completionCondition) return;
    const progress = progressOf(body);
    // As Zeebe counts them while the iteration is completing: it is no longer active and already completed.
    const counters: Variables = {
      numberOfInstances: progress.next,
      numberOfActiveInstances: body.active_children - 1,
      numberOfCompletedInstances: progress.completed + 1,
      numberOfTerminatedInstances: progress.terminated,
    };
    const variables = { ...(await visibleVariables(ctx, child.key)), ...counters };
    if (!evaluateBoolean(loop.completionCondition, variables)) return;
    let terminated = 0;
    for (const sibling of await liveChildren(ctx, body.key)) {
      if (sibling.key === child.key) continue;
      await terminateElement(ctx, sibling.key);
      terminated++;
    }
    const fresh = (await ctx.instance(body.key)) as ElementInstanceRow;
    const now = progressOf(fresh);
    // Nothing more is started once the condition holds.
    ctx.update(fresh, { data: { ...fresh.data, mi: { ...now, terminated: now.terminated + terminated, next: now.total, items: undefined } } });
  },

  async onChildEnded(ctx, body, element, child) {
    if (child.state !== 'COMPLETED') return;
    const progress = { ...progressOf(body), completed: progressOf(body).completed + 1 };
    let current = ctx.update(body, { data: { ...body.data, mi: progress } });
    if (progress.next < progress.total) {
      const items = progress.items ?? [];
      current = ctx.update(current, { data: { ...current.data, mi: { ...progress, next: progress.next + 1 } } });
      await startIteration(ctx, current, element, progress.next, items[progress.next] ?? null);
      return;
    }
    if (current.active_children === 0) await completeElement(ctx, current.key);
  },

  /** The output collection leaves the body, propagated from its flow scope. */
  async onCompleting(ctx, body, element) {
    const loop = loopOf(element);
    if (!loop.outputCollection) return;
    const collection = (await localVariables(ctx, body.key))[loop.outputCollection] ?? [];
    await propagateVariables(ctx, body.flow_scope_key ?? body.key, body.process_instance_key, { [loop.outputCollection]: collection }, body.tenant_id);
  },
};

registerBehavior('multiInstanceBody', () => multiInstanceBodyBehavior);
declareSupported('multiInstance', ['none']);
addElementCheck((element) => {
  const loop = element.loop;
  if (!loop) return [];
  const errors: string[] = [];
  if (!loop.inputCollection) errors.push("Attribute 'inputCollection' must be present on 'zeebe:loopCharacteristics' (standard loops and loop cardinality are not supported)");
  if (loop.outputCollection && !loop.outputElement) errors.push("Attribute 'outputElement' must be present if the attribute 'outputCollection' is set");
  if (loop.outputElement && !loop.outputCollection) errors.push("Attribute 'outputCollection' must be present if the attribute 'outputElement' is set");
  if (element.type === 'subProcess' && element.triggeredByEvent) errors.push('An event sub-process cannot be multi-instance');
  return errors;
});
