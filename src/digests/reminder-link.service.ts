import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { ACCEPTED_DATES, addDays, isAcceptedDate, localDate } from '../common/dates.js';
import { InvalidError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import type { ReminderKind, ReminderState } from '../reminders/reminder.entity.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { linkContext } from './link-context.js';
import { ReminderLinks, type ReminderLinkAction } from './reminder-links.js';
import { remindersWithSubject } from '../reminders/reminder-subject.query.js';
import type { Locale } from '../ui/i18n/translator.js';

/** Why a link cannot be used, with the HTTP status its page answers. */
export interface LinkRefusal {
  refused: true;
  status: 400 | 403 | 404 | 410;
  reason: 'invalid' | 'expired' | 'inactive' | 'notFound';
  /** The user's language, when the link is genuine and its user known. */
  locale?: Locale;
}

/** What the link's page shows about the reminder. */
export interface LinkedReminder {
  refused: false;
  action: ReminderLinkAction;
  kind: ReminderKind;
  subjectName: string;
  dueDate: string;
  state: ReminderState;
  snoozedUntil: string | null;
  /** The language of the email the link came in: the user's, else the centre's. */
  locale: Locale;
  /** The snooze form's default: a week from today in the centre's calendar. */
  defaultUntil: string;
}

/**
 * The one-click links of a digest. Opening one (GET) only reads, so a mail scanner that follows links changes
 * nothing; the confirming POST does the action as the link's user through RemindersService, the same rules as
 * POST /api/v1/reminders/:id/done|snooze.
 */
@Injectable()
export class ReminderLinkService {
  constructor(
    private readonly scope: CentreScope,
    private readonly links: ReminderLinks,
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  async open(token: string, requestId: string | undefined): Promise<LinkRefusal | LinkedReminder> {
    const linked = await this.resolve(token, requestId);
    if ('refused' in linked) return linked;
    return this.describe(linked);
  }

  /** Marks done, or snoozes until `until` (YYYY-MM-DD, a later day); DomainErrors of RemindersService propagate. */
  async perform(
    token: string,
    requestId: string | undefined,
    until: string | undefined,
  ): Promise<LinkRefusal | LinkedReminder> {
    const linked = await this.resolve(token, requestId);
    if ('refused' in linked) return linked;
    if (linked.action === 'done') {
      await this.reminders.done(linked.ctx, linked.reminderId);
    } else {
      if (!isAcceptedDate(until))
        throw new InvalidError('Choose a day to snooze until', [
          { field: 'until', message: `until must be a date (YYYY-MM-DD), ${ACCEPTED_DATES}` },
        ]);
      await this.reminders.snooze(linked.ctx, linked.reminderId, until);
    }
    return this.describe(linked);
  }

  private async resolve(
    token: string,
    requestId: string | undefined,
  ): Promise<LinkRefusal | { ctx: RequestContext; reminderId: string; action: ReminderLinkAction; locale: Locale }> {
    const reading = this.links.readAction(token);
    if (!reading.ok) {
      return reading.reason === 'expired'
        ? { refused: true, status: 410, reason: 'expired' }
        : { refused: true, status: 400, reason: 'invalid' };
    }
    const linked = await linkContext(this.scope, reading.claims, requestId);
    if (!linked) return { refused: true, status: 403, reason: 'inactive' };
    return {
      ctx: linked.ctx,
      reminderId: reading.claims.reminderId,
      action: reading.claims.action,
      locale: linked.locale,
    };
  }

  private async describe({
    ctx,
    reminderId,
    action,
    locale,
  }: {
    ctx: RequestContext;
    reminderId: string;
    action: ReminderLinkAction;
    locale: Locale;
  }): Promise<LinkRefusal | LinkedReminder> {
    const found = await this.scope.read(ctx, async (tx) => ({
      centre: await tx.centre(),
      reminder: await remindersWithSubject(tx)
        .addSelect([
          `COALESCE(p.name, b.name, '') AS "subjectName"`,
          'r.state AS state',
          `to_char(r.snoozed_until, 'YYYY-MM-DD') AS "snoozedUntil"`,
        ])
        .andWhere('r.id = :reminderId', { reminderId })
        .getRawOne<Pick<LinkedReminder, 'kind' | 'subjectName' | 'dueDate' | 'state' | 'snoozedUntil'>>(),
    }));
    if (!found.reminder) return { refused: true, status: 404, reason: 'notFound', locale };
    const today = localDate(this.clock.now(), found.centre.timezone);
    return { refused: false, action, ...found.reminder, locale, defaultUntil: addDays(today, 7) };
  }
}
