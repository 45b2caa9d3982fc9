import type { DashboardFrame } from './dashboard-frame.js';

/**
 * SQL shared by the dashboard's queries (one query per metric, each in its own *.query.ts). Every query runs
 * through CentreTx.report with :centreId bound to the centre, and these parameters from `frameParams`:
 * :asOf and :yearFrom (local dates), :tz (the centre's time zone), :wStarts / :wEnds (the SID windows' first and
 * last days). Days are the centre's local days: an engagement's day is its instant read in :tz, and a range of
 * days is turned into a range of instants once per statement, so the indexes on occurred_at serve every filter.
 */

/** The instant local day `day` (a SQL date expression) starts in the centre's time zone. */
export function dayStart(day: string): string {
  return `(((${day})::date)::timestamp AT TIME ZONE :tz)`;
}

/** The instant the day after asOf starts: engagements from then on do not count yet. */
export const DAY_AFTER = dayStart('(:asOf)::date + 1');

/** The instant the trailing year (365 local days ending on asOf) starts. */
export const YEAR_FROM = dayStart(':yearFrom');

/** The centre's SID windows as one set of instants (first day's start to the start of the day after the last). */
export const SID_WINDOWS = `(SELECT range_agg(tstzrange(${dayStart('w.first')}, ${dayStart('w.last + 1')}))
  FROM unnest((:wStarts)::date[], (:wEnds)::date[]) AS w(first, last))`;

/**
 * The partners every figure counts: the centre's, not archived, and (when the dashboard is narrowed to one
 * owner) that owner's. `p` is the partner row.
 */
export function countedPartners(ownerId: string | undefined): string {
  return `p.centre_id = :centreId AND p.archived_at IS NULL${ownerId ? ' AND p.owner_id = :ownerId' : ''}`;
}

/**
 * The counted partners with their trailing year (CTEs ending with one named `counted`): per partner `id`, `name`,
 * `sector`, `engaged` (an engagement in the trailing year), `outside` (one of those outside every SID window, so
 * year-round) and `last_at` (its latest engagement up to asOf). Worked out from the engagements themselves, or
 * read from the partner's own columns (last_engagement_at and the SID-season rollup) when frame.rollup says they
 * answer for asOf.
 */
export function countedWithTrailingYear(frame: Pick<DashboardFrame, 'rollup'>, narrowing: Narrowing): string {
  if (frame.rollup)
    return `counted AS (
      SELECT p.id, p.name, p.sector, COALESCE(p.last_engagement_at >= ${YEAR_FROM}, false) AS engaged,
        COALESCE(p.sid_off_window_last_at >= ${YEAR_FROM}, false) AS outside, p.last_engagement_at AS last_at
      FROM partner p WHERE ${countedPartners(narrowing.ownerId)})`;
  return `year_facts AS (
      SELECT ep.partner_id, max(ep.occurred_at) AS last_at, bool_or(NOT (${SID_WINDOWS} @> ep.occurred_at)) AS outside
      FROM engagement_partner ep
      WHERE ep.centre_id = :centreId AND ep.occurred_at >= ${YEAR_FROM} AND ep.occurred_at < ${DAY_AFTER}
      GROUP BY ep.partner_id),
    counted AS (
      SELECT p.id, p.name, p.sector, f.partner_id IS NOT NULL AS engaged, COALESCE(f.outside, false) AS outside, f.last_at
      FROM partner p LEFT JOIN year_facts f ON f.partner_id = p.id
      WHERE ${countedPartners(narrowing.ownerId)})`;
}

export interface Narrowing {
  /** Only this owner's partners. */
  ownerId?: string;
}

/** The parameters of the frame every dashboard query may use. */
export function frameParams(frame: DashboardFrame, narrowing: Narrowing = {}): Record<string, unknown> {
  return {
    asOf: frame.asOf,
    yearFrom: frame.yearFrom,
    tz: frame.timezone,
    wStarts: frame.windows.map((w) => w.start),
    wEnds: frame.windows.map((w) => w.end),
    ...(narrowing.ownerId ? { ownerId: narrowing.ownerId } : {}),
  };
}
