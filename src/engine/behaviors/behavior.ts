import type { ElementModel } from '../model/types.js';
import type { ProcessingContext } from '../processor/context.js';
import type { ElementInstanceRow } from '../state/tables.js';

/**
 * What one kind of BPMN element does at each step of the shared lifecycle
 * (ACTIVATING → ACTIVATED → COMPLETING → COMPLETED, or → TERMINATING → TERMINATED).
 */
export interface ElementBehavior {
  /**
   * Evaluates what activation needs (job type, conditions, collections) without writing anything;
   * an ExpressionError here becomes an incident and the element waits in ACTIVATING.
   */
  prepare?(ctx: ProcessingContext, instance: ElementInstanceRow, element: ElementModel): Promise<unknown>;
  /** The element is ACTIVATED: create its job, complete at once, activate children, ... */
  onActivated(ctx: ProcessingContext, instance: ElementInstanceRow, element: ElementModel, plan: unknown): Promise<void>;
  /** Work before output mappings on completion (e.g. collect multi-instance output). May throw ExpressionError. */
  onCompleting?(ctx: ProcessingContext, instance: ElementInstanceRow, element: ElementModel): Promise<void>;
  /** Flows to take after completion; default: every outgoing flow. */
  outgoing?(instance: ElementInstanceRow, element: ElementModel): string[];
  /** Release what the element holds (job, subscriptions, called instance) when terminated. */
  onTerminating?(ctx: ProcessingContext, instance: ElementInstanceRow, element: ElementModel): Promise<void>;
  /**
   * Multi-instance body: an iteration is completing, after its output mappings (store its output element,
   * check the completion condition). May throw ExpressionError: the incident goes to the iteration.
   */
  onChildCompleting?(ctx: ProcessingContext, scope: ElementInstanceRow, element: ElementModel, child: ElementInstanceRow): Promise<void>;
  /** Containers: one child has completed or terminated. */
  onChildEnded?(ctx: ProcessingContext, scope: ElementInstanceRow, element: ElementModel, child: ElementInstanceRow): Promise<void>;
}
