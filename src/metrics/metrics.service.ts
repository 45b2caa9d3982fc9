import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { StatementCounter } from '../database/statement-counter.js';

/**
 * One Prometheus registry per app instance: process metrics, HTTP request durations by route, and the SQL
 * statements sent (the benchmark reads them before and after a scenario for its statements per request).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(statements: StatementCounter) {
    collectDefaultMetrics({ register: this.registry });
    // Read at scrape time from the data source's logger (see src/database/statement-counter.ts).
    let reported = 0;
    new Counter({
      name: 'keepwarm_db_statements_total',
      help: 'SQL statements sent to PostgreSQL by this process (transaction statements included)',
      registers: [this.registry],
      collect() {
        this.inc(statements.count - reported);
        reported = statements.count;
      },
    });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
