/**
 * What went wrong, in domain terms. The HTTP layer maps the kind to a status code; services and the worker
 * never deal in HTTP.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

export interface FieldError {
  /** For a file (a CSV import): the data row, 1 being the first after the header (0: the header itself). */
  row?: number;
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `invalid_transition`; becomes the problem type. */
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'internal',
    readonly details: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, errors?: FieldError[]) =>
  new DomainError(code, message, 'invalid', { errors });
export const notFound = (code: string, message: string) => new DomainError(code, message, 'not_found');
export const conflict = (code: string, message: string) => new DomainError(code, message, 'conflict');
