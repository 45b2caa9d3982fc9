import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { QUEUES, type MailJobName, type MailJobs } from '../queue/queue-names.js';
import { MailDeliveryService, type DeliveryOutcome } from './mail-delivery.service.js';
import { MailService } from './mail.service.js';

type MailJob = Job<MailJobs[MailJobName], DeliveryOutcome, MailJobName>;

@Processor(QUEUES.mail)
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly delivery: MailDeliveryService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.queue.workerConcurrency;
    await this.mail.dispatchPending();
  }

  async process(job: MailJob): Promise<DeliveryOutcome> {
    const name: MailJobName = job.name;
    switch (name) {
      case 'send': {
        const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return this.delivery.deliver(job.data.outboxId, isLastAttempt);
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
