import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Counter } from 'prom-client';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { QUEUES, type MailJobName, type MailJobs } from '../queue/queue-names.js';
import { MailDeliveryService, type DeliveryOutcome } from './mail-delivery.service.js';
import { MailService } from './mail.service.js';

type MailJob = Job<MailJobs[MailJobName], DeliveryOutcome, MailJobName>;

/** How often a worker looks for pending rows whose job was lost, and how long a row must sit untouched to count. */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_IDLE_MS = 120_000;

@Processor(QUEUES.mail)
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);
  private readonly outcomes: Counter<'outcome'>;
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly delivery: MailDeliveryService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    metrics: MetricsService,
  ) {
    super();
    this.outcomes = new Counter({
      name: 'keepwarm_mail_sent_total',
      help: 'Outbox delivery attempts by outcome: sent, retry (transient failure), failed (permanent), skipped (already done or taken by another worker)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
  }

  /** Re-queues what a crash left behind, now and then every minute (a job can be lost while workers run, too). */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.queue.workerConcurrency;
    await this.mail.dispatchPending();
    this.sweep = setInterval(() => {
      this.mail
        .dispatchPending(SWEEP_IDLE_MS)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Outbox sweep failed'));
    }, SWEEP_EVERY_MS);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
  }

  async process(job: MailJob): Promise<DeliveryOutcome> {
    const name: MailJobName = job.name;
    switch (name) {
      case 'send': {
        const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        try {
          const outcome = await this.delivery.deliver(job.data.outboxId, isLastAttempt);
          this.outcomes.inc({ outcome });
          return outcome;
        } catch (error) {
          this.outcomes.inc({ outcome: 'retry' });
          throw error;
        }
      }
      default: {
        const unknown: never = name;
        throw new Error(`Unhandled mail job ${String(unknown)}`);
      }
    }
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error({ err: error }, 'Mail worker error');
  }
}
