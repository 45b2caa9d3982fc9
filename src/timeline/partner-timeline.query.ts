import { Injectable } from '@nestjs/common';
import { AdvisoryBoard, BoardMeeting } from '../boards/advisory-board.entity.js';
import { parseWhen } from '../common/dates.js';
import { InvalidError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { prepared } from '../database/prepared-statements.js';
import { Engagement, EngagementPartner } from '../engagements/engagement.entity.js';
import { SidRole } from '../sid/sid.entity.js';
import type { TimelineItem, TimelinePage, TimelineQueryDto } from '../partners/dto/partner.dto.js';
import { Partner } from '../partners/partner.entity.js';

interface Cursor {
  at: string;
  id: string;
}

/**
 * A partner's history, newest first: engagements (board meetings among them) and SID roles interleaved.
 * Keyset pagination on (time, id): two indexed queries per page, however long the history.
 */
@Injectable()
export class PartnerTimelineQuery {
  constructor(private readonly scope: CentreScope) {}

  page(ctx: RequestContext, partnerId: string, query: TimelineQueryDto): Promise<TimelinePage> {
    const cursor = query.before ? decodeCursor(query.before) : undefined;
    // The first page goes out as a named statement (planned once per connection). A later page does not: the
    // generic plan of the cursor condition sorted the partner's whole history before it (test/integration/
    // query-plans.test.ts), where a plan for the actual cursor reads the index backwards from it.
    const named = (what: string) => (cursor ? '' : prepared(what));
    return this.scope.read(ctx, async (tx) => {
      await tx.get(Partner, partnerId);
      const engagements = tx
        .select(EngagementPartner, 'ep')
        .comment(named('timeline engagements'))
        .innerJoin(Engagement, 'e', 'e.id = ep.engagement_id AND e.centre_id = ep.centre_id')
        .leftJoin(BoardMeeting, 'm', 'm.id = e.board_meeting_id AND m.centre_id = e.centre_id')
        .leftJoin(AdvisoryBoard, 'b', 'b.id = m.board_id AND b.centre_id = m.centre_id')
        .select([
          'e.id AS id',
          'ep.occurred_at AS at',
          'e.type AS type',
          'e.summary AS summary',
          'e.outcome AS outcome',
        ])
        .addSelect([
          'to_char(e.follow_up_at, \'YYYY-MM-DD\') AS "followUpAt"',
          'e.logged_by_id AS "loggedById"',
          'e.sid_year AS "sidYear"',
        ])
        .addSelect(['m.id AS "meetingId"', 'b.id AS "boardId"', 'b.name AS "boardName"'])
        .andWhere('ep.partner_id = :partnerId', { partnerId });
      if (cursor)
        engagements.andWhere('(ep.occurred_at, ep.engagement_id) < (:cursorAt, :cursorId)', {
          cursorAt: cursor.at,
          cursorId: cursor.id,
        });
      const engagementRows = await engagements
        .orderBy('ep.occurred_at', 'DESC')
        .addOrderBy('ep.engagement_id', 'DESC')
        .limit(query.limit + 1)
        .getRawMany<EngagementRow>();

      const roles = tx
        .select(SidRole, 'r')
        .comment(named('timeline SID roles'))
        .select([
          'r.id AS id',
          'r.status_changed_at AS at',
          'r.year AS "sidYear"',
          'r.role AS role',
          'r.status AS status',
        ])
        .andWhere('r.partner_id = :partnerId', { partnerId });
      if (cursor)
        roles.andWhere('(r.status_changed_at, r.id) < (:cursorAt, :cursorId)', {
          cursorAt: cursor.at,
          cursorId: cursor.id,
        });
      const roleRows = await roles
        .orderBy('r.status_changed_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .limit(query.limit + 1)
        .getRawMany<RoleRow>();

      const merged = [...engagementRows.map(fromEngagement), ...roleRows.map(fromRole)].sort(newestFirst);
      const items = merged.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: merged.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
      };
    });
  }
}

interface EngagementRow {
  id: string;
  at: Date;
  type: string;
  summary: string;
  outcome: string | null;
  followUpAt: string | null;
  loggedById: string | null;
  sidYear: number | null;
  meetingId: string | null;
  boardId: string | null;
  boardName: string | null;
}

interface RoleRow {
  id: string;
  at: Date;
  sidYear: number;
  role: string;
  status: string;
}

function fromEngagement(row: EngagementRow): TimelineItem {
  return {
    kind: row.meetingId ? 'board_meeting' : 'engagement',
    id: row.id,
    at: new Date(row.at).toISOString(),
    type: row.type,
    summary: row.summary,
    outcome: row.outcome,
    followUpAt: row.followUpAt,
    loggedById: row.loggedById,
    sidYear: row.sidYear,
    ...(row.meetingId && row.boardId
      ? { board: { id: row.boardId, name: row.boardName ?? '', meetingId: row.meetingId } }
      : {}),
  };
}

function fromRole(row: RoleRow): TimelineItem {
  return {
    kind: 'sid_role',
    id: row.id,
    at: new Date(row.at).toISOString(),
    sidYear: row.sidYear,
    role: row.role,
    status: row.status,
  };
}

/** Newest first; equal times by id descending, the order both queries use. */
function newestFirst(a: TimelineItem, b: TimelineItem): number {
  return a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString()) as Partial<Cursor>;
    if (
      typeof parsed.at === 'string' &&
      parseWhen(parsed.at) &&
      typeof parsed.id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(parsed.id)
    ) {
      return { at: parsed.at, id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw new InvalidError('Invalid cursor', [
    { field: 'before', message: 'before must be the nextCursor of a previous page' },
  ]);
}
