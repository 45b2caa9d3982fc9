import type { CentreTx } from '../database/centre-scope.js';
import type { DashboardFrame } from './dashboard-frame.js';
import { countedPartners, DAY_AFTER, dayStart, frameParams, type Narrowing } from './dashboard.sql.js';

export interface MonthTypeRow {
  /** YYYY-MM, in the centre's time zone. */
  month: string;
  type: string;
  count: number;
}

/**
 * Engagements per local month and type over the 24 months ending with asOf's month (up to asOf). An engagement
 * counts once, however many partners it involved, when at least one of them is counted (not archived; the
 * owner's when narrowed). Months without engagements of a type have no row.
 */
export function engagementsByMonth(
  tx: CentreTx,
  frame: DashboardFrame,
  narrowing: Narrowing = {},
): Promise<MonthTypeRow[]> {
  return tx.report<MonthTypeRow>(
    `SELECT to_char(e.occurred_at AT TIME ZONE :tz, 'YYYY-MM') AS month, e.type, count(*)::int AS count
    FROM engagement e
    WHERE e.centre_id = :centreId AND e.occurred_at >= ${dayStart(':monthsFrom')} AND e.occurred_at < ${DAY_AFTER}
      AND e.id IN (SELECT ep.engagement_id FROM engagement_partner ep JOIN partner p ON p.id = ep.partner_id
        WHERE ep.centre_id = :centreId AND ep.occurred_at >= ${dayStart(':monthsFrom')} AND ep.occurred_at < ${DAY_AFTER}
          AND ${countedPartners(narrowing.ownerId)})
    GROUP BY 1, 2
    ORDER BY 1, 2`,
    { ...frameParams(frame, narrowing), monthsFrom: frame.monthsFrom },
  );
}
