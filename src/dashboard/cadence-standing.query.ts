import type { Centre } from '../database/centre.entity.js';
import type { CentreTx } from '../database/centre-scope.js';
import { derivedPartnerSql } from '../partners/partner-derived.sql.js';
import type { DashboardFrame } from './dashboard-frame.js';
import { countedPartners, frameParams, type Narrowing } from './dashboard.sql.js';

/** How the centre keeps its cadence: the partners an owner has and those of them not overdue. */
export interface StandingRow {
  /** Null in the row of all the centre's partners, owned or not. */
  ownerId: string | null;
  ownerName: string | null;
  partners: number;
  notOverdue: number;
}

export interface CadenceStanding {
  /** Every counted partner, with or without an owner. */
  all: StandingRow;
  /** One row per user owning at least one counted partner, by name. */
  owners: StandingRow[];
}

/** The centre and whether asOf is its today (then each partner's maintained last engagement is read). */
export interface CadenceContext {
  centre: Pick<Centre, 'timezone' | 'cadence'>;
  current: boolean;
}

/**
 * Overdue partners and cadence compliance (DESIGN.md "Metrics"): a partner is overdue when its next contact due
 * (the field partners show) is before asOf; a user's compliance is their partners not overdue ÷ their partners.
 */
export async function cadenceStanding(
  tx: CentreTx,
  frame: DashboardFrame,
  cadence: CadenceContext,
  narrowing: Narrowing = {},
): Promise<CadenceStanding> {
  const derived = derivedPartnerSql('p', { centre: cadence.centre, today: frame.asOf, current: cadence.current });
  const rows = await tx.report<StandingRow & { every: boolean }>(
    `SELECT s.every, s.owner_id AS "ownerId", u.name AS "ownerName", s.partners, s.not_overdue AS "notOverdue"
    FROM (
      SELECT p.owner_id, GROUPING(p.owner_id) = 1 AS every, count(*)::int AS partners,
        count(*) FILTER (WHERE NOT ${derived.overdue})::int AS not_overdue
      FROM partner p
      WHERE ${countedPartners(narrowing.ownerId)}
      GROUP BY GROUPING SETS ((p.owner_id), ())) s
    LEFT JOIN app_user u ON u.id = s.owner_id AND u.centre_id = :centreId
    ORDER BY s.every DESC, u.name, u.id`,
    { ...frameParams(frame, narrowing), ...derived.params },
  );
  const all = rows.find((row) => row.every);
  return {
    all: all ? strip(all) : { ownerId: null, ownerName: null, partners: 0, notOverdue: 0 },
    owners: rows.filter((row) => !row.every && row.ownerId !== null).map(strip),
  };
}

function strip({ ownerId, ownerName, partners, notOverdue }: StandingRow): StandingRow {
  return { ownerId, ownerName, partners, notOverdue };
}
