import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/dates.js';
import type { BoardRole } from '../common/domain-values.js';
import { ConflictError, InvalidError, NotFoundError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Contact } from '../contacts/contact.entity.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import { Partner } from '../partners/partner.entity.js';
import { AdvisoryBoard, BoardMembership } from './advisory-board.entity.js';
import { termCovers } from './coverage.js';
import type { CreateMemberDto, MemberQueryDto, MemberResponse, UpdateMemberDto } from './dto/board-member.dto.js';

/** The order of `sort=role`: the chair first, then members, then observers. */
const ROLE_RANK = `CASE m.role WHEN 'chair' THEN 0 WHEN 'member' THEN 1 ELSE 2 END`;

interface Seat {
  id?: string;
  partnerId: string;
  role: BoardRole;
  termStart: string;
  termEnd: string | null;
}

/** Seats on a board: a partner, optionally the person who sits for it, a role and a term. */
@Injectable()
export class BoardMembersService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  /** Current and past members (or only those whose term covers `asOf`), with partner name and sector joined in. */
  list(ctx: RequestContext, boardId: string, query: MemberQueryDto): Promise<Page<MemberResponse>> {
    return this.scope.read(ctx, async (tx) => {
      await tx.get(AdvisoryBoard, boardId);
      const today = await this.today(tx);
      const q = this.membersOf(tx, boardId);
      if (query.asOf)
        q.andWhere('m.termStart <= :asOf AND (m.termEnd IS NULL OR m.termEnd >= :asOf)', { asOf: query.asOf });
      const total = await q.getCount();
      const sort = query.sort ?? 'role';
      if (sort === 'role') q.orderBy(ROLE_RANK, 'ASC').addOrderBy('p.name', 'ASC');
      else if (sort === 'partnerName') q.orderBy('p.name', 'ASC');
      else q.orderBy('m.termStart', sort === '-termStart' ? 'DESC' : 'ASC');
      const rows = await q.addOrderBy('m.id', 'ASC').offset(skipOf(query)).limit(query.limit).getRawMany<MemberRow>();
      return pageOf(
        rows.map((row) => responseOf(row, today)),
        total,
        query,
      );
    });
  }

  create(ctx: RequestContext, boardId: string, dto: CreateMemberDto): Promise<MemberResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      await tx.get(AdvisoryBoard, boardId, { lock: true }); // one seat change per board at a time: the overlap checks hold
      const partner = await tx.get(Partner, dto.partnerId);
      if (partner.archivedAt) {
        throw new ConflictError('This partner is archived; restore it before giving it a seat', [
          { field: 'partnerId', message: 'is an archived partner' },
        ]);
      }
      const seat: Seat = {
        partnerId: dto.partnerId,
        role: dto.role,
        termStart: dto.termStart,
        termEnd: dto.termEnd ?? null,
      };
      checkTerm(seat);
      if (dto.contactId) await checkContact(tx, dto.contactId, dto.partnerId);
      await checkOverlaps(tx, boardId, seat);
      const membership = await tx.insert(BoardMembership, { boardId, ...seat, contactId: dto.contactId ?? null });
      return this.response(tx, membership.id);
    });
  }

  update(ctx: RequestContext, boardId: string, memberId: string, dto: UpdateMemberDto): Promise<MemberResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      await tx.get(AdvisoryBoard, boardId, { lock: true });
      const current = await membershipOf(tx, boardId, memberId);
      const seat: Seat = {
        id: current.id,
        partnerId: current.partnerId,
        role: dto.role ?? current.role,
        termStart: dto.termStart ?? current.termStart,
        termEnd: dto.termEnd === undefined ? current.termEnd : dto.termEnd,
      };
      checkTerm(seat);
      if (dto.contactId) await checkContact(tx, dto.contactId, current.partnerId);
      await checkOverlaps(tx, boardId, seat);
      const { id: _id, partnerId: _partner, ...changes } = seat;
      await tx.update(BoardMembership, current, {
        ...changes,
        ...(dto.contactId !== undefined ? { contactId: dto.contactId } : {}),
      });
      return this.response(tx, memberId);
    });
  }

  remove(ctx: RequestContext, boardId: string, memberId: string): Promise<void> {
    return this.scope.transaction(ctx, async (tx) => {
      await tx.get(AdvisoryBoard, boardId, { lock: true });
      await tx.remove(BoardMembership, await membershipOf(tx, boardId, memberId));
    });
  }

  private async response(tx: CentreTx, memberId: string): Promise<MemberResponse> {
    const row = await this.membersOf(tx, undefined).andWhere('m.id = :memberId', { memberId }).getRawOne<MemberRow>();
    if (!row) throw new NotFoundError('Board member');
    return responseOf(row, await this.today(tx));
  }

  /** Memberships with their partner's name and sector: one query whatever the page size. */
  private membersOf(tx: CentreTx, boardId: string | undefined) {
    const q = tx
      .select(BoardMembership, 'm')
      .innerJoin(Partner, 'p', 'p.id = m.partnerId AND p.centreId = m.centreId')
      .select('m.id', 'id')
      .addSelect('m.boardId', 'boardId')
      .addSelect('m.partnerId', 'partnerId')
      .addSelect('p.name', 'partnerName')
      .addSelect('p.sector', 'sector')
      .addSelect('m.contactId', 'contactId')
      .addSelect('m.role', 'role')
      // Dates as text: the driver would turn a DATE into a local-midnight Date.
      .addSelect('CAST(m.termStart AS text)', 'termStart')
      .addSelect('CAST(m.termEnd AS text)', 'termEnd');
    if (boardId) q.andWhere('m.boardId = :boardId', { boardId });
    return q;
  }

  private async today(tx: CentreTx): Promise<string> {
    return localDate(this.clock.now(), (await tx.centre()).timezone);
  }
}

type MemberRow = Omit<MemberResponse, 'current'>;

function responseOf(row: MemberRow, today: string): MemberResponse {
  return { ...row, current: termCovers(row, today) };
}

/** The membership `memberId` of this board: another board's member is not found here. */
async function membershipOf(tx: CentreTx, boardId: string, memberId: string): Promise<BoardMembership> {
  const membership = await tx.get(BoardMembership, memberId, { lock: true });
  if (membership.boardId !== boardId) throw new NotFoundError('Board member');
  return membership;
}

function checkTerm(seat: Seat): void {
  if (seat.termEnd !== null && seat.termEnd < seat.termStart) {
    throw new InvalidError('The term ends before it starts', [
      { field: 'termEnd', message: 'termEnd must not be before termStart' },
    ]);
  }
}

/** The person sitting for a partner must be one of its people, and not erased. */
async function checkContact(tx: CentreTx, contactId: string, partnerId: string): Promise<void> {
  const contact = await tx.get(Contact, contactId);
  if (contact.partnerId !== partnerId)
    throw new InvalidError("The contact must be one of the partner's people", [
      { field: 'contactId', message: 'is not a contact of this partner' },
    ]);
  if (contact.erasedAt)
    throw new InvalidError('This contact has been erased', [{ field: 'contactId', message: 'is an erased contact' }]);
}

/** One seat per partner at a time, and one chair at a time (terms are inclusive date ranges; no end = open). */
async function checkOverlaps(tx: CentreTx, boardId: string, seat: Seat): Promise<void> {
  const q = tx
    .select(BoardMembership, 'm')
    .andWhere('m.boardId = :boardId', { boardId })
    .andWhere(
      `daterange(m.termStart, m.termEnd, '[]') && daterange(CAST(:termStart AS date), CAST(:termEnd AS date), '[]')`,
      {
        termStart: seat.termStart,
        termEnd: seat.termEnd,
      },
    )
    .andWhere(seat.role === 'chair' ? `(m.partnerId = :partnerId OR m.role = 'chair')` : 'm.partnerId = :partnerId', {
      partnerId: seat.partnerId,
    });
  if (seat.id) q.andWhere('m.id <> :self', { self: seat.id });
  const clashes = await q.getMany();
  if (clashes.some((m) => m.partnerId === seat.partnerId)) {
    throw new ConflictError('This partner already has a seat on this board for an overlapping term', [
      { field: 'termStart', message: "overlaps the term of this partner's other seat on the board" },
    ]);
  }
  if (clashes.length > 0) {
    throw new ConflictError("Another chair's term overlaps this one: a board has one chair at a time", [
      { field: 'role', message: 'another chair sits during this term' },
    ]);
  }
}
