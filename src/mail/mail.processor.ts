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

/**
 * How often a worker looks for rows a crash left behind, and how long a pending row must sit untouched to count
 * (its job is otherwise simply still on its way). With the job timings below, an email whose worker died is sent
 * again within a minute of a worker being alive.
 */
const SWEEP_EVERY_MS = 15_000;
const SWEEP_IDLE_MS = 45_000;

/**
 * A job whose worker died is "stalled" once its lock expires: BullMQ's stalled check (two passes, on both backends)
 * puts it back in the queue about lockDuration + 2 × stalledInterval later, here under 40 s instead of the defaults'
 * 90 s. maxStalledCount: by default a job that stalls twice (a worker killed twice while holding it) is failed for
 * good and its row waits for the sweep; delivery is safe to rerun, so it may stall as often as crashes happen.
 */
export const MAIL_WORKER_OPTIONS = { lockDuration: 20_000, stalledInterval: 10_000, maxStalledCount: 1000 };

@Processor(QUEUES.mail, MAIL_WORKER_OPTIONS)
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
      help: 'Outbox delivery attempts by outcome: sent, retry (transient failure), failed (permanent), skipped (already done), held or uncertain (handed over, no answer: held for an admin, or sent again)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
  }

  /** Repairs what a crash left behind, now and then every SWEEP_EVERY_MS (a job can be lost while workers run, too). */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.queue.workerConcurrency;
    await this.repair(0);
    this.sweep = setInterval(() => {
      this.repair(SWEEP_IDLE_MS).catch((error: unknown) => this.logger.warn({ err: error }, 'Outbox sweep failed'));
    }, SWEEP_EVERY_MS);
    this.sweep.unref();
  }

  /** Rows handed over by a worker that died get the uncertain-delivery rule; pending rows whose job is gone are queued. */
  private async repair(idleMs: number): Promise<void> {
    const resent = await this.delivery.resolveOrphans();
    if (resent.length > 0) this.outcomes.inc({ outcome: 'uncertain' }, resent.length);
    await this.mail.requeue(resent);
    await this.mail.dispatchPending(idleMs);
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

  /** A job whose worker died went back to the queue: the operator sees the crash's consequence in the log. */
  @OnWorkerEvent('stalled')
  onStalled(jobId: string): void {
    this.logger.warn({ outboxId: jobId }, 'Mail job stalled (its worker stopped while holding it): queued again');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error({ err: error }, 'Mail worker error');
  }
}
