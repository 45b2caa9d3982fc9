import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/dates.js';
import { ConflictError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { FOLDED_SEARCH } from '../partners/partner-stats.js';
import { Partner } from '../partners/partner.entity.js';
import { AdvisoryBoard, BoardMeeting, BoardMembership } from './advisory-board.entity.js';
import { boardCoverage } from './coverage.js';
import {
  BoardResponse,
  type BoardQueryDto,
  type CoverageResponse,
  type CreateBoardDto,
  type UpdateBoardDto,
} from './dto/board.dto.js';

export const BOARD_HAS_MEETINGS = 'a board with recorded meetings cannot be deleted';

/** Advisory boards of a centre, and the sectors their seats cover. Members and meetings: see their services. */
@Injectable()
export class BoardsService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, query: BoardQueryDto): Promise<Page<BoardResponse>> {
    return this.scope.read(ctx, async (tx) => {
      const q = tx.select(AdvisoryBoard, 'b');
      if (query.search) {
        q.andWhere(`strpos(keepwarm_fold(b.name), ${FOLDED_SEARCH}) > 0`, { search: query.search.trim() });
      }
      const sort = query.sort ?? 'name';
      const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
      q.orderBy(sort.endsWith('createdAt') ? 'b.createdAt' : 'b.name', direction).addOrderBy('b.id', direction);
      const [boards, total] = await q.skip(skipOf(query)).take(query.limit).getManyAndCount();
      return pageOf(boards.map(BoardResponse.of), total, query);
    });
  }

  async get(ctx: RequestContext, id: string): Promise<BoardResponse> {
    return BoardResponse.of(await this.scope.read(ctx, (tx) => tx.get(AdvisoryBoard, id)));
  }

  create(ctx: RequestContext, dto: CreateBoardDto): Promise<BoardResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      const board = await tx.insert(AdvisoryBoard, {
        name: dto.name,
        description: dto.description || null,
        meetingCadenceDays: dto.meetingCadenceDays ?? null,
      });
      return BoardResponse.of(board);
    });
  }

  update(ctx: RequestContext, id: string, dto: UpdateBoardDto): Promise<BoardResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      const patch: Partial<Pick<AdvisoryBoard, 'name' | 'description' | 'meetingCadenceDays'>> = {};
      if (dto.name !== undefined) patch.name = dto.name;
      if (dto.description !== undefined) patch.description = dto.description || null;
      if (dto.meetingCadenceDays !== undefined) patch.meetingCadenceDays = dto.meetingCadenceDays;
      return BoardResponse.of(await tx.update(AdvisoryBoard, id, patch));
    });
  }

  /**
   * Deletes a board with its memberships. A board with meetings is refused: deleting the meetings would take
   * the partners' board-meeting engagements with them (engagement.board_meeting_id cascades).
   */
  remove(ctx: RequestContext, id: string): Promise<void> {
    return this.scope.transaction(ctx, async (tx) => {
      await tx.get(AdvisoryBoard, id, { lock: true });
      if ((await tx.count(BoardMeeting, { boardId: id })) > 0) throw new ConflictError(BOARD_HAS_MEETINGS);
      // The memberships go by cascade; each leaves its audit row as if deleted one by one.
      const memberships = await tx.find(BoardMembership, { where: { boardId: id } });
      for (const membership of memberships)
        await tx.audit('delete', 'board_membership', membership.id, membership, null);
      await tx.remove(AdvisoryBoard, id);
    });
  }

  /** Required sectors (centre settings) against the sectors of the seats whose term covers `asOf` (default today). */
  coverage(ctx: RequestContext, id: string, asOf?: string): Promise<CoverageResponse> {
    return this.scope.read(ctx, async (tx) => {
      await tx.get(AdvisoryBoard, id);
      const centre = await tx.centre();
      const seats = await tx
        .select(BoardMembership, 'm')
        .innerJoin(Partner, 'p', 'p.id = m.partnerId AND p.centreId = m.centreId')
        .andWhere('m.boardId = :boardId', { boardId: id })
        .select('p.sector', 'sector')
        .addSelect('CAST(m.termStart AS text)', 'termStart')
        .addSelect('CAST(m.termEnd AS text)', 'termEnd')
        .getRawMany<{ sector: string; termStart: string; termEnd: string | null }>();
      return boardCoverage(centre.requiredBoardSectors, seats, asOf ?? localDate(this.clock.now(), centre.timezone));
    });
  }
}
