import { Injectable } from '@nestjs/common';
import { BoardMembersService } from '../../boards/board-members.service.js';
import { BoardsService } from '../../boards/boards.service.js';
import { BoardQueryDto } from '../../boards/dto/board.dto.js';
import { MemberQueryDto, type MemberResponse } from '../../boards/dto/board-member.dto.js';
import { CentresService } from '../../centres/centres.service.js';
import { Clock } from '../../common/clock.js';
import { localDate } from '../../common/dates.js';
import type { RequestContext } from '../../common/request-context.js';
import { ContactsService } from '../../contacts/contacts.service.js';
import { ContactQueryDto, type ContactResponse } from '../../contacts/dto/contact.dto.js';
import type { PartnerResponse, TimelinePage } from '../../partners/dto/partner.dto.js';
import { TimelineQueryDto } from '../../partners/dto/partner.dto.js';
import { PartnersService } from '../../partners/partners.service.js';
import { SidRoleQueryDto, type SidRoleResponse } from '../../sid/dto/sid-role.dto.js';
import { SidRolesService } from '../../sid/sid-roles.service.js';
import { PartnerTimelineQuery } from '../../timeline/partner-timeline.query.js';
import { UserQueryDto } from '../../users/dto/user.dto.js';
import { UsersService } from '../../users/users.service.js';

/** A person of the centre, as owner pickers and "logged by" show them. */
export interface Colleague {
  id: string;
  name: string;
  active: boolean;
}

/** What every partner page needs to know about the centre: its people, its sectors and its today. */
export interface CentreFacts {
  colleagues: Colleague[];
  sectors: string[];
  /** Today in the centre's time zone (from the injected clock). */
  today: string;
}

export interface Seat extends MemberResponse {
  boardName: string;
}

export interface SidYear {
  year: number;
  roles: SidRoleResponse[];
}

export interface PartnerProfile {
  partner: PartnerResponse;
  contacts: ContactResponse[];
  timeline: TimelinePage;
  sidYears: SidYear[];
  seats: Seat[];
  facts: CentreFacts;
}

/** The page size of a partner's timeline (and of each "load more"). */
export const TIMELINE_PAGE = 20;
/** Beyond any real centre's staff or a partner's contacts: pickers and lists show them all on one page. */
const ALL = 100;

const query = <T extends object>(dto: new () => T, values: Partial<T>): T => Object.assign(new dto(), values);

/** The centre's people, sectors and date: one read each, shared by the list, the forms and the partner's page. */
@Injectable()
export class CentreFactsReader {
  constructor(
    private readonly users: UsersService,
    private readonly centres: CentresService,
    private readonly clock: Clock,
  ) {}

  async read(ctx: RequestContext): Promise<CentreFacts> {
    // Names of colleagues are shown to every role (owners, "logged by"), as the partner's page needs them.
    const [users, centre] = await Promise.all([
      this.users.list(ctx, query(UserQueryDto, { page: 1, limit: ALL })),
      this.centres.get(ctx, ctx.centreId),
    ]);
    return {
      colleagues: users.items.map((u) => ({ id: u.id, name: u.name, active: u.active })),
      sectors: centre.sectors,
      today: localDate(this.clock.now(), centre.timezone),
    };
  }
}

/** A partner's part in SID campaigns and on advisory boards. */
@Injectable()
export class PartnerSeatsReader {
  constructor(
    private readonly sidRoles: SidRolesService,
    private readonly boards: BoardsService,
    private readonly members: BoardMembersService,
  ) {}

  /** SID roles from two years back to next year, newest year first; years without a role left out. */
  async sidYears(ctx: RequestContext, partnerId: string, today: string): Promise<SidYear[]> {
    const thisYear = Number(today.slice(0, 4));
    const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];
    const pages = await Promise.all(
      years.map((year) =>
        this.sidRoles.list(ctx, year, query(SidRoleQueryDto, { page: 1, limit: ALL, partnerId, sort: 'role' })),
      ),
    );
    return years.map((year, i) => ({ year, roles: pages[i]!.items })).filter((y) => y.roles.length > 0);
  }

  /** Every seat the partner holds or held, board by board (a centre has a few boards of a few dozen seats). */
  async seats(ctx: RequestContext, partnerId: string): Promise<Seat[]> {
    const boards = await this.boards.list(ctx, query(BoardQueryDto, { page: 1, limit: ALL }));
    const perBoard = await Promise.all(
      boards.items.map(async (board) => {
        const members = await this.members.list(ctx, board.id, query(MemberQueryDto, { page: 1, limit: ALL }));
        return members.items.filter((m) => m.partnerId === partnerId).map((m) => ({ ...m, boardName: board.name }));
      }),
    );
    return perBoard.flat();
  }
}

/** Everything a partner's page shows, read through the same services as the API. */
@Injectable()
export class PartnerProfileReader {
  constructor(
    private readonly partners: PartnersService,
    private readonly contacts: ContactsService,
    private readonly timelines: PartnerTimelineQuery,
    private readonly facts: CentreFactsReader,
    private readonly seats: PartnerSeatsReader,
  ) {}

  /** The partner first: another centre's (or an unknown) id is a not-found before anything else is read. */
  async read(ctx: RequestContext, id: string, before?: string): Promise<PartnerProfile> {
    const partner = await this.partners.get(ctx, id);
    const facts = await this.facts.read(ctx);
    const [contacts, timeline, sidYears, seats] = await Promise.all([
      this.contactsOf(ctx, id),
      this.timeline(ctx, id, before),
      this.seats.sidYears(ctx, id, facts.today),
      this.seats.seats(ctx, id),
    ]);
    return { partner, contacts, timeline, sidYears, seats, facts };
  }

  async contactsOf(ctx: RequestContext, partnerId: string): Promise<ContactResponse[]> {
    const page = await this.contacts.list(
      ctx,
      partnerId,
      query(ContactQueryDto, { page: 1, limit: ALL, sort: 'primary' }),
    );
    return page.items;
  }

  timeline(ctx: RequestContext, partnerId: string, before?: string): Promise<TimelinePage> {
    return this.timelines.page(ctx, partnerId, query(TimelineQueryDto, { before, limit: TIMELINE_PAGE }));
  }
}
