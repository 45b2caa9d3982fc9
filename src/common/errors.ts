import type { CellError, FieldError } from './problem.js';

/** What went wrong, in terms the API maps to an HTTP status in one place (ProblemFilter.statusOf). */
export enum ErrorCode {
  Invalid = 'invalid',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  RateLimited = 'rate_limited',
  /** Well-formed request, content that cannot be used (a CSV file with errors): 422. */
  Unprocessable = 'unprocessable',
  TooLarge = 'too_large',
}

/** A failure the client can act on. Services throw these, never HttpException. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldError[]; cells?: CellError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Another centre's record answers exactly like a missing one, so existence does not leak. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.Forbidden, message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, fields?: FieldError[]) {
    super(ErrorCode.Conflict, message, { fields });
  }
}

export class InvalidError extends DomainError {
  constructor(message: string, fields?: FieldError[]) {
    super(ErrorCode.Invalid, message, { fields });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first: send a Bearer token or the session cookie') {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super(ErrorCode.RateLimited, message, { retryAfterSeconds });
  }
}

/** A file whose content cannot be used: every problem, by row and column (a CSV import). */
export class UnprocessableError extends DomainError {
  constructor(message: string, cells: CellError[] = []) {
    super(ErrorCode.Unprocessable, message, { cells });
  }
}

export class TooLargeError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.TooLarge, message);
  }
}
