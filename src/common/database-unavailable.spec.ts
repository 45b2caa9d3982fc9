import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable } from './database-unavailable.js';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['the pool waiting past its timeout', new Error('timeout exceeded when trying to connect')],
    ['a server shutting down (57P01), wrapped by TypeORM', { message: 'terminating', driverError: { code: '57P01' } }],
    ['a server still starting (57P03)', { code: '57P03', message: 'the database system is starting up' }],
    ['a connection exception class (08006)', { code: '08006', message: 'connection failure' }],
    ['a statement past statement_timeout (57014)', { code: '57014', message: 'canceling statement' }],
    ['a connection that ended mid-query', new Error('Connection terminated unexpectedly')],
    ['a query runner whose connection died', new Error('Query runner already released. Cannot run queries anymore.')],
    [
      'a query runner whose connection died, used through its manager',
      new Error(
        'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
      ),
    ],
    ['refusals on every address', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], '')],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505', driverError: { code: '23505' } }],
    ['a syntax error', { code: '42601', message: 'syntax error at or near' }],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
