import { Injectable, Module } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * TypeORM's logger slot used as a counter: TypeORM reports every statement it sends (transaction statements
 * included) to `logQuery`, whatever the `logging` option says, so this counts the round trips to PostgreSQL. The
 * metrics expose the count as `keepwarm_db_statements_total` (statements per request, in the benchmark). Logs
 * nothing: failing statements surface as errors where they are run.
 */
@Injectable()
export class StatementCounter implements Logger {
  /** Statements sent since the app started. */
  count = 0;

  logQuery(): void {
    this.count++;
  }

  logQueryError(): void {}

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}

/** One StatementCounter per app: the data source writes to it, the metrics read it. */
@Module({ providers: [StatementCounter], exports: [StatementCounter] })
export class StatementCounterModule {}
