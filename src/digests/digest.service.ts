import { Injectable, Logger } from '@nestjs/common';
import type { Centre } from '../database/centre.entity.js';
import { Clock } from '../common/clock.js';
import { addDays, localDate } from '../common/dates.js';
import type { CentreTx } from '../database/centre-scope.js';
import { MailService, type NewMail } from '../mail/mail.service.js';
import { Reminder } from '../reminders/reminder.entity.js';
import { renderDailyDigest, renderWeeklySummary, type DigestItem, type RenderedMail } from './digest-render.js';
import { openReportedCounts, reportableReminders, type ReportableReminder } from './digest.query.js';
import { ReminderLinks } from './reminder-links.js';
import { chooseLocale } from '../ui/i18n/translator.js';
import { escalations, summaryRecipients, weeklyNumbers } from './summary.query.js';

type DigestMail = NewMail;

/**
 * The reminder emails of a scan, staged in the scan's transaction so that the outbox rows and the reminders
 * they report commit together: one digest per recipient per day, a weekly summary for managers. A fixed number
 * of statements per centre, however many recipients; every email staged in one bulk insert. Each email speaks
 * its recipient's language: their own if they chose one, else the centre's, else English.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly links: ReminderLinks,
    private readonly clock: Clock,
    private readonly mail: MailService,
  ) {}

  /** Stages one digest per recipient with reminders to report; marks those reminders 'sent'. Returns emails staged. */
  async stageDailyDigests(tx: CentreTx, centre: Centre, asOf: string): Promise<number> {
    const due = await reportableReminders(tx, asOf);
    if (due.length === 0) return 0;
    const reported = await openReportedCounts(tx);
    const byRecipient = groupBy(due, (r) => r.recipientId);
    const mails = [...byRecipient.values()].map((reminders) => {
      const first = reminders[0]!;
      const rendered = renderDailyDigest({
        centreName: centre.name,
        locale: chooseLocale({ user: first.recipientLocale, centre: centre.locale }),
        recipientName: first.recipientName,
        asOf,
        items: reminders.map((r) => this.itemOf(r, centre.id)),
        moreOpen: reported.get(first.recipientId) ?? 0,
        remindersUrl: this.links.remindersUrl(),
        preferencesUrl: this.links.preferencesUrl({ userId: first.recipientId, centreId: centre.id }),
      });
      return this.mailOf(
        first.recipientEmail,
        rendered,
        first.recipientId,
        centre.id,
        `digest:${first.recipientId}:${asOf}`,
      );
    });
    const staged = await this.stageNew(tx, mails);
    // A recipient whose digest for the day already went out keeps today's later reminders pending for tomorrow's.
    const reportedIds = due.filter((r) => staged.has(`digest:${r.recipientId}:${asOf}`)).map((r) => r.id);
    if (reportedIds.length > 0) {
      await tx
        .updateDerived(Reminder)
        .set({ state: 'sent' })
        .andWhere(`state = 'pending'`)
        .andWhere('id = ANY(:reportedIds)', { reportedIds })
        .execute();
    }
    this.logger.log(
      { centreId: centre.id, asOf, emails: staged.size, reminders: reportedIds.length },
      'Daily digests staged',
    );
    return staged.size;
  }

  /** Weekly manager summary: escalations and the numbers of the 7 days ending `asOf`. Returns emails staged. */
  async stageWeeklySummaries(tx: CentreTx, centre: Centre, asOf: string): Promise<number> {
    const recipients = await summaryRecipients(tx);
    if (recipients.length === 0) return 0;
    const current = asOf === localDate(this.clock.now(), centre.timezone);
    const found = await escalations(tx, centre, asOf, current);
    const numbers = await weeklyNumbers(tx, centre, asOf, current);
    const listed = found.rows.map((row) => ({
      partnerName: row.name,
      partnerUrl: this.links.partnerUrl(row.id),
      lastContact: row.contacted ? row.since : null,
      daysSince: row.daysSince,
      cadenceDays: row.cadenceDays,
    }));
    const mails = recipients.map((user) => {
      const rendered = renderWeeklySummary({
        centreName: centre.name,
        locale: chooseLocale({ user: user.locale, centre: centre.locale }),
        recipientName: user.name,
        weekStart: addDays(asOf, -6),
        asOf,
        escalations: listed,
        moreEscalations: found.total - listed.length,
        numbers,
        remindersUrl: this.links.remindersUrl(),
        preferencesUrl: this.links.preferencesUrl({ userId: user.id, centreId: centre.id }),
      });
      return this.mailOf(user.email, rendered, user.id, centre.id, `summary:${user.id}:${asOf}`);
    });
    const staged = await this.stageNew(tx, mails);
    this.logger.log(
      { centreId: centre.id, asOf, emails: staged.size, escalations: found.total },
      'Weekly summaries staged',
    );
    return staged.size;
  }

  private itemOf(reminder: ReportableReminder, centreId: string): DigestItem {
    const link = (action: 'done' | 'snooze') =>
      this.links.actionUrl({ reminderId: reminder.id, action, userId: reminder.recipientId, centreId });
    const aboutPartner = reminder.partnerId !== null;
    return {
      kind: reminder.kind,
      subjectName: (aboutPartner ? reminder.partnerName : reminder.boardName) ?? '',
      subjectUrl: aboutPartner
        ? this.links.partnerUrl(reminder.partnerId!)
        : this.links.boardUrl(reminder.boardId ?? ''),
      aboutPartner,
      detail: reminder.contactName ?? (aboutPartner ? reminder.boardName : null),
      dueDate: reminder.dueDate,
      doneUrl: link('done'),
      snoozeUrl: link('snooze'),
    };
  }

  /** An email with the RFC 8058 one-click unsubscribe headers every reminder email carries. */
  private mailOf(to: string, rendered: RenderedMail, userId: string, centreId: string, dedupeKey: string): DigestMail {
    return {
      to,
      ...rendered,
      headers: {
        'List-Unsubscribe': `<${this.links.preferencesUrl({ userId, centreId })}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      dedupeKey,
    };
  }

  /** Stages the emails in one bulk insert; returns the dedupe keys of those that are new (not already staged). */
  private async stageNew(tx: CentreTx, mails: DigestMail[]): Promise<Set<string>> {
    return new Set((await this.mail.sendMany(tx, mails)).map((row) => row.dedupeKey!));
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
