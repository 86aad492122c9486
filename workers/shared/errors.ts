import type { ErrorCode } from '../../processes/generated/task-types.js';

/**
 * Input the worker cannot act on (a missing or malformed variable). Retrying cannot help, so the
 * job fails with no retries left and becomes an incident carrying this message; an operator fixes
 * the variable and resolves it.
 */
export class WorkerInputError extends Error {
  readonly code = 'WORKER_INPUT';
  constructor(readonly variable: string, detail: string) {
    super(`Variabile '${variable}': ${detail}`);
    this.name = 'WorkerInputError';
  }
}

/** A business outcome the model branches on: thrown as a BPMN error with one of the generated codes. */
export class BusinessError extends Error {
  constructor(readonly errorCode: ErrorCode, message: string, readonly variables: Record<string, unknown> = {}) {
    super(message);
    this.name = 'BusinessError';
  }
}
