import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import type { ReminderStatusResponse } from './dto/reminder-status.dto.js';
import { ReminderScanRun } from '../reminders/reminder.entity.js';
import { ReminderSchedules } from './reminder-schedules.service.js';
import { scanExpectation } from './scan-overdue.js';

/**
 * Whether reminders still flow for the centre: its last scans, when the next is due and whether one is overdue.
 * Every member may read it, so the UI can show everyone a banner when a scan is late.
 */
@Injectable()
export class ReminderStatusService {
  constructor(
    private readonly scope: CentreScope,
    private readonly schedules: ReminderSchedules,
    private readonly clock: Clock,
  ) {}

  async status(ctx: RequestContext): Promise<ReminderStatusResponse> {
    const { centre, lastScan, lastScheduled } = await this.scope.read(ctx, async (tx) => ({
      centre: await tx.centre(),
      lastScan: (await tx.find(ReminderScanRun, { order: { finishedAt: 'DESC' }, take: 1 }))[0] ?? null,
      lastScheduled:
        (
          await tx.find(ReminderScanRun, { where: { trigger: 'schedule' }, order: { finishedAt: 'DESC' }, take: 1 })
        )[0] ?? null,
    }));
    const now = this.clock.now();
    const expectation = scanExpectation({
      now,
      timezone: centre.timezone,
      reminderHour: centre.reminderHour,
      centreCreatedAt: centre.createdAt,
      lastScanFinishedAt: lastScheduled?.finishedAt ?? null,
    });
    const nextScanAt = await this.schedules.nextScanAt(centre.id);
    return {
      timezone: centre.timezone,
      reminderHour: centre.reminderHour,
      lastScan: lastScan && summary(lastScan),
      lastScheduledScan: lastScheduled && summary(lastScheduled),
      expectedScanAt: expectation.expectedAt.toISOString(),
      scanOverdue: expectation.overdue,
      nextScanAt: nextScanAt?.toISOString() ?? null,
    };
  }
}

function summary(run: ReminderScanRun) {
  return {
    asOf: run.asOf,
    trigger: run.trigger,
    finishedAt: run.finishedAt.toISOString(),
    due: run.due,
    created: run.created,
    emails: run.emails,
  };
}
