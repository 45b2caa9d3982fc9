import type { CentreTx } from '../database/centre-scope.js';
import type { DashboardFrame } from './dashboard-frame.js';
import { countedWithTrailingYear, frameParams, type Narrowing } from './dashboard.sql.js';

/** Partners, engaged partners and year-round partners of one sector, or of all (`sector` null). */
export interface ActivityRow {
  sector: string | null;
  partners: number;
  engaged: number;
  yearRound: number;
}

export interface SeasonalPartnerRow {
  id: string;
  name: string;
  sector: string;
  /** ISO instant of the latest engagement up to asOf. */
  lastEngagementAt: string;
}

export interface PartnerActivity {
  total: ActivityRow;
  bySector: ActivityRow[];
  /** The first `seasonalLimit` seasonal partners (all when null), latest engagement first (then by name). */
  seasonal: SeasonalPartnerRow[];
}

/**
 * Engaged, year-round and seasonal partners (DESIGN.md "Metrics"), per sector and in total: engaged = an
 * engagement in the trailing year; year-round = one of them outside every SID window; seasonal = engaged, not
 * year-round. One pass over the trailing year's engagements serves the counts and the seasonal list.
 */
export async function partnerActivity(
  tx: CentreTx,
  frame: DashboardFrame,
  seasonalLimit: number | null,
  narrowing: Narrowing = {},
): Promise<PartnerActivity> {
  const rows = await tx.report<ActivityRow & { total: boolean; seasonal: SeasonalPartnerRow[] | null }>(
    `WITH ${countedWithTrailingYear(frame, narrowing)}
    SELECT c.sector, GROUPING(c.sector) = 1 AS total, count(*)::int AS partners,
      count(*) FILTER (WHERE c.engaged)::int AS engaged, count(*) FILTER (WHERE c.outside)::int AS "yearRound",
      CASE WHEN GROUPING(c.sector) = 1 THEN (
        SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'sector', s.sector, 'lastEngagementAt', s.last_at))
        FROM (SELECT * FROM counted WHERE engaged AND NOT outside ORDER BY last_at DESC, name, id LIMIT (:limit)::int) s)
      END AS seasonal
    FROM counted c
    GROUP BY ROLLUP (c.sector)`,
    { ...frameParams(frame, narrowing), limit: seasonalLimit },
  );
  const total = rows.find((row) => row.total);
  return {
    total: total ? strip(total) : { sector: null, partners: 0, engaged: 0, yearRound: 0 },
    bySector: rows.filter((row) => !row.total).map(strip),
    seasonal: (total?.seasonal ?? []).map((row) => ({
      ...row,
      lastEngagementAt: new Date(row.lastEngagementAt).toISOString(),
    })),
  };
}

function strip({ sector, partners, engaged, yearRound }: ActivityRow): ActivityRow {
  return { sector, partners, engaged, yearRound };
}
