import type { DefaultJobOptions } from 'bullmq';

/** Every queue Keepwarm uses, and the jobs each one carries (ids only: job tables are stored in clear). */
export const QUEUES = {
  mail: 'mail',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface MailJobs {
  send: { outboxId: string };
}
export type MailJobName = keyof MailJobs;

/** Retries with exponential backoff (2 s, 4 s, 8 s … about 17 min in all); finished jobs are kept for a while to inspect. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
