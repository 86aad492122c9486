/**
 * Raised when a pure domain rule receives input it cannot compute with.
 * Callers branch on `code` and `field`, never on the message text (house style).
 */
export type DomainValidationCode =
  | 'INVALID_DATE'
  | 'INVALID_DATETIME'
  | 'INVALID_NUMBER'
  | 'OUT_OF_RANGE'
  | 'INVALID_ISTAT_CODE'
  | 'UNKNOWN_VALUE'
  | 'DUPLICATE'
  | 'CONFLICT';

export class DomainValidationError extends Error {
  override readonly name = 'DomainValidationError';

  constructor(
    readonly code: DomainValidationCode,
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
