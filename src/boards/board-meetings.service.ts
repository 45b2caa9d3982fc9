import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { isIsoDate, zonedTime } from '../common/dates.js';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { FieldError } from '../common/problem.js';
import type { RequestContext } from '../common/request-context.js';
import { Contact } from '../contacts/contact.entity.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import { Engagement, EngagementContact, EngagementPartner } from '../engagements/engagement.entity.js';
import { recordEngagement } from '../engagements/record-engagement.js';
import { Partner } from '../partners/partner.entity.js';
import { AdvisoryBoard, BoardMeeting } from './advisory-board.entity.js';
import type {
  AttendeeDto,
  AttendeeResponse,
  CreateMeetingDto,
  MeetingQueryDto,
  MeetingResponse,
} from './dto/board-meeting.dto.js';

/** Like engagements, a meeting may be recorded a little ahead (time zones), not planned in the future. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Board meetings. Recording one logs an engagement of type board_meeting for each attending partner, so the
 * meeting shows on their timelines and counts for their cadence; attendance is read back from those engagements.
 */
@Injectable()
export class BoardMeetingsService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, boardId: string, query: MeetingQueryDto): Promise<Page<MeetingResponse>> {
    return this.scope.read(ctx, async (tx) => {
      await tx.get(AdvisoryBoard, boardId);
      const direction = query.sort === 'heldAt' ? 'ASC' : 'DESC';
      const [meetings, total] = await tx
        .select(BoardMeeting, 'bm')
        .andWhere('bm.boardId = :boardId', { boardId })
        .orderBy('bm.heldAt', direction)
        .addOrderBy('bm.id', direction)
        .skip(skipOf(query))
        .take(query.limit)
        .getManyAndCount();
      return pageOf(await this.withAttendance(tx, meetings), total, query);
    });
  }

  record(ctx: RequestContext, boardId: string, dto: CreateMeetingDto): Promise<MeetingResponse> {
    if (!ctx.userId) throw new ForbiddenError('Only a signed-in user can record a board meeting');
    const recordedById = ctx.userId;
    return this.scope.transaction(ctx, async (tx) => {
      await tx.get(AdvisoryBoard, boardId, { lock: true }); // a concurrent delete of the board waits, then finds meetings
      const centre = await tx.centre();
      const heldAt = isIsoDate(dto.heldAt) ? zonedTime(dto.heldAt, 12, centre.timezone) : new Date(dto.heldAt);
      if (heldAt.getTime() > this.clock.now().getTime() + FUTURE_TOLERANCE_MS) {
        throw new InvalidError('One or more fields are invalid', [
          { field: 'heldAt', message: 'heldAt cannot be in the future: record meetings that took place' },
        ]);
      }
      await checkAttendees(tx, dto.attendees);
      const meeting = await tx.insert(BoardMeeting, {
        boardId,
        heldAt,
        title: dto.title,
        notes: dto.notes || null,
        recordedById,
      });
      for (const attendee of dto.attendees) {
        await recordEngagement(tx, this.clock, {
          partnerIds: [attendee.partnerId],
          contactIds: attendee.contactIds ?? [],
          type: 'board_meeting',
          occurredAt: heldAt,
          summary: `Board meeting: ${dto.title}`,
          notes: meeting.notes,
          boardMeetingId: meeting.id,
        });
      }
      const [response] = await this.withAttendance(tx, [meeting]);
      return response!;
    });
  }

  /** The attendees of a page of meetings, from their engagements: one query for the whole page. */
  private async withAttendance(tx: CentreTx, meetings: BoardMeeting[]): Promise<MeetingResponse[]> {
    if (meetings.length === 0) return [];
    const rows = await tx
      .select(Engagement, 'e')
      .innerJoin(EngagementPartner, 'ep', 'ep.engagementId = e.id AND ep.centreId = e.centreId')
      .innerJoin(Partner, 'p', 'p.id = ep.partnerId AND p.centreId = ep.centreId')
      .leftJoin(EngagementContact, 'ec', 'ec.engagementId = e.id AND ec.centreId = e.centreId')
      // Only the engagement's contacts who are this partner's people count as its attendees.
      .leftJoin(Contact, 'c', 'c.id = ec.contactId AND c.centreId = ec.centreId AND c.partnerId = ep.partnerId')
      .andWhere('e.boardMeetingId IN (:...meetingIds)', { meetingIds: meetings.map((m) => m.id) })
      .select('e.boardMeetingId', 'meetingId')
      .addSelect('e.id', 'engagementId')
      .addSelect('ep.partnerId', 'partnerId')
      .addSelect('p.name', 'partnerName')
      .addSelect('c.id', 'contactId')
      .orderBy('p.name', 'ASC')
      .addOrderBy('ep.partnerId', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<{
        meetingId: string;
        engagementId: string;
        partnerId: string;
        partnerName: string;
        contactId: string | null;
      }>();

    const attendance = new Map<string, Map<string, AttendeeResponse>>();
    for (const row of rows) {
      const ofMeeting = attendance.get(row.meetingId) ?? new Map<string, AttendeeResponse>();
      attendance.set(row.meetingId, ofMeeting);
      const key = `${row.engagementId}/${row.partnerId}`;
      const attendee = ofMeeting.get(key) ?? {
        partnerId: row.partnerId,
        partnerName: row.partnerName,
        contactIds: [],
        engagementId: row.engagementId,
      };
      ofMeeting.set(key, attendee);
      if (row.contactId) attendee.contactIds.push(row.contactId);
    }
    return meetings.map((m) => ({
      id: m.id,
      boardId: m.boardId,
      heldAt: m.heldAt.toISOString(),
      title: m.title,
      notes: m.notes,
      recordedById: m.recordedById,
      attendees: [...(attendance.get(m.id)?.values() ?? [])],
    }));
  }
}

/**
 * Attending partners must be this centre's (404) and not archived (409); each attendee's contacts must be
 * that partner's people (400 naming the attendee). Two queries for the whole list; recordEngagement then
 * writes each engagement.
 */
async function checkAttendees(tx: CentreTx, attendees: AttendeeDto[]): Promise<void> {
  const partnerIds = attendees.map((a) => a.partnerId);
  const partners = await tx.find(Partner, { where: { id: In(partnerIds) }, select: { id: true, archivedAt: true } });
  const missing = partnerIds.filter((id) => !partners.some((p) => p.id === id));
  if (missing.length > 0) throw new NotFoundError(`Partner ${missing.join(', ')}`);
  const archived = attendees.flatMap((a, i) => (partners.find((p) => p.id === a.partnerId)?.archivedAt ? [i] : []));
  if (archived.length > 0) {
    throw new ConflictError(
      'An attending partner is archived; restore it before recording its attendance',
      archived.map((i) => ({ field: `attendees[${i}].partnerId`, message: 'is an archived partner' })),
    );
  }

  const contactIds = [...new Set(attendees.flatMap((a) => a.contactIds ?? []))];
  if (contactIds.length === 0) return;
  const contacts = await tx.find(Contact, {
    where: { id: In(contactIds) },
    select: { id: true, partnerId: true, erasedAt: true },
  });
  const unknown = contactIds.filter((id) => !contacts.some((c) => c.id === id));
  if (unknown.length > 0) throw new NotFoundError(`Contact ${unknown.join(', ')}`);
  const errors: FieldError[] = [];
  attendees.forEach((attendee, i) => {
    for (const id of attendee.contactIds ?? []) {
      const contact = contacts.find((c) => c.id === id)!;
      if (contact.partnerId !== attendee.partnerId)
        errors.push({ field: `attendees[${i}].contactIds`, message: `${id} is not a contact of this partner` });
      else if (contact.erasedAt)
        errors.push({ field: `attendees[${i}].contactIds`, message: `${id} is an erased contact` });
    }
  });
  if (errors.length > 0) throw new InvalidError('Attending contacts must be people of their partner', errors);
}
