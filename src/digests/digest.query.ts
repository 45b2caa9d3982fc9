import { isMonday } from '../common/dates.js';
import { Contact } from '../contacts/contact.entity.js';
import type { CentreTx } from '../database/centre-scope.js';
import { Reminder, type ReminderKind } from '../reminders/reminder.entity.js';
import { User } from '../auth/user.entity.js';
import { remindersWithSubject } from '../reminders/reminder-subject.query.js';

/** A reminder a digest reports, with what the email says about it and whom it goes to. */
export interface ReportableReminder {
  id: string;
  kind: ReminderKind;
  partnerId: string | null;
  partnerName: string | null;
  boardId: string | null;
  boardName: string | null;
  contactName: string | null;
  dueDate: string;
  recipientId: string;
  recipientEmail: string;
  recipientName: string;
  /** The recipient's own language, if they chose one. */
  recipientLocale: string | null;
}

/**
 * Who may get reminder email at all: active users whose address is not a contact flagged do-not-contact in
 * the centre (a colleague who is also someone's contact and asked for no mail gets none), nor an erased contact's
 * (whose address is kept only as a hash, see ContactPrivacyService.erase). SQL over user `u`.
 */
export function mailableSql(u: string): string {
  return `${u}.active AND NOT EXISTS (SELECT 1 FROM contact dnc WHERE dnc.centre_id = ${u}.centre_id AND dnc.do_not_contact
    AND (lower(dnc.email) = lower(${u}.email) OR dnc.erased_email_hash = encode(sha256(convert_to(lower(trim(${u}.email)), 'UTF8')), 'hex')))`;
}

/**
 * Every pending reminder due by `asOf` whose recipient wants a digest that day (daily, or weekly on Mondays)
 * and may get mail, in one statement for the whole centre.
 */
export function reportableReminders(tx: CentreTx, asOf: string): Promise<ReportableReminder[]> {
  return remindersWithSubject(tx)
    .innerJoin(User, 'u', 'u.id = r.recipient_id AND u.centre_id = r.centre_id')
    .leftJoin(Contact, 'c', 'c.id = r.contact_id AND c.centre_id = r.centre_id')
    .addSelect('c.name AS "contactName"')
    .addSelect([
      'r.recipient_id AS "recipientId"',
      'u.email AS "recipientEmail"',
      'u.name AS "recipientName"',
      'u.locale AS "recipientLocale"',
    ])
    .andWhere(`r.state = 'pending' AND r.due_date <= (:asOf)::date`, { asOf })
    .andWhere(mailableSql('u'))
    .andWhere(isMonday(asOf) ? `u.digest IN ('daily', 'weekly')` : `u.digest = 'daily'`)
    .getRawMany<ReportableReminder>();
}

/** Per recipient, the reminders an earlier digest reported that are still open ("N more open reminders"). */
export async function openReportedCounts(tx: CentreTx): Promise<Map<string, number>> {
  const rows = await tx
    .select(Reminder, 'r')
    .select(['r.recipient_id AS "recipientId"', 'count(*)::int AS count'])
    .andWhere(`r.state = 'sent'`)
    .groupBy('r.recipient_id')
    .getRawMany<{ recipientId: string; count: number }>();
  return new Map(rows.map((row) => [row.recipientId, row.count]));
}
