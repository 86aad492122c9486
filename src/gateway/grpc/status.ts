import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import { Rejection, type RejectionType } from '../../engine/errors.js';

/** Zeebe's gateway maps rejection types to these status codes; official clients retry or give up by code. */
const codes: Record<RejectionType, status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  INVALID_STATE: status.FAILED_PRECONDITION,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  PROCESSING_ERROR: status.INTERNAL,
};

export function toServiceError(error: unknown): ServiceError {
  const rejection = error instanceof Rejection ? error : new Rejection('PROCESSING_ERROR', (error as Error)?.message ?? String(error));
  const serviceError = new Error(rejection.message) as ServiceError;
  serviceError.code = codes[rejection.type];
  serviceError.details = rejection.message;
  serviceError.metadata = new Metadata();
  return serviceError;
}
