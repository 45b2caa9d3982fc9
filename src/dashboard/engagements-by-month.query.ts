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
 *
 * Unnarrowed, the engagements are read from the index alone (or, when frame.rollup says it answers, the centre's
 * monthly counts: the EngagementMonthRollup migration), and the few whose partners are all archived are taken out
 * (archived partners are few); narrowed to an owner, the owner's partners' links are read instead.
 */
export function engagementsByMonth(
  tx: CentreTx,
  frame: DashboardFrame,
  narrowing: Narrowing = {},
): Promise<MonthTypeRow[]> {
  const inRange = (alias: string) =>
    `${alias}.centre_id = :centreId AND ${alias}.occurred_at >= ${dayStart(':monthsFrom')} AND ${alias}.occurred_at < ${DAY_AFTER}`;
  // Engagements in the range none of whose partners is counted: their partners are all archived.
  // Read per archived partner through its timeline index (partner_id, occurred_at): they are few. (OFFSET 0 keeps
  // the planner from turning the per-partner reads into one hash join over the centre's every link.)
  const archivedOnly = `SELECT DISTINCT ep.engagement_id
    FROM partner p CROSS JOIN LATERAL (SELECT l.engagement_id FROM engagement_partner l
      WHERE l.partner_id = p.id AND ${inRange('l')} OFFSET 0) ep
    WHERE p.centre_id = :centreId AND p.archived_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM engagement_partner other JOIN partner q ON q.id = other.partner_id
        WHERE other.engagement_id = ep.engagement_id AND other.centre_id = :centreId AND q.archived_at IS NULL)`;
  // Each engagement is put in its month by comparing its time with the months' first instants (width_bucket),
  // worked out once: no engagement's time is converted to the time zone.
  const bucket = `width_bucket(e.occurred_at, (SELECT array_agg(${dayStart('m')} ORDER BY m) FROM unnest((:months)::date[]) AS m))`;
  const label = (bucketSql: string) => `to_char(((:months)::date[])[${bucketSql}], 'YYYY-MM')`;
  const params = { ...frameParams(frame, narrowing), monthsFrom: frame.monthsFrom, months: frame.months };
  if (frame.rollup && !narrowing.ownerId)
    return tx.report<MonthTypeRow>(
      `WITH archived_only AS MATERIALIZED (${archivedOnly}),
      uncounted AS (
        SELECT ${label(bucket)} AS month, e.type, count(*)::int AS count
        FROM archived_only a CROSS JOIN LATERAL (SELECT e.occurred_at, e.type FROM engagement e
          WHERE e.id = a.engagement_id AND e.centre_id = :centreId OFFSET 0) e
        GROUP BY 1, 2)
      SELECT to_char(m.month, 'YYYY-MM') AS month, m.type, (m.engagements - COALESCE(u.count, 0))::int AS count
      FROM engagement_month m LEFT JOIN uncounted u ON u.month = to_char(m.month, 'YYYY-MM') AND u.type = m.type
      WHERE m.centre_id = :centreId AND m.month >= (:monthsFrom)::date AND m.month <= (:asOf)::date
        AND m.engagements - COALESCE(u.count, 0) > 0
      ORDER BY 1, 2`,
      params,
    );
  const counted = narrowing.ownerId
    ? `e.id IN (SELECT ep.engagement_id FROM engagement_partner ep JOIN partner p ON p.id = ep.partner_id
        WHERE ${inRange('ep')} AND ${countedPartners(narrowing.ownerId)})`
    : `e.id NOT IN (${archivedOnly})`;
  return tx.report<MonthTypeRow>(
    `SELECT ${label('x.bucket')} AS month, x.type, x.count
    FROM (
      SELECT ${bucket} AS bucket, e.type, count(*)::int AS count
      FROM engagement e
      WHERE ${inRange('e')} AND ${counted}
      GROUP BY 1, 2) x
    ORDER BY 1, 2`,
    params,
  );
}
