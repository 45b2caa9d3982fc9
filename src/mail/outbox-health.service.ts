import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service.js';

/** A pending email older than this is stuck, not queued: shown on /health/ready and to admins. */
export const STALE_PENDING_SECONDS = 5 * 60;

/** The outbox at a glance, installation-wide (no personal data): for /health/ready and /metrics. */
export interface OutboxHealth {
  pending: number;
  /** Age of the oldest pending email, 0 when none waits. */
  oldestPendingSeconds: number;
  /** Pending for longer than STALE_PENDING_SECONDS. */
  stalePending: number;
  /** Handed over to the mail server, its answer not on record yet. */
  sending: number;
  /** Outcome unknown and held for an admin (MAIL_UNCERTAIN_DELIVERY=hold). */
  uncertain: number;
  failed: number;
}

@Injectable()
export class OutboxHealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    metrics: MetricsService,
  ) {
    const read = () => this.summary();
    new Gauge({
      name: 'keepwarm_outbox_pending_oldest_seconds',
      help: 'Age in seconds of the oldest outbox email still pending (0 when none waits)',
      registers: [metrics.registry],
      async collect() {
        this.set((await read()).oldestPendingSeconds);
      },
    });
  }

  async summary(): Promise<OutboxHealth> {
    const [row] = await this.dataSource.query<
      { pending: number; oldest: number | null; stale: number; sending: number; uncertain: number; failed: number }[]
    >(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
              extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS oldest,
              count(*) FILTER (WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1))::int AS stale,
              count(*) FILTER (WHERE status = 'sending')::int AS sending,
              count(*) FILTER (WHERE status = 'uncertain')::int AS uncertain,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM outbox_email WHERE status IN ('pending', 'sending', 'uncertain', 'failed')`,
      [STALE_PENDING_SECONDS],
    );
    return {
      pending: row!.pending,
      oldestPendingSeconds: Math.max(0, Math.round(row!.oldest ?? 0)),
      stalePending: row!.stale,
      sending: row!.sending,
      uncertain: row!.uncertain,
      failed: row!.failed,
    };
  }
}
