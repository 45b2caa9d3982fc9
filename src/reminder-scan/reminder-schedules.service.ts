import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CentreEvents } from '../centres/centre-events.js';
import { Centre } from '../database/centre.entity.js';
import { QUEUES, type ReminderJobName, type ReminderJobs } from '../queue/queue-names.js';

// Names are strings here: scheduler ids share the job-name type in BullMQ's typings.
type ReminderQueue = Queue<ReminderJobs[ReminderJobName], unknown, string>;
type ScheduledCentre = Pick<Centre, 'id' | 'timezone' | 'reminderHour'>;

/** The two job schedulers of a centre, by id: the id says which centre and which job. */
export function schedulerIds(centreId: string): Record<ReminderJobName, string> {
  return { scan: `scan:${centreId}`, summary: `summary:${centreId}` };
}

/** Cron patterns in the centre's time zone: the daily scan at its reminder hour, the weekly summary Mondays at the same hour. */
export function schedulePatterns(centre: Pick<Centre, 'reminderHour'>): Record<ReminderJobName, string> {
  return { scan: `0 ${centre.reminderHour} * * *`, summary: `0 ${centre.reminderHour} * * 1` };
}

/**
 * One BullMQ job scheduler per centre and job (daily scan, weekly summary), kept in step with the centres:
 * upserted when a centre is created or its reminder hour or time zone changes, and reconciled in full when a
 * worker starts (missing ones made, changed ones updated, those of removed centres deleted). Scheduler ids are
 * per centre, so reconciling twice, or from two processes at once, never makes a duplicate.
 */
@Injectable()
export class ReminderSchedules implements OnModuleInit {
  private readonly logger = new Logger(ReminderSchedules.name);

  constructor(
    @InjectQueue(QUEUES.reminders) private readonly queue: ReminderQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centres: CentreEvents,
  ) {}

  onModuleInit(): void {
    this.centres.onSaved((centre) => this.schedule(centre));
  }

  /** Creates or updates the centre's schedulers (idempotent). */
  async schedule(centre: ScheduledCentre): Promise<void> {
    const ids = schedulerIds(centre.id);
    const patterns = schedulePatterns(centre);
    for (const name of ['scan', 'summary'] as const) {
      await this.queue.upsertJobScheduler(
        ids[name],
        { pattern: patterns[name], tz: centre.timezone },
        { name, data: { centreId: centre.id } },
      );
    }
  }

  async unschedule(centreId: string): Promise<void> {
    for (const id of Object.values(schedulerIds(centreId))) await this.queue.removeJobScheduler(id);
  }

  /**
   * Makes the schedulers match the centres. Schedulers are listed before centres are read: a centre committed
   * and scheduled meanwhile by another process is then seen, never mistaken for a removed one.
   */
  async reconcileAll(): Promise<{ scheduled: number; removed: number }> {
    const existing = await this.queue.getJobSchedulers(0, -1);
    const centres = await this.dataSource
      .getRepository(Centre)
      .find({ select: { id: true, timezone: true, reminderHour: true } });
    const wanted = new Map<string, { centre: ScheduledCentre; pattern: string }>();
    for (const centre of centres) {
      const ids = schedulerIds(centre.id);
      const patterns = schedulePatterns(centre);
      wanted.set(ids.scan, { centre, pattern: patterns.scan });
      wanted.set(ids.summary, { centre, pattern: patterns.summary });
    }
    let removed = 0;
    for (const scheduler of existing) {
      if (!wanted.has(scheduler.key)) {
        await this.queue.removeJobScheduler(scheduler.key);
        removed++;
      }
    }
    const current = new Map(existing.map((s) => [s.key, s]));
    const stale = centres.filter((centre) =>
      Object.values(schedulerIds(centre.id)).some((id) => {
        const scheduler = current.get(id);
        return !scheduler || scheduler.pattern !== wanted.get(id)!.pattern || scheduler.tz !== centre.timezone;
      }),
    );
    for (const centre of stale) await this.schedule(centre);
    if (stale.length > 0 || removed > 0)
      this.logger.log({ scheduled: stale.length, removed }, 'Reminder schedules reconciled');
    return { scheduled: stale.length, removed };
  }

  /** When the centre's next daily scan is due (null when it has no scheduler: a worker will make it when it starts). */
  async nextScanAt(centreId: string): Promise<Date | null> {
    const scheduler = await this.queue.getJobScheduler(schedulerIds(centreId).scan);
    return scheduler?.next ? new Date(scheduler.next) : null;
  }
}
