import type { DefaultJobOptions } from 'bullmq';

/** Every queue Keepwarm uses, and the jobs each one carries (ids only: job tables are stored in clear). */
export const QUEUES = {
  mail: 'mail',
  reminders: 'reminders',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface MailJobs {
  send: { outboxId: string };
}
export type MailJobName = keyof MailJobs;

/** Fired by each centre's job schedulers (src/reminder-scan/reminder-schedules.service.ts). */
export interface ReminderJobs {
  /** The daily scan and digests, at the centre's reminder hour in its time zone. */
  scan: { centreId: string };
  /** The managers' weekly summary, Mondays at the same hour. */
  summary: { centreId: string };
}
export type ReminderJobName = keyof ReminderJobs;

/**
 * Retries with exponential backoff (2 s, 4 s, 8 s … about 17 min in all). Finished jobs are kept a day to
 * inspect on the dashboard, by age only: trimming to a count on every completion costs the PostgreSQL backend
 * more than the send itself (10k emails: 67 s with a count limit, 29 s without, `npm run bench:mail`). The
 * lasting record of an email is its outbox row and send log, not its job.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
