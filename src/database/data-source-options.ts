import type { DataSourceOptions, EntitySchema } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { PreparingClient } from './prepared-statements.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** An entity class (each feature declares its own; src/entities.ts lists them all). */
export type EntityClass = Function | EntitySchema;

/** How long the app waits for PostgreSQL: unset (migrations, the CLI) waits as long as it takes. */
export interface DatabaseTimeouts {
  /** Waiting for a free pooled connection or opening a new one (pg-pool's connectionTimeoutMillis). */
  connectTimeoutMs: number;
  /** PostgreSQL's statement_timeout; 0 = none. */
  statementTimeoutMs: number;
}

/**
 * The one TypeORM configuration: used by the app, the CLI and the tests. Migrations only, never synchronize.
 * Running migrations needs no entities; the app and the migration generator pass src/entities.ts.
 */
export function dataSourceOptions(
  url: string,
  poolSize: number,
  entities: EntityClass[] = [],
  timeouts?: DatabaseTimeouts,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // No JIT and no parallel workers: our statements are short, and a dashboard query over a large centre would
    // otherwise cross PostgreSQL's cost thresholds and spend longer compiling, or starting workers, than running
    // (with parallel workers the dashboard benchmark served about a quarter fewer requests a second).
    extra: {
      max: poolSize,
      // Sends the queries marked prepared() as named statements, planned once per connection.
      Client: PreparingClient,
      application_name: 'keepwarm',
      options: '-c jit=off -c max_parallel_workers_per_gather=0',
      // With PostgreSQL down or every connection busy, a request fails within these bounds (503, see
      // src/common/database-unavailable.ts) instead of queueing behind the pool without end.
      ...(timeouts
        ? {
            connectionTimeoutMillis: timeouts.connectTimeoutMs,
            ...(timeouts.statementTimeoutMs > 0 ? { statement_timeout: timeouts.statementTimeoutMs } : {}),
          }
        : {}),
    },
    logging: false,
  };
}
