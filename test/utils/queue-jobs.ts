import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Queue } from 'bullmq';
import type { TestApp } from './app.js';

/**
 * Adds jobs to one of the app's queues and waits for the app's own workers to finish them, on whichever
 * BullMQ backend the app runs: what a job scheduler does, on a day the test chooses.
 */
export class QueueJobs {
  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {}

  /** Listens to the queue's events with the connection the app's queue uses (a second one of the same kind). */
  static async open(app: TestApp, queueName: string): Promise<QueueJobs> {
    const queue = app.app.get<Queue>(getQueueToken(queueName), { strict: false });
    // The options the app built the queue with; on the PostgreSQL backend the process-wide default factory applies.
    const events = new QueueEvents(queue.name, {
      connection: queue.opts.connection,
      prefix: queue.opts.prefix,
    } as ConstructorParameters<typeof QueueEvents>[1]);
    await events.waitUntilReady();
    return new QueueJobs(queue, events);
  }

  /** Adds a job and returns what its handler returned; rejects if it failed for good. */
  async run<T>(name: string, data: Record<string, unknown>, jobId?: string): Promise<T> {
    const job = await this.queue.add(name, data, { jobId, attempts: 1 });
    return (await job.waitUntilFinished(this.events)) as T;
  }

  async close(): Promise<void> {
    await this.events.close();
  }
}
