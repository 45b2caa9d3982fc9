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
  ) {}

  async readiness(): Promise<Readiness> {
    const [database, queue] = await Promise.all([
      this.check(async () => {
        await this.dataSource.query('SELECT 1');
        return { embedded: this.config.database.embedded };
      }),
      this.check(async () => {
        const counts = await this.mailQueue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        return { backend: queueBackendOf(this.config), mail: counts };
      }),
    ]);
    const checks: Record<string, CheckResult> = { database, queue };
    if (this.shutdown.isShuttingDown) checks.process = { status: 'down', reason: 'shutting down' };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    return { status: ok ? 'ok' : 'error', role: this.config.role, checks };
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
