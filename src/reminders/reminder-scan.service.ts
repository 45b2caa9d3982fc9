import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/dates.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { cadenceOverdue, dedupeKeyOf, followUpsDue, type DueReminder } from './reminder-rules.sql.js';
import { Reminder } from './reminder.entity.js';

export interface ScanResult {
  asOf: string;
  dryRun: boolean;
  /** Everything due as of that day (what a dry run would write). */
  due: DueReminder[];
  /** New reminder rows (0 on a dry run, and on a rerun of the same day). */
  created: number;
  /** Open reminders closed because their reason went away (the partner was contacted or archived). */
  resolved: number;
  /** Snoozed reminders whose date came, open again. */
  reopened: number;
}

/**
 * The scan of one centre for one day: set-based SQL per reminder kind, rows written with a unique dedupe key
 * (kind, partner, due date), so running the same day twice creates nothing new. Any date can be scanned.
 */
@Injectable()
export class ReminderScan {
  private readonly logger = new Logger(ReminderScan.name);

  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  run(ctx: RequestContext, options: { asOf?: string; dryRun?: boolean } = {}): Promise<ScanResult> {
    return this.scope.transaction(ctx, async (tx) => {
      const centre = await tx.centre();
      const today = localDate(this.clock.now(), centre.timezone);
      const asOf = options.asOf ?? today;
      const due = [...(await cadenceOverdue(tx, centre, asOf, asOf === today)), ...(await followUpsDue(tx, asOf))].filter((r) => r.recipientId);
      if (options.dryRun) return { asOf, dryRun: true, due, created: 0, resolved: 0, reopened: 0 };

      const created = await tx.insertDerived(
        Reminder,
        due.map((r) => ({ kind: r.kind, partnerId: r.partnerId, engagementId: r.engagementId, recipientId: r.recipientId, dueDate: r.dueDate, state: 'pending' as const, dedupeKey: dedupeKeyOf(r) })),
      );
      const stillDue = due.map(dedupeKeyOf);
      // A cadence or follow-up reminder no longer due (contact made, partner archived) closes itself.
      const resolved = await tx
        .updateDerived(Reminder)
        .set({ state: 'done', doneAt: this.clock.now() })
        .andWhere(`state IN ('pending', 'sent', 'snoozed')`)
        .andWhere('due_date <= (:asOf)::date', { asOf })
        .andWhere('NOT (dedupe_key = ANY(:stillDue))', { stillDue })
        .execute();
      const reopened = await tx
        .updateDerived(Reminder)
        .set({ state: 'pending', snoozedUntil: null })
        .andWhere(`state = 'snoozed' AND snoozed_until <= (:asOf)::date`, { asOf })
        .execute();
      const result = { asOf, dryRun: false, due, created, resolved: resolved.affected ?? 0, reopened: reopened.affected ?? 0 };
      this.logger.log({ centreId: centre.id, asOf, due: due.length, created, resolved: result.resolved, reopened: result.reopened }, 'Reminder scan');
      return result;
    });
  }
}
