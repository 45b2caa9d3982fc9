import type { CentreTx } from '../database/centre-scope.js';
import type { DashboardFrame } from './dashboard-frame.js';
import { countedPartners, DAY_AFTER, dayStart, frameParams, type Narrowing } from './dashboard.sql.js';

export interface RetentionRow {
  sidYear: number;
  cohort: number;
  retained: number;
  /** False while the next SID window has not started by asOf: partners may still come back. */
  complete: boolean;
}

/**
 * Off-season retention (DESIGN.md "Metrics") for the frame's retention years. The cohort of SID year Y: partners
 * with an engagement inside window Y, or a SID role for Y that is confirmed or delivered. Retained: those with an
 * engagement after window Y ends and before window Y+1 starts, and not after asOf.
 */
export async function retention(
  tx: CentreTx,
  frame: DashboardFrame,
  narrowing: Narrowing = {},
): Promise<RetentionRow[]> {
  const years = frame.retentionYears;
  if (years.length === 0) return [];
  return tx.report<RetentionRow>(
    `WITH y AS (
      SELECT r.year, ${dayStart('r.first')} AS window_from, ${dayStart('r.last + 1')} AS window_to,
        LEAST(${dayStart('r.next_first')}, ${DAY_AFTER}) AS off_to, r.next_first <= (:asOf)::date AS complete
      FROM unnest((:rYears)::int[], (:rStarts)::date[], (:rEnds)::date[], (:rNextStarts)::date[]) AS r(year, first, last, next_first)),
    hits AS (
      SELECT DISTINCT y.year, ep.partner_id, ep.occurred_at < y.window_to AS in_window
      FROM y JOIN engagement_partner ep ON ep.centre_id = :centreId
        AND ep.occurred_at >= y.window_from AND ep.occurred_at < GREATEST(y.off_to, y.window_to)),
    cohort AS (
      SELECT h.year, h.partner_id FROM hits h WHERE h.in_window
      UNION
      SELECT r.year, r.partner_id FROM sid_role r
      WHERE r.centre_id = :centreId AND r.year = ANY ((:rYears)::int[]) AND r.status IN ('confirmed', 'delivered')),
    counted AS (
      SELECT c.year, c.partner_id FROM cohort c JOIN partner p ON p.id = c.partner_id
      WHERE ${countedPartners(narrowing.ownerId)})
    SELECT y.year AS "sidYear", y.complete, count(c.partner_id)::int AS cohort,
      count(c.partner_id) FILTER (WHERE EXISTS (SELECT 1 FROM hits h
        WHERE h.year = c.year AND h.partner_id = c.partner_id AND NOT h.in_window))::int AS retained
    FROM y LEFT JOIN counted c ON c.year = y.year
    GROUP BY y.year, y.complete
    ORDER BY y.year`,
    {
      ...frameParams(frame, narrowing),
      rYears: years.map((y) => y.year),
      rStarts: years.map((y) => y.start),
      rEnds: years.map((y) => y.end),
      rNextStarts: years.map((y) => y.nextStart),
    },
  );
}
