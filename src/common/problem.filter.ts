import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable.js';
import { DomainError, ErrorCode } from './errors.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';
import { requestScope } from './request-context.js';
import { RequestValidationError } from './validation.js';

/** Every error leaves as application/problem+json; an unexpected one is logged and hidden behind its request id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = req.originalUrl?.split('?')[0];
    problem.requestId = requestScope.current()?.requestId;
    const unavailable = isDatabaseUnavailable(exception);
    // An outage is the operator's news, not a bug: one warning per refused request, no stack hunt.
    if (unavailable) this.logger.warn({ err: exception }, 'Database unavailable');
    else if (problem.status >= 500) this.logger.error({ err: exception }, 'Unhandled error');
    if (res.headersSent) return;
    if (unavailable) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    if (exception instanceof DomainError && exception.details.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(exception.details.retryAfterSeconds));
    }
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="keepwarm"');
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      const status = statusOf(exception.code);
      return {
        type: 'about:blank',
        title: titleOf(status),
        status,
        detail: exception.message,
        ...(exception.details.fields ? { errors: exception.details.fields } : {}),
        ...(exception.details.cells ? { errors: exception.details.cells } : {}),
      };
    }
    if (exception instanceof RequestValidationError) {
      return {
        type: 'about:blank',
        title: 'Invalid request',
        status: 400,
        detail: 'One or more fields are invalid',
        errors: exception.fields,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        type: 'about:blank',
        title: titleOf(status),
        status,
        detail: Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The database is unavailable; try again shortly',
      };
    }
    // body-parser errors (malformed JSON, too large) carry a status of their own.
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { type: 'about:blank', title: titleOf(status), status, detail: (exception as Error).message };
    }
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong; quote the request id when reporting it',
    };
  }
}

/** The one mapping from domain error codes to HTTP statuses; the switch is exhaustive. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.Invalid:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.Unprocessable:
      return 422;
    case ErrorCode.TooLarge:
      return 413;
    default: {
      const unknown: never = code;
      throw new Error(`Unmapped error code ${String(unknown)}`);
    }
  }
}

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join(' ')
    : 'Error';
}
