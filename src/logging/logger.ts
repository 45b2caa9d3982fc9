import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { requestScope } from '../common/request-context.js';
import type { LogFormat, LogLevel } from '../config/app-config.js';

/**
 * The process's one pino logger: JSON lines (for log shippers) or readable output on a terminal.
 * Every line written while a request is handled carries its request id.
 */
export function createRootLogger(options: { level: LogLevel; format: LogFormat }, destination?: DestinationStream): Logger {
  const readable = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY === true);
  const base = {
    level: options.level,
    base: { pid: process.pid },
    mixin: () => {
      const scope = requestScope.current();
      return scope ? { reqId: scope.requestId, ...(scope.userId ? { userId: scope.userId, centreId: scope.centreId } : {}) } : {};
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'password', 'token', 'accessToken', 'csrfToken', '*.password', '*.token', '*.accessToken', '*.passwordHash'], censor: '[redacted]' },
  };
  if (destination) return pino(base, destination);
  return readable
    ? pino(base, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }))
    : pino(base);
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
  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    const params = [...rest];
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (level === 'info' && context && CHATTY_CONTEXTS.has(context)) level = 'debug';
    const fields: Record<string, unknown> = context ? { context } : {};
    let text: string | undefined;
    for (const param of params) {
      if (param instanceof Error) fields.err = param;
      else if (typeof param === 'string' && param.includes('\n    at ')) fields.stack = param;
      else if (typeof param === 'string') text = text ?? param; // logger.log({ fields }, 'message')
      else if (param && typeof param === 'object') Object.assign(fields, param);
    }
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, text ?? message.message);
    else if (message && typeof message === 'object') this.logger[level]({ ...fields, ...message }, text);
    else this.logger[level](fields, String(message));
  }
}
