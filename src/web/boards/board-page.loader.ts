import { Injectable } from '@nestjs/common';
import { BoardMeetingsService } from '../../boards/board-meetings.service.js';
import { BoardMembersService } from '../../boards/board-members.service.js';
import { BoardsService } from '../../boards/boards.service.js';
import { MeetingQueryDto } from '../../boards/dto/board-meeting.dto.js';
import { MemberQueryDto, type MemberResponse } from '../../boards/dto/board-member.dto.js';
import type { RequestContext } from '../../common/request-context.js';
import { ContactsService } from '../../contacts/contacts.service.js';
import { ContactQueryDto, type ContactResponse } from '../../contacts/dto/contact.dto.js';
import { PartnersService } from '../../partners/partners.service.js';
import { partnerChoices } from '../engagements/directory.js';
import type { BoardPageProps } from './board-page.js';

/** Meetings shown per page of the board page. */
export const MEETINGS_PER_PAGE = 10;
const PAGE = 100;
/** Boards have a handful of seats; past terms add up over the years, never to this many. */
const MAX_MEMBER_PAGES = 5;

export type BoardPageData = Omit<BoardPageProps, 'view' | 'memberForm' | 'meetingForm'>;

/**
 * Everything a board's page shows, read through the same services as the API: the board, its seats (current and
 * past), the coverage of today, a page of meetings, the partners to choose from and the people of current members.
 * The pages that show it again with a form's errors read it here too.
 */
@Injectable()
export class BoardPageLoader {
  constructor(
    private readonly boards: BoardsService,
    private readonly members: BoardMembersService,
    private readonly meetings: BoardMeetingsService,
    private readonly partners: PartnersService,
    private readonly contacts: ContactsService,
  ) {}

  async load(ctx: RequestContext, boardId: string, meetingsPage = 1): Promise<BoardPageData> {
    const board = await this.boards.get(ctx, boardId); // 404 first: another centre's board is not found
    const [members, coverage, meetings, partners] = await Promise.all([
      this.allMembers(ctx, boardId),
      this.boards.coverage(ctx, boardId),
      this.meetings.list(
        ctx,
        boardId,
        Object.assign(new MeetingQueryDto(), { page: meetingsPage, limit: MEETINGS_PER_PAGE }),
      ),
      partnerChoices(this.partners, ctx),
    ]);
    const people = await this.peopleOf(ctx, members);
    return { board, today: coverage.asOf, members, coverage, meetings, people, partners };
  }

  private async allMembers(ctx: RequestContext, boardId: string): Promise<MemberResponse[]> {
    const members: MemberResponse[] = [];
    for (let page = 1; page <= MAX_MEMBER_PAGES; page += 1) {
      const query = Object.assign(new MemberQueryDto(), { page, limit: PAGE, sort: 'role' });
      const found = await this.members.list(ctx, boardId, query);
      members.push(...found.items);
      if (page * PAGE >= found.total) break;
    }
    return members;
  }

  /** The people of each current member (who may attend a meeting for it), one partner at a time. */
  private async peopleOf(ctx: RequestContext, members: MemberResponse[]): Promise<Map<string, ContactResponse[]>> {
    const people = new Map<string, ContactResponse[]>();
    for (const member of members) {
      if (!member.current || people.has(member.partnerId)) continue;
      const query = Object.assign(new ContactQueryDto(), { page: 1, limit: PAGE });
      people.set(member.partnerId, (await this.contacts.list(ctx, member.partnerId, query)).items);
    }
    return people;
  }
}
