import { reject } from '../../errors.js';
import type { ElementModel, ProcessModel } from '../../model/types.js';
import type { ElementInstanceRow, Key } from '../../state/tables.js';
import type { ProcessingContext } from '../context.js';
import { isLive, liveChildren, terminateElement } from '../lifecycle.js';
import { activateForModification } from './activateForModification.js';
import { checkInstructions, checkInstructionShapes, checkMoveSources, flowScopeIds } from './modificationChecks.js';
import type { ActivateInstruction, ModifyInstanceCommand, MoveInstruction } from './modificationTypes.js';

/**
 * ModifyProcessInstance with Zeebe's semantics (ProcessInstanceModificationModifyProcessor, 8.9): every
 * instruction is checked before anything changes; then the activations run, then the terminations, and a
 * flow scope left with nothing inside (and not needed by an activation) is terminated too, up to the
 * process instance itself, unless it was called by a parent (refused: modify the parent instead).
 */
export async function modifyInstance(ctx: ProcessingContext, command: ModifyInstanceCommand): Promise<Record<string, never>> {
  const instance = await ctx.batch.get('process_instances', command.processInstanceKey);
  if (!instance || instance.state !== 'ACTIVE') reject('NOT_FOUND', `Expected to modify process instance but no process instance found with key '${command.processInstanceKey}'`);
  const { model } = await ctx.model(instance.process_definition_key);
  const moves = command.moveInstructions ?? [];
  checkInstructionShapes(model.bpmnProcessId, command.terminateInstructions, moves);
  await checkMoveSources(ctx, model.bpmnProcessId, instance.key, moves);

  const activate: ActivateInstruction[] = [...command.activateInstructions];
  const terminateKeys: Key[] = [];
  for (const move of moves.filter((m) => (m.sourceElementInstanceKey ?? 0) > 0)) {
    const source = (await ctx.instance(move.sourceElementInstanceKey)) as ElementInstanceRow;
    activate.push(await moveActivation(ctx, model, move, source));
    terminateKeys.push(source.key);
  }
  for (const t of command.terminateInstructions) if (t.elementInstanceKey !== undefined && t.elementInstanceKey > 0) terminateKeys.push(t.elementInstanceKey);
  const movesById = new Map(moves.filter((m) => m.sourceElementId).map((m) => [m.sourceElementId as string, m]));
  const terminateIds = new Set(command.terminateInstructions.flatMap((t) => (t.elementId ? [t.elementId] : [])));
  if (movesById.size > 0 || terminateIds.size > 0) {
    // Walk the live tree; below an instance that goes, its children go with it.
    const queue = await liveChildren(ctx, instance.key);
    for (let row = queue.shift(); row; row = queue.shift()) {
      const move = movesById.get(row.element_id);
      const goes = move !== undefined || terminateIds.has(row.element_id);
      if (move) activate.push(await moveActivation(ctx, model, move, row));
      if (goes) terminateKeys.push(row.key);
      else if (!terminateKeys.includes(row.key)) queue.push(...(await liveChildren(ctx, row.key)));
    }
  }

  await checkInstructions(ctx, model, instance.key, activate, terminateKeys);

  const required = new Set<Key>();
  const recorded: Record<string, unknown>[] = [];
  for (const instruction of activate) {
    const scopeKeys = await activateForModification(ctx, model, instance.key, instruction);
    for (const key of scopeKeys) required.add(key);
    recorded.push({
      elementId: instruction.elementId,
      ancestorScopeKey: instruction.ancestorElementInstanceKey > 0 ? instruction.ancestorElementInstanceKey : -1,
      variableInstructions: instruction.variableInstructions.map((v) => ({ elementId: v.scopeId, variables: v.variables })),
      ancestorScopeKeys: scopeKeys,
    });
  }
  for (const key of terminateKeys) {
    const row = await ctx.instance(key);
    // Already gone with an ancestor terminated by an earlier instruction.
    if (!row || !isLive(row) || row.state === 'TERMINATING') continue;
    await terminateElement(ctx, key);
    await terminateEmptyFlowScopes(ctx, model, row.flow_scope_key, required);
  }
  ctx.event('PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', instance.key, {
    processInstanceKey: instance.key,
    activateInstructions: recorded,
    terminateInstructions: terminateKeys.map((key) => ({ elementInstanceKey: key })),
    tenantId: instance.tenant_id,
    ...(command.operationReference ? { operationReference: command.operationReference } : {}),
  }, instance.key);
  return {};
}

/** Zeebe's move: the ancestor is given, the source's parent, or the nearest source ancestor that is a flow scope of the target. */
async function moveActivation(ctx: ProcessingContext, model: ProcessModel, move: MoveInstruction, source: ElementInstanceRow): Promise<ActivateInstruction> {
  let ancestor: Key = -1;
  if (move.ancestor.kind === 'direct') ancestor = move.ancestor.key;
  else if (move.ancestor.kind === 'sourceParent') ancestor = source.flow_scope_key ?? -1;
  else {
    const target = model.elements.get(move.targetElementId);
    const targetScopes = target ? flowScopeIds(model, target as ElementModel) : [];
    if (!target) ancestor = source.flow_scope_key ?? -1;
    else if (targetScopes.length > 1) {
      for (let row = await ctx.instance(source.flow_scope_key); row; row = await ctx.instance(row.flow_scope_key)) {
        if (targetScopes.includes(row.element_id)) {
          ancestor = row.key;
          break;
        }
      }
    }
  }
  return { elementId: move.targetElementId, ancestorElementInstanceKey: ancestor, variableInstructions: move.variableInstructions };
}

async function terminateEmptyFlowScopes(ctx: ProcessingContext, model: ProcessModel, scopeKey: Key | null, required: Set<Key>): Promise<void> {
  for (let scope = await ctx.instance(scopeKey); scope; scope = await ctx.instance(scope.flow_scope_key)) {
    if (!isLive(scope) || scope.state === 'TERMINATING' || scope.active_children > 0 || scope.data.waitingTokens || required.has(scope.key)) return;
    if (scope.flow_scope_key === null) {
      const instance = await ctx.batch.get('process_instances', scope.key);
      if (instance?.parent_process_instance_key !== null && instance?.parent_process_instance_key !== undefined) {
        reject('INVALID_ARGUMENT', `Expected to modify instance of process '${model.bpmnProcessId}' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.`);
      }
    }
    await terminateElement(ctx, scope.key);
  }
}
