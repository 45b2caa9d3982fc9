import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { QUEUES } from '../queue/queue-names.js';
import { queueBackendOf } from '../queue/queue.module.js';
import { ShutdownState } from './shutdown-state.js';
import { Clock } from '../common/clock.js';
import { scanExpectation } from '../reminder-scan/scan-overdue.js';
import { OutboxHealthService } from '../mail/outbox-health.service.js';

export interface CheckResult {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

export interface Readiness {
  status: 'ok' | 'error';
  role: string;
  checks: Record<string, CheckResult>;
}

const CHECK_TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mail) private readonly mailQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly shutdown: ShutdownState,
    private readonly clock: Clock,
    private readonly outbox: OutboxHealthService,
  ) {}

  async readiness(): Promise<Readiness> {
    const [database, queue, reminders, mail] = await Promise.all([
      this.check(async () => {
        await this.dataSource.query('SELECT 1');
        return { embedded: this.config.database.embedded };
      }),
      this.check(async () => {
        const counts = await this.mailQueue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        return { backend: queueBackendOf(this.config), mail: counts };
      }),
      this.check(() => this.reminderScans()),
      // Details only, like overdue scans: stale pending mail is listed, it does not take this process out of rotation.
      this.check(async () => ({ outbox: await this.outbox.summary() })),
    ]);
    const checks: Record<string, CheckResult> = { database, queue, reminders, mail };
    if (this.shutdown.isShuttingDown) checks.process = { status: 'down', reason: 'shutting down' };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    return { status: ok ? 'ok' : 'error', role: this.config.role, checks };
  }

  /**
   * The last successful scan of every centre and those whose daily scan is overdue. Details only: an overdue
   * scan does not make this process unready (taking it out of rotation would not restart a stalled worker),
   * but it is listed here and in GET /api/v1/reminders/status.
   */
  private async reminderScans(): Promise<Record<string, unknown>> {
    const rows = await this.dataSource.query<
      {
        id: string;
        name: string;
        timezone: string;
        reminder_hour: number;
        created_at: Date;
        last_scan_at: Date | null;
        last_scheduled_at: Date | null;
      }[]
    >(
      `SELECT c.id, c.name, c.timezone, c.reminder_hour, c.created_at, max(r.finished_at) AS last_scan_at,
         max(r.finished_at) FILTER (WHERE r.trigger = 'schedule') AS last_scheduled_at
       FROM centre c LEFT JOIN reminder_scan_run r ON r.centre_id = c.id GROUP BY c.id ORDER BY c.name`,
    );
    const now = this.clock.now();
    const centres = rows.map((row) => {
      const expectation = scanExpectation({
        now,
        timezone: row.timezone,
        reminderHour: row.reminder_hour,
        centreCreatedAt: row.created_at,
        lastScanFinishedAt: row.last_scheduled_at,
      });
      return {
        centreId: row.id,
        name: row.name,
        lastScanAt: row.last_scan_at?.toISOString() ?? null,
        lastScheduledScanAt: row.last_scheduled_at?.toISOString() ?? null,
        scanOverdue: expectation.overdue,
      };
    });
    return { scansOverdue: centres.filter((c) => c.scanOverdue).length, centres };
  }

  private async check(probe: () => Promise<Record<string, unknown>>): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      return { status: 'up', ...(await Promise.race([probe(), timeout])) };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
