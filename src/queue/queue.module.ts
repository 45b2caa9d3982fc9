import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queue-names.js';

export type QueueBackend = 'postgres' | 'redis';

export function queueBackendOf(config: ResolvedConfig): QueueBackend {
  return config.queue.redisUrl ? 'redis' : 'postgres';
}

/**
 * BullMQ for the whole app, on one of two backends chosen here and nowhere else:
 * Redis when REDIS_URL is set, else BullMQ's PostgreSQL backend in our own database (schema `bullmq`).
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) => {
        if (config.queue.redisUrl) {
          setDefaultBackendFactory(undefined);
          return {
            connection: { url: config.queue.redisUrl, maxRetriesPerRequest: null },
            prefix: config.queue.prefix,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          };
        }
        // Process-wide and before any queue exists: @nestjs/bullmq builds queues with the default factory.
        setDefaultBackendFactory(createPostgresBackend);
        return {
          connection: { connectionString: config.database.url, migrate: true, max: 5 },
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        } as never;
      },
    }),
    BullModule.registerQueue({ name: QUEUES.mail }, { name: QUEUES.reminders }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
