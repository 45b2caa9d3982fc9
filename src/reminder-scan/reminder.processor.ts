import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Job } from 'bullmq';
import { ContactRetention } from '../contacts/contact-retention.service.js';
import { NotFoundError } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { QUEUES, type ReminderJobName, type ReminderJobs } from '../queue/queue-names.js';
import { ReminderScan } from './reminder-scan.service.js';
import { ReminderSchedules } from './reminder-schedules.service.js';

type ReminderJob = Job<ReminderJobs[ReminderJobName], unknown, ReminderJobName>;

/**
 * Runs what the centres' job schedulers fire: the daily scan (the contact retention rule, then reminders and
 * digests) and the managers' weekly summary. A failed run is retried with backoff; a rerun is harmless (dedupe keys). Workers only.
 */
@Processor(QUEUES.reminders)
export class ReminderProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderProcessor.name);

  constructor(
    private readonly scan: ReminderScan,
    private readonly schedules: ReminderSchedules,
    private readonly retention: ContactRetention,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    super();
  }

  /** Centres scan side by side (one transaction each). A starting worker repairs the schedulers: made for new centres, updated for changed ones, removed for deleted ones. */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.queue.workerConcurrency;
    await this.schedules.reconcileAll();
  }

  async process(job: ReminderJob): Promise<unknown> {
    const ctx = RequestContext.system(job.data.centreId, `job:${job.id ?? job.name}`);
    const name: ReminderJobName = job.name;
    try {
      switch (name) {
        case 'scan': {
          // Retention first: the scan then has no reminders to make about people erased today.
          const retention = await this.retention.run(job.data.centreId);
          const { asOf, dueCount, created, resolved, emails } = await this.scan.run(ctx, { trigger: 'schedule' });
          // How many were erased, for centres with the rule on.
          const erased = retention.months === null ? {} : { erased: retention.erased };
          return { asOf, ...erased, due: dueCount, created, resolved, emails };
        }
        case 'summary':
          return { emails: await this.scan.weeklySummary(ctx) };
        default: {
          const unknown: never = name;
          throw new Error(`Unhandled reminder job ${String(unknown)}`);
        }
      }
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      // The centre is gone: its schedulers go too, and there is nothing to retry.
      await this.schedules.unschedule(job.data.centreId);
      return { skipped: 'centre removed' };
    }
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error({ err: error }, 'Reminder worker error');
  }

  @OnWorkerEvent('failed')
  onFailed(job: ReminderJob | undefined, error: Error): void {
    this.logger.error({ err: error, jobId: job?.id, centreId: job?.data.centreId }, 'Reminder job failed');
  }
}
