import type { Variables } from '../../feel/feel.js';
import type { Key } from '../../state/tables.js';

/** A variable instruction: a document set local to the scope of `scopeId` (empty: the process instance). */
export interface VariableInstruction {
  scopeId: string;
  variables: Variables;
}

export interface ActivateInstruction {
  elementId: string;
  /** The ancestor element instance to activate in; -1 (or 0): the one instance of the flow scope. */
  ancestorElementInstanceKey: Key;
  variableInstructions: VariableInstruction[];
}

/** By key (gRPC and REST) or, since 8.9 on REST, by element id: every live instance of that element. */
export interface TerminateInstruction {
  elementInstanceKey?: Key;
  elementId?: string;
}

/** REST 8.9 move: terminate the source instances and activate the target once for each of them. */
export interface MoveInstruction {
  sourceElementId?: string;
  sourceElementInstanceKey?: Key;
  targetElementId: string;
  ancestor: { kind: 'direct'; key: Key } | { kind: 'inferred' } | { kind: 'sourceParent' };
  variableInstructions: VariableInstruction[];
}

export interface ModifyInstanceCommand {
  type: 'modifyInstance';
  processInstanceKey: Key;
  activateInstructions: ActivateInstruction[];
  terminateInstructions: TerminateInstruction[];
  moveInstructions?: MoveInstruction[];
  operationReference?: string;
}
