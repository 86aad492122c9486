/** Zeebe's rejection types; the gateways map them to gRPC status codes and HTTP problem details. */
export type RejectionType =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'DEADLINE_EXCEEDED'
  | 'PROCESSING_ERROR';

export class Rejection extends Error {
  constructor(
    readonly type: RejectionType,
    message: string,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

export function reject(type: RejectionType, message: string): never {
  throw new Rejection(type, message);
}
