import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { addDays, localDate } from '../../common/dates.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import type { RequestContext } from '../../common/request-context.js';
import { PartnerQueryDto, type PartnerResponse } from '../../partners/dto/partner.dto.js';
import { PartnersService } from '../../partners/partners.service.js';
import { ReminderStatusService } from '../../reminder-scan/reminder-status.service.js';
import { ReminderQueryDto, type ReminderResponse } from '../../reminders/dto/reminder.dto.js';
import { RemindersService } from '../../reminders/reminders.service.js';
import { dueBy } from '../reminders/reminder-groups.js';

/** My week lists reminders due up to a week ahead (the scan writes them on their day, so mostly today's and older). */
export const REMINDER_DAYS_AHEAD = 7;
/** Partners due for contact within this many days count as "due soon". */
export const DUE_SOON_DAYS = 14;
/** The partner picker lists this many partners at most; typing narrows it. */
export const PICKER_LIMIT = 50;
/** The service's largest page. */
const MAX_LIMIT = 100;

export interface PartnerChoice {
  id: string;
  name: string;
}

/** The partner picker of the log-a-contact form: the partners matching the search, and how many there are. */
export interface PartnerPicker {
  query: string;
  options: PartnerChoice[];
  /** All the partners matching the search (more than `options` when the list is cut). */
  total: number;
  selected?: string;
}

export interface MyWeek {
  today: string;
  reminders: ReminderResponse[];
  dueSoon: PartnerResponse[];
  /** Whether the centre has any current partner at all (a new centre has none). */
  hasPartners: boolean;
  picker: PartnerPicker;
  scan: { overdue: boolean; expectedAt: string };
}

/** What My week shows, read through the same services as the API (reminders, partners, the scan's status). */
@Injectable()
export class MyWeekData {
  constructor(
    private readonly reminders: RemindersService,
    private readonly partners: PartnersService,
    private readonly scanStatus: ReminderStatusService,
    private readonly clock: Clock,
  ) {}

  /** Today in the centre's calendar (the dates of the forms and of "overdue"). */
  today(timezone: string): string {
    return localDate(this.clock.now(), timezone);
  }

  async load(
    ctx: RequestContext,
    timezone: string,
    pick: { query?: string; selected?: string; keepSelected?: boolean } = {},
  ): Promise<MyWeek> {
    const today = this.today(timezone);
    const [reminders, dueSoon, picker, status] = await Promise.all([
      this.myReminders(ctx, today),
      this.partnersDueSoon(ctx, today),
      this.picker(ctx, pick.query ?? '', pick.selected, pick.keepSelected),
      this.scanStatus.status(ctx),
    ]);
    // Without a search, the picker counted the centre's partners already.
    const hasPartners = picker.query === '' ? picker.total > 0 : await this.anyPartner(ctx);
    return {
      today,
      reminders,
      dueSoon,
      hasPartners,
      picker,
      scan: { overdue: status.scanOverdue, expectedAt: status.expectedScanAt },
    };
  }

  /**
   * The partners matching `query` (name, tags, contact names), by name. With `keepSelected`, the chosen partner
   * stays in the list even when it does not match (a form shown again after an error keeps its choice).
   */
  async picker(ctx: RequestContext, query: string, selected?: string, keepSelected = false): Promise<PartnerPicker> {
    const page = await this.partners.list(
      ctx,
      Object.assign(new PartnerQueryDto(), { page: 1, limit: PICKER_LIMIT, sort: 'name', search: query || undefined }),
    );
    const options = page.items.map(choice);
    if (selected && keepSelected && !options.some((o) => o.id === selected)) {
      const chosen = await this.partnerOrNothing(ctx, selected);
      if (chosen) options.unshift(choice(chosen));
    }
    // One match for a search: chosen at once, so typing a name is enough.
    const only = query && options.length === 1 ? options[0]!.id : undefined;
    return { query, options, total: page.total, selected: selected ?? only };
  }

  /** Mine, open and not snoozed, due within the week: pending ones and those a digest already reported. */
  private async myReminders(ctx: RequestContext, today: string): Promise<ReminderResponse[]> {
    const mine = (state: 'pending' | 'sent') =>
      this.reminders.list(
        ctx,
        Object.assign(new ReminderQueryDto(), { page: 1, limit: MAX_LIMIT, state, recipientId: ctx.userId }),
      );
    const [pending, sent] = await Promise.all([mine('pending'), mine('sent')]);
    return dueBy([...pending.items, ...sent.items], addDays(today, REMINDER_DAYS_AHEAD));
  }

  /** The partners I own whose next contact is overdue or due within DUE_SOON_DAYS, soonest first. */
  private async partnersDueSoon(ctx: RequestContext, today: string): Promise<PartnerResponse[]> {
    const page = await this.partners.list(
      ctx,
      Object.assign(new PartnerQueryDto(), {
        page: 1,
        limit: MAX_LIMIT,
        ownerId: ctx.userId,
        sort: 'nextContactDue',
      }),
    );
    const until = addDays(today, DUE_SOON_DAYS);
    return page.items.filter((partner) => partner.nextContactDue <= until);
  }

  private async anyPartner(ctx: RequestContext): Promise<boolean> {
    const page = await this.partners.list(ctx, Object.assign(new PartnerQueryDto(), { page: 1, limit: 1 }));
    return page.total > 0;
  }

  private async partnerOrNothing(ctx: RequestContext, id: string): Promise<PartnerResponse | undefined> {
    try {
      return await this.partners.get(ctx, id);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return undefined;
      throw error;
    }
  }
}

function choice(partner: PartnerResponse): PartnerChoice {
  return { id: partner.id, name: partner.name };
}
