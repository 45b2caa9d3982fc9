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
 * The cohort of each retention year among the counted partners (CTEs ending with one named `cohort`: year,
 * partner_id, retained): engaged inside window Y, or a SID role for Y confirmed or delivered; retained when
 * engaged after window Y and before window Y+1 starts (up to asOf). From the engagements, or from the partners'
 * rollup of the SID years they were engaged in (when frame.rollup says it answers for asOf).
 */
function cohorts(frame: DashboardFrame, narrowing: Narrowing): string {
  const roles = `roles AS (
      SELECT DISTINCT r.year::int AS year, r.partner_id FROM sid_role r
      WHERE r.centre_id = :centreId AND r.year = ANY ((:rYears)::int[]) AND r.status IN ('confirmed', 'delivered'))`;
  if (frame.rollup)
    return `${roles},
    cohort AS (
      SELECT y.year, p.id AS partner_id, y.year = ANY (p.sid_off_season_years) AS retained
      FROM y JOIN partner p ON ${countedPartners(narrowing.ownerId)}
        LEFT JOIN roles r ON r.year = y.year AND r.partner_id = p.id
      WHERE y.year = ANY (p.sid_window_years) OR r.partner_id IS NOT NULL)`;
  return `${roles},
    engaged AS (
      SELECT y.year, ep.partner_id, bool_or(ep.occurred_at < y.window_to) AS inside,
        bool_or(ep.occurred_at >= y.window_to) AS after
      FROM y JOIN engagement_partner ep ON ep.centre_id = :centreId
        AND ep.occurred_at >= y.window_from AND ep.occurred_at < GREATEST(y.off_to, y.window_to)
      GROUP BY y.year, ep.partner_id),
    cohort AS (
      SELECT COALESCE(e.year, r.year) AS year, p.id AS partner_id, COALESCE(e.after, false) AS retained
      FROM engaged e
      FULL JOIN roles r ON r.year = e.year AND r.partner_id = e.partner_id
      JOIN partner p ON p.id = COALESCE(e.partner_id, r.partner_id)
      WHERE (e.inside OR r.partner_id IS NOT NULL) AND ${countedPartners(narrowing.ownerId)})`;
}

/**
 * The retention years' SQL up to and including the `cohort` CTE (one row per year and partner of its cohort, with
 * `retained`), and its parameters: the retention table counts it, the annual report lists it per partner.
 */
export function retentionCohorts(
  frame: DashboardFrame,
  narrowing: Narrowing = {},
): { sql: string; params: Record<string, unknown> } {
  const years = frame.retentionYears;
  return {
    sql: `WITH y AS (
      SELECT r.year, ${dayStart('r.first')} AS window_from, ${dayStart('r.last + 1')} AS window_to,
        LEAST(${dayStart('r.next_first')}, ${DAY_AFTER}) AS off_to, r.next_first <= (:asOf)::date AS complete
      FROM unnest((:rYears)::int[], (:rStarts)::date[], (:rEnds)::date[], (:rNextStarts)::date[]) AS r(year, first, last, next_first)),
    ${cohorts(frame, narrowing)}`,
    params: {
      ...frameParams(frame, narrowing),
      rYears: years.map((y) => y.year),
      rStarts: years.map((y) => y.start),
      rEnds: years.map((y) => y.end),
      rNextStarts: years.map((y) => y.nextStart),
    },
  };
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
  if (frame.retentionYears.length === 0) return [];
  const cohort = retentionCohorts(frame, narrowing);
  return tx.report<RetentionRow>(
    `${cohort.sql}
    SELECT y.year AS "sidYear", y.complete, count(c.partner_id)::int AS cohort,
      count(c.partner_id) FILTER (WHERE c.retained)::int AS retained
    FROM y LEFT JOIN cohort c ON c.year = y.year
    GROUP BY y.year, y.complete
    ORDER BY y.year`,
    cohort.params,
  );
}
