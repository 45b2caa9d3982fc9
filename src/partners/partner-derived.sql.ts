import type { Centre } from '../database/centre.entity.js';

export type CadenceSource = 'partner' | 'sector' | 'tier' | 'default';

/**
 * The derived partner fields of DESIGN.md "Metrics", as SQL over the partner row `p` (one statement for a whole
 * page, never a query per partner). Time is read in the centre's time zone; day arithmetic is on dates.
 *
 * - cadence: the partner's override; else the more frequent of the centre's policy for its sector and for its
 *   tier (on a tie, the sector's); else the centre's default.
 * - lastEngagementAt: the latest engagement up to `today` (included): the maintained column when it is not
 *   later, else (as of a past date, or after an engagement logged ahead) looked up with the index
 *   engagement_partner (partner_id, occurred_at).
 * - nextContactDue: the local date of the last engagement (or of the partner's creation) + cadence.
 * - overdue: nextContactDue before `today`.
 * - seasonal: engaged in the 365 days up to the bound, and only inside SID windows.
 */
export interface DerivedSql {
  /** Select expressions, aliased. */
  selects: string[];
  /** Individual expressions, for filters and sorting. */
  lastEngagementAt: string;
  nextContactDue: string;
  overdue: string;
  params: Record<string, unknown>;
}

export interface DerivedOptions {
  centre: Pick<Centre, 'timezone' | 'cadence'>;
  /** The local date "today" is taken to be. */
  today: string;
  /** Use the maintained lastEngagementAt column (true when `today` is the real today). */
  current: boolean;
}

export function derivedPartnerSql(alias: string, options: DerivedOptions): DerivedSql {
  const p = alias;
  // The instant the day after `today` starts in the centre's time zone: engagements from then on don't count yet.
  const bound = `(((:dToday)::date + 1)::timestamp AT TIME ZONE :dTimezone)`;
  const sectorDays = `((:dCadence)::jsonb -> 'bySector' ->> ${p}.sector)::int`;
  const tierDays = `((:dCadence)::jsonb -> 'byTier' ->> ${p}.tier)::int`;
  const cadenceDays = `COALESCE(${p}.cadence_days, LEAST(${sectorDays}, ${tierDays}), (:dDefaultDays)::int)`;
  const cadenceSource = `CASE WHEN ${p}.cadence_days IS NOT NULL THEN 'partner'
    WHEN ${sectorDays} IS NOT NULL AND (${tierDays} IS NULL OR ${sectorDays} <= ${tierDays}) THEN 'sector'
    WHEN ${tierDays} IS NOT NULL THEN 'tier' ELSE 'default' END`;
  const upToBound = `(SELECT max(ep.occurred_at) FROM engagement_partner ep WHERE ep.partner_id = ${p}.id AND ep.occurred_at < ${bound})`;
  // The maintained column may hold an engagement logged a little ahead (up to a day, for time zones): from the
  // next local day on, that one does not count yet, and the latest before it is looked up instead.
  const lastEngagementAt = options.current
    ? `(CASE WHEN ${p}.last_engagement_at IS NULL OR ${p}.last_engagement_at < ${bound} THEN ${p}.last_engagement_at ELSE ${upToBound} END)`
    : upToBound;
  const nextContactDue = `((COALESCE(${lastEngagementAt}, ${p}.created_at) AT TIME ZONE :dTimezone)::date + ${cadenceDays})`;
  const overdue = `(${nextContactDue} < (:dToday)::date)`;
  const inYear = `ep.partner_id = ${p}.id AND ep.occurred_at >= ${bound} - interval '365 days' AND ep.occurred_at < ${bound}`;
  // The centre's SID windows that can hold a day of that year, as one multirange: those of the years before, of
  // and after `today` (a window reaches at most 180 days from its SID, so no other year's can). The same rule as
  // keepwarm_in_sid_window(), which ran a query per engagement; this is read once per partner (median execution
  // of a page of 50 overdue partners 2.3–5.0 → 0.8 ms, EXPLAIN ANALYZE on 10 centres × 2,000 partners).
  const sidWindows = `(SELECT range_agg(daterange(w.sid - c.sid_days_before, w.sid + c.sid_days_after, '[]'))
      FROM centre c
      CROSS JOIN generate_series(extract(year FROM (:dToday)::date)::int - 1, extract(year FROM (:dToday)::date)::int + 1) AS y(year)
      LEFT JOIN sid_campaign s ON s.centre_id = c.id AND s.year = y.year
      CROSS JOIN LATERAL (SELECT COALESCE(s.date, keepwarm_default_sid_date(y.year)) AS sid) w
      WHERE c.id = ${p}.centre_id)`;
  const seasonal = `(EXISTS (SELECT 1 FROM engagement_partner ep WHERE ${inYear})
    AND NOT EXISTS (SELECT 1 FROM engagement_partner ep WHERE ${inYear}
      AND NOT ((ep.occurred_at AT TIME ZONE :dTimezone)::date <@ ${sidWindows})))`;
  return {
    selects: [
      `${cadenceDays} AS "cadenceDays"`,
      `${cadenceSource} AS "cadenceSource"`,
      `${lastEngagementAt} AS "lastEngagementAt"`,
      `to_char(${nextContactDue}, 'YYYY-MM-DD') AS "nextContactDue"`,
      `${overdue} AS "overdue"`,
      `${seasonal} AS "seasonal"`,
    ],
    lastEngagementAt,
    nextContactDue,
    overdue,
    params: {
      dCadence: JSON.stringify(options.centre.cadence),
      dDefaultDays: options.centre.cadence.defaultDays,
      dTimezone: options.centre.timezone,
      dToday: options.today,
    },
  };
}
