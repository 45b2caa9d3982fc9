import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Named (prepared) statements for the hottest queries, so that PostgreSQL parses and analyses their long text
 * once per connection instead of on every request: partner with its derived fields, the list's page and count,
 * the session look-up, the timeline. Measured with bench/hot-paths.mjs and a loop of the same statement on one
 * connection: the partner-by-id statement took 6.0 ms unnamed and 2.1 ms named on the shared machine.
 *
 * A query opts in with TypeORM's `.comment(prepared('what it is'))`: its text then starts with the marker, and
 * PreparingClient (the pool's client class, see data-source-options.ts) sends it under a name derived from the
 * text. Every other statement runs as before. The marked queries are built from a fixed set of clauses (filters
 * on or off), so each connection keeps a bounded set; past MAX_PER_CONNECTION new texts simply run unnamed.
 * A prepared statement survives a migration in another process as long as its result columns keep their types
 * (PostgreSQL re-plans it on schema changes); the marked queries name their columns.
 */
const MARK = 'prepared: ';
const MARKED = `/* ${MARK}`;
const MAX_PER_CONNECTION = 200;

/** The comment that marks a query for a named statement (pass it to a query builder's `.comment()`). */
export function prepared(what: string): string {
  return `${MARK}${what}`;
}

/** pg's Client, sending the marked statements as named ones (see above). */
export class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = pg.Client.prototype.query.bind(this) as (...args: unknown[]) => unknown;
    const names = new Set<string>();
    // An own property rather than an override: pg's query() has a dozen overloads to restate otherwise.
    this.query = ((...args: unknown[]) => {
      const [text, values, callback] = args;
      const marked =
        typeof text === 'string' &&
        text.startsWith(MARKED) &&
        callback === undefined &&
        (values === undefined || Array.isArray(values));
      if (marked) {
        const name = `kw_${createHash('sha1').update(text).digest('hex')}`;
        if (names.has(name) || names.size < MAX_PER_CONNECTION) {
          names.add(name);
          return query({ name, text, values });
        }
      }
      return query(...args);
    }) as pg.Client['query'];
  }
}
