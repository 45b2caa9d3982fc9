import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { requestScope } from '../common/request-context.js';
import type { LogFormat, LogLevel } from '../config/app-config.js';

/**
 * The process's one pino logger: JSON lines (for log shippers) or readable output on a terminal.
 * Every line written while a request is handled carries its request id.
 */
export function createRootLogger(
  options: { level: LogLevel; format: LogFormat },
  destination?: DestinationStream,
): Logger {
  const readable = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY === true);
  const base = {
    level: options.level,
    base: { pid: process.pid },
    mixin: () => {
      const scope = requestScope.current();
      return scope
        ? { reqId: scope.requestId, ...(scope.userId ? { userId: scope.userId, centreId: scope.centreId } : {}) }
        : {};
    },
    // Every `err` (pino's and Nest's error lines alike) goes through serializeError: no driver error's data.
    serializers: { err: serializeError },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'password',
        'token',
        'accessToken',
        'csrfToken',
        '*.password',
        '*.token',
        '*.accessToken',
        '*.passwordHash',
      ],
      censor: '[redacted]',
    },
  };
  if (destination) return pino(base, destination);
  return readable
    ? pino(base, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }))
    : pino(base);
}

/**
 * Fields of a PostgreSQL error (pg's DatabaseError, or TypeORM's QueryFailedError around it) that may be logged:
 * what failed and where, never with what data. Its `detail` ("Failing row contains (…)", "Key (email)=(…)"),
 * `where`, `parameters` and `query` echo the row: a password hash, an email, a token.
 */
const DATABASE_ERROR_FIELDS = [
  'code',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'dataType',
  'routine',
] as const;
/** Fields dropped from any error, at any depth: they carry a driver's data. */
const DATA_FIELDS = new Set(['detail', 'where', 'parameters', 'query', 'internalQuery', 'driverError', 'hint']);

/** The `err` serializer: type, message, stack and the error's own fields, minus the data a database error echoes. */
export function serializeError(value: unknown): unknown {
  return isErrorLike(value) ? serialize(value, new Set()) : value;
}

function serialize(err: ErrorLike, seen: Set<unknown>): Record<string, unknown> {
  seen.add(err);
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? 'Error',
    message: err.message,
    stack: err.stack,
  };
  const driver = isErrorLike(err.driverError) ? err.driverError : err;
  if (isDatabaseError(err) || isDatabaseError(driver)) {
    for (const key of DATABASE_ERROR_FIELDS) if (driver[key] !== undefined) out[key] = driver[key];
    return out;
  }
  for (const key of Object.keys(err)) {
    if (key in out || DATA_FIELDS.has(key)) continue;
    const field = err[key];
    out[key] = isErrorLike(field) && !seen.has(field) ? serialize(field, seen) : field;
  }
  if (isErrorLike(err.cause) && !seen.has(err.cause)) out.cause = serialize(err.cause, seen);
  return out;
}

type ErrorLike = { message: string; stack?: string; cause?: unknown; driverError?: unknown } & Record<string, unknown>;

function isErrorLike(value: unknown): value is ErrorLike {
  return (
    value instanceof Error ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as { message?: unknown }).message === 'string' &&
      'stack' in value)
  );
}

/** pg's DatabaseError (a SQLSTATE code with the server's severity) or an error wrapping one (TypeORM's QueryFailedError). */
function isDatabaseError(err: ErrorLike): boolean {
  return (
    err.driverError !== undefined ||
    (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && typeof err.severity === 'string')
  );
}

/** Nest's start-up chatter (one line per module and route) belongs at debug level. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's LoggerService on top of pino, so framework and app lines share one format. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes (message, ...optionalParams, context); an Error or a stack string may sit in between. */
  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    const params = [...rest];
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (level === 'info' && context && CHATTY_CONTEXTS.has(context)) level = 'debug';
    const fields: Record<string, unknown> = context ? { context } : {};
    let text: string | undefined;
    for (const param of params) {
      if (param instanceof Error) fields.err = param;
      else if (typeof param === 'string' && param.includes('\n    at ')) fields.stack = param;
      else if (typeof param === 'string')
        text = text ?? param; // logger.log({ fields }, 'message')
      else if (param && typeof param === 'object') Object.assign(fields, param);
    }
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, text ?? message.message);
    else if (message && typeof message === 'object') this.logger[level]({ ...fields, ...message }, text);
    else this.logger[level](fields, String(message));
  }
}
