import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope, isUuid, type CentreTx } from '../database/centre-scope.js';
import type { ReminderQueryDto, ReminderResponse } from './dto/reminder.dto.js';
import { Reminder } from './reminder.entity.js';
import { remindersWithSubject } from './reminder-subject.query.js';

/** Reminders: coordinators list their own, managers and admins everyone's; any member may mark one done or snooze it. */
@Injectable()
export class RemindersService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, query: ReminderQueryDto): Promise<Page<ReminderResponse>> {
    return this.scope.read(ctx, async (tx) => {
      const q = this.select(tx);
      // Coordinators list their own; anyone in the centre may still mark a colleague's reminder done or snooze it.
      if (ctx.actor?.role === 'coordinator') q.andWhere('r.recipient_id = :me', { me: ctx.userId });
      if (query.recipientId) q.andWhere('r.recipient_id = :recipientId', { recipientId: query.recipientId });
      q.andWhere(query.state ? 'r.state = :state' : `r.state IN ('pending', 'sent', 'snoozed')`, {
        state: query.state,
      });
      if (query.kind) q.andWhere('r.kind = :kind', { kind: query.kind });
      const total = await q.getCount();
      const rows = await q
        .orderBy('r.due_date', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .offset(skipOf(query))
        .limit(query.limit)
        .getRawMany<ReminderRow>();
      return pageOf(rows.map(toResponse), total, query);
    });
  }

  done(ctx: RequestContext, id: string): Promise<ReminderResponse> {
    return this.change(ctx, id, async (tx, reminder) => {
      if (reminder.state === 'cancelled') throw new ConflictError('This reminder was cancelled');
      if (reminder.state !== 'done')
        await tx.update(Reminder, reminder, { state: 'done', doneAt: this.clock.now(), snoozedUntil: null });
    });
  }

  snooze(ctx: RequestContext, id: string, until: string): Promise<ReminderResponse> {
    return this.change(ctx, id, async (tx, reminder) => {
      if (reminder.state === 'done' || reminder.state === 'cancelled')
        throw new ConflictError(`This reminder is ${reminder.state}; there is nothing to snooze`);
      const centre = await tx.centre();
      if (until <= localDate(this.clock.now(), centre.timezone))
        throw new InvalidError('until must be a later day', [{ field: 'until', message: 'until must be after today' }]);
      await tx.update(Reminder, reminder, { state: 'snoozed', snoozedUntil: until });
    });
  }

  private async change(
    ctx: RequestContext,
    id: string,
    work: (tx: CentreTx, reminder: Reminder) => Promise<void>,
  ): Promise<ReminderResponse> {
    if (!isUuid(id)) throw new NotFoundError('Reminder');
    return this.scope.transaction(ctx, async (tx) => {
      const reminder = await tx.get(Reminder, id, { lock: true });
      await work(tx, reminder);
      const row = await this.select(tx).andWhere('r.id = :id', { id }).getRawOne<ReminderRow>();
      return toResponse(row!);
    });
  }

  private select(tx: CentreTx) {
    const q = remindersWithSubject(tx)
      .addSelect(['r.contact_id AS "contactId"', 'r.engagement_id AS "engagementId"'])
      .addSelect(['r.recipient_id AS "recipientId"', 'r.state AS state'])
      .addSelect([
        `to_char(r.snoozed_until, 'YYYY-MM-DD') AS "snoozedUntil"`,
        'r.done_at AS "doneAt"',
        'r.created_at AS "createdAt"',
      ]);
    return q;
  }
}

interface ReminderRow extends Omit<ReminderResponse, 'doneAt' | 'createdAt'> {
  doneAt: Date | null;
  createdAt: Date;
}

function toResponse(row: ReminderRow): ReminderResponse {
  return {
    ...row,
    doneAt: row.doneAt ? new Date(row.doneAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
