import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import type { LogLevel } from '../config/app-config.js';
import { requestScope } from '../common/request-context.js';
import { createRootLogger, PinoNestLogger, serializeError } from './logger.js';

type Line = Record<string, unknown>;

/** A root logger writing JSON lines into an array. */
function capture(level: LogLevel = 'info') {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const text of chunk.toString().split('\n')) if (text) lines.push(JSON.parse(text) as Line);
      callback();
    },
  });
  const logger = createRootLogger({ level, format: 'json' }, destination);
  return { logger, nest: new PinoNestLogger(logger), lines };
}

describe('createRootLogger', () => {
  it('writes JSON lines with level, pid and message', () => {
    const { logger, lines } = capture();
    logger.info('started');
    expect(lines).toEqual([expect.objectContaining({ level: 30, pid: process.pid, msg: 'started' })]);
  });

  it('tags lines written while a request is handled with its id, and only those', async () => {
    const { logger, lines } = capture();
    logger.info('before');
    await requestScope.run({ requestId: 'r-1' }, async () => {
      logger.info('inside');
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('after an await');
    });
    requestScope.run({ requestId: 'r-2' }, () => logger.info('other request'));
    logger.info('outside');

    expect(lines.map((l) => [l.msg, l.reqId])).toEqual([
      ['before', undefined],
      ['inside', 'r-1'],
      ['after an await', 'r-1'],
      ['other request', 'r-2'],
      ['outside', undefined],
    ]);
    expect(lines[0]).not.toHaveProperty('reqId');
    expect(lines[4]).not.toHaveProperty('reqId');
  });

  it('drops lines below the configured level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((l) => l.msg)).toEqual(['loud']);
  });

  it.each([
    ['a nested password', { user: { email: 'a@example.org', password: 'hunter2' } }, ['user', 'password']],
    ['a nested token', { invite: { token: 'tok-123' } }, ['invite', 'token']],
    [
      'the Authorization header',
      { req: { headers: { authorization: 'Bearer abc' } } },
      ['req', 'headers', 'authorization'],
    ],
    ['the Cookie header', { req: { headers: { cookie: 'sid=abc' } } }, ['req', 'headers', 'cookie']],
    [
      'a Set-Cookie response header',
      { res: { headers: { 'set-cookie': 'sid=abc' } } },
      ['res', 'headers', 'set-cookie'],
    ],
  ])('redacts %s', (_name, fields, path) => {
    const { logger, lines } = capture();
    logger.info(fields, 'with a secret');
    let value: unknown = lines[0];
    for (const key of path) value = (value as Line)[key];
    expect(value).toBe('[redacted]');
  });

  it('keeps the other fields next to a redacted one', () => {
    const { logger, lines } = capture();
    logger.info({ user: { email: 'a@example.org', password: 'hunter2' } }, 'login');
    expect(lines[0].user).toEqual({ email: 'a@example.org', password: '[redacted]' });
  });
});

describe('PinoNestLogger', () => {
  it('logs a message with its context', () => {
    const { nest, lines } = capture();
    nest.log('hello', 'Ctx');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'hello', context: 'Ctx' });
  });

  it('logs a message without a context', () => {
    const { nest, lines } = capture();
    nest.log('hello');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'hello' });
    expect(lines[0]).not.toHaveProperty('context');
  });

  it('merges a fields object and takes the next string as the message', () => {
    const { nest, lines } = capture();
    nest.log({ outboxId: 'x' }, 'Email sent', 'Ctx');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'Email sent', outboxId: 'x', context: 'Ctx' });
  });

  it('logs an Error with its message and serialised error', () => {
    const { nest, lines } = capture();
    nest.error(new Error('boom'), 'Ctx');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'boom', context: 'Ctx', err: { type: 'Error', message: 'boom' } });
    expect((lines[0].err as Line).stack).toEqual(expect.stringContaining('boom'));
  });

  it("keeps Nest's (message, stack, context) error form", () => {
    const { nest, lines } = capture();
    const stack = 'Error: boom\n    at handler (/app/dist/main.js:1:1)';
    nest.error('Request failed', stack, 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'Request failed', stack, context: 'ExceptionsHandler' });
  });

  it('serialises an Error passed after the message', () => {
    const { nest, lines } = capture();
    nest.error('Job failed', new Error('boom'), 'MailProcessor');
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'Job failed',
      context: 'MailProcessor',
      err: { message: 'boom' },
    });
  });

  it('serialises an Error passed inside fields', () => {
    const { nest, lines } = capture();
    nest.error({ err: new Error('worker down') }, 'Mail worker error', 'MailProcessor');
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'Mail worker error',
      context: 'MailProcessor',
      err: { message: 'worker down' },
    });
  });

  it.each([
    ['fatal', 60],
    ['error', 50],
    ['warn', 40],
    ['log', 30],
    ['debug', 20],
    ['verbose', 10],
  ] as const)('maps %s to pino level %d', (method, level) => {
    const { nest, lines } = capture('trace');
    nest[method]('w');
    expect(lines).toEqual([expect.objectContaining({ level, msg: 'w' })]);
  });

  it('redacts a password inside merged fields', () => {
    const { nest, lines } = capture();
    nest.log({ admin: { email: 'a@example.org', password: 'hunter2' } }, 'Admin created', 'Ctx');
    expect(lines[0]).toMatchObject({ msg: 'Admin created', admin: { email: 'a@example.org', password: '[redacted]' } });
  });

  it('carries the request id like any other line', () => {
    const { nest, lines } = capture();
    requestScope.run({ requestId: 'r-9' }, () => nest.warn('slow query', 'Db'));
    expect(lines[0]).toMatchObject({ level: 40, msg: 'slow query', context: 'Db', reqId: 'r-9' });
  });
});

/** The fields pg gives a DatabaseError, as a NOT NULL violation on app_user had them. */
function driverError(): Error {
  return Object.assign(new Error('null value in column "name" of relation "app_user" violates not-null constraint'), {
    name: 'error',
    code: '23502',
    severity: 'ERROR',
    detail: 'Failing row contains (6c1c…, ana@example.org, null, $argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA).',
    schema: 'public',
    table: 'app_user',
    column: 'name',
    constraint: 'app_user_name_not_null',
    routine: 'ExecConstraints',
  });
}

describe('serializeError', () => {
  const secrets = ['Failing row', 'ana@example.org', '$argon2', 'INSERT', 'parameters', 'detail'];

  it('keeps what failed and where from a driver error, never its data', () => {
    const { logger, lines } = capture();
    logger.error({ err: driverError() }, 'Unhandled error');
    expect(lines[0]!.err).toEqual({
      type: 'Error',
      message: 'null value in column "name" of relation "app_user" violates not-null constraint',
      stack: expect.any(String),
      code: '23502',
      severity: 'ERROR',
      schema: 'public',
      table: 'app_user',
      column: 'name',
      constraint: 'app_user_name_not_null',
      routine: 'ExecConstraints',
    });
    for (const secret of secrets) expect(JSON.stringify(lines[0])).not.toContain(secret);
  });

  it('does the same for an error wrapping one (TypeORM copies the driver fields, the query and its parameters)', () => {
    const driver = driverError();
    class QueryFailedError extends Error {}
    const wrapped = Object.assign(new QueryFailedError(driver.message), {
      ...driver,
      query: 'INSERT INTO app_user …',
      parameters: ['ana@example.org', '$argon2id$…'],
      driverError: driver,
    });
    const outer = new Error('Could not create the user', { cause: wrapped });
    const { nest, lines } = capture();
    nest.error({ err: outer }, 'Unhandled error', 'ProblemFilter');
    expect(lines[0]!.err).toMatchObject({
      type: 'Error',
      message: 'Could not create the user',
      cause: { type: 'QueryFailedError', code: '23502', table: 'app_user', constraint: 'app_user_name_not_null' },
    });
    for (const secret of secrets) expect(JSON.stringify(lines[0])).not.toContain(secret);
  });

  it('leaves other errors and non-errors as they were', () => {
    expect(serializeError('timeout')).toBe('timeout');
    expect(serializeError(Object.assign(new TypeError('bad'), { status: 502 }))).toEqual({
      type: 'TypeError',
      message: 'bad',
      stack: expect.any(String),
      status: 502,
    });
  });
});
