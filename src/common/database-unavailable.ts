/**
 * Errors that say PostgreSQL cannot serve right now (stopped, restarting, unreachable, every connection busy past
 * DB_CONNECT_TIMEOUT_MS, a statement past DB_STATEMENT_TIMEOUT_MS), as node-postgres, pg-pool and TypeORM raise
 * them: the client did nothing wrong and may try again, so they become 503 with Retry-After rather than 500.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
]);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect', // pg-pool: no connection within connectionTimeoutMillis
  'Connection terminated', // the server went away mid-query or while connecting
  'is not queryable', // a client whose connection already failed
  'Cannot use a pool after calling end',
  // TypeORM releases a query runner whose connection the server closed; the next query on it says so, in one of
  // two wordings (QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError).
  'Query runner already released',
  'provided by a query runner was already released',
];

/** Seconds a client is told to wait before trying again (Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_SOCKET_CODES.has(code)))
    return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
  // An AggregateError (several addresses refused) carries its reasons in `errors`.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
