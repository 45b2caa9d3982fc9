import { AdvisoryBoard, BoardMembership } from '../boards/advisory-board.entity.js';
import { boardCoverage, type BoardCoverage } from '../boards/coverage.js';
import type { CentreTx } from '../database/centre-scope.js';
import { Partner } from '../partners/partner.entity.js';

export interface BoardCoverageRow extends Omit<BoardCoverage, 'asOf'> {
  id: string;
  name: string;
}

/**
 * Board sector coverage (DESIGN.md "Metrics") of every board of the centre as of a date, by board name: the
 * same rule as GET /advisory-boards/:id/coverage (boards/coverage.ts) over one query for all seats.
 */
export async function boardsCoverage(
  tx: CentreTx,
  requiredSectors: readonly string[],
  asOf: string,
): Promise<BoardCoverageRow[]> {
  const boards = await tx
    .select(AdvisoryBoard, 'b')
    .select(['b.id AS id', 'b.name AS name'])
    .orderBy('b.name')
    .addOrderBy('b.id')
    .getRawMany<{ id: string; name: string }>();
  const seats = await tx
    .select(BoardMembership, 'm')
    .innerJoin(Partner, 'p', 'p.id = m.partnerId AND p.centreId = m.centreId')
    .select('m.boardId', 'boardId')
    .addSelect('p.sector', 'sector')
    .addSelect('CAST(m.termStart AS text)', 'termStart')
    .addSelect('CAST(m.termEnd AS text)', 'termEnd')
    .andWhere('m.termStart <= :asOf', { asOf })
    .getRawMany<{ boardId: string; sector: string; termStart: string; termEnd: string | null }>();
  return boards.map((board) => {
    const {
      requiredSectors: required,
      coveredSectors,
      missingSectors,
    } = boardCoverage(
      requiredSectors,
      seats.filter((seat) => seat.boardId === board.id),
      asOf,
    );
    return { id: board.id, name: board.name, requiredSectors: required, coveredSectors, missingSectors };
  });
}
