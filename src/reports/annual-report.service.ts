import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { addDays, localDate } from '../common/dates.js';
import { InvalidError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import type { Centre } from '../database/centre.entity.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import { dashboardFrame, frameYears, type DashboardFrame, type YearWindow } from '../dashboard/dashboard-frame.js';
import {
  countedPartners,
  countedWithTrailingYear,
  DAY_AFTER,
  frameParams,
  YEAR_FROM,
} from '../dashboard/dashboard.sql.js';
import { partnerActivity } from '../dashboard/partner-activity.query.js';
import { retentionCohorts } from '../dashboard/retention.query.js';
import { ownSidDates } from '../dashboard/sid-dates.query.js';
import { chooseLocale, type Locale } from '../ui/i18n/translator.js';
import { FIRST_REPORT_YEAR } from './dto/annual-report.dto.js';

/** The figures of one line of the report: a partner, a sector, or the centre. */
export interface ReportFigures {
  /** Engagements in the SID year (one with several partners counts once in a sector's and the total's line). */
  engagements: number;
  /** Partners with an engagement in the SID year. */
  engaged: number;
  /** Engaged partners with an engagement outside the SID window: year-round. */
  yearRound: number;
  /** Engaged partners whose every engagement of the year was inside the SID window. */
  seasonal: number;
  /** SID roles for the year, whatever their status, and how many of them were delivered. */
  sidRoles: number;
  sidRolesDelivered: number;
  /** Board seats held at some time in the SID year. */
  boardSeats: number;
  /** The year's off-season retention (DESIGN.md "Metrics"): the cohort, and those of it retained. */
  retentionCohort: number;
  retained: number;
}

export interface PartnerLine extends ReportFigures {
  id: string;
  name: string;
  sector: string;
  /** The partner's SID roles for the year as role and status, by role. */
  roles: { role: string; status: string }[];
}

export interface SectorLine extends ReportFigures {
  sector: string;
  partners: number;
}

export interface AnnualReport {
  centre: { id: string; name: string; country: string; timezone: string; locale: string };
  year: number;
  /** The SID window of the year (both ends included) and the SID date. */
  window: YearWindow;
  /** The SID year's days: from the window's first day to the day before the next window opens, or today if sooner. */
  from: string;
  to: string;
  /** False while the SID year is still running (its off-season figures may grow). */
  complete: boolean;
  total: SectorLine;
  sectors: SectorLine[];
  partners: PartnerLine[];
}

interface PartnerRow {
  id: string;
  name: string;
  sector: string;
  engaged: boolean;
  outside: boolean;
  engagements: number;
  roles: { role: string; status: string }[] | null;
  boardSeats: number;
}

/**
 * The annual partnership report for funders: the dashboard's figures (DESIGN.md "Metrics", through the dashboard's
 * own queries) over one SID year of the centre instead of the trailing 365 days. The SID year Y runs from the
 * first day of window Y to the day before window Y+1 opens; year-round and seasonal are the dashboard's rules
 * over those days, retention is the dashboard's retention of Y. Partners are the centre's current ones (not
 * archived), as everywhere on the dashboard.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  annual(ctx: RequestContext, year: number | undefined): Promise<AnnualReport> {
    return this.scope.read(ctx, async (tx) => {
      const centre = await tx.centre();
      const today = localDate(this.clock.now(), centre.timezone);
      const todayFrame = await frameOf(tx, centre, today);
      const sidYear = year ?? currentSidYear(todayFrame, today);
      const lastYear = Number(today.slice(0, 4)) + 1;
      if (sidYear > lastYear)
        throw new InvalidError('One or more fields are invalid', [
          { field: 'year', message: `year must be a whole number from ${FIRST_REPORT_YEAR} to ${lastYear}` },
        ]);
      return report(tx, centre, sidYear, today);
    });
  }

  /** The reader's language: their own choice, else the browser's, else the centre's (as the pages choose it). */
  locale(ctx: RequestContext, browser: string | false): Promise<Locale> {
    return this.scope.read(ctx, async (tx) => {
      const [user] = await tx.report<{ locale: string | null }>(
        'SELECT u.locale FROM app_user u WHERE u.centre_id = :centreId AND u.id = :userId',
        { userId: ctx.actor?.userId },
      );
      return chooseLocale({ user: user?.locale, browser, centre: (await tx.centre()).locale });
    });
  }
}

/** The dashboard's frame of the centre as of `day`, worked out from the engagements (never the rollup columns). */
async function frameOf(tx: CentreTx, centre: Centre, day: string): Promise<DashboardFrame> {
  const years = frameYears(day);
  return dashboardFrame(day, centre, await ownSidDates(tx, years.from, years.to));
}

/** The last SID year whose window has opened by `today`. */
function currentSidYear(frame: DashboardFrame, today: string): number {
  return frame.windows.filter((window) => window.start <= today).at(-1)!.year;
}

async function report(tx: CentreTx, centre: Centre, year: number, today: string): Promise<AnnualReport> {
  // The frame as of the year's window: its windows hold Y and Y+1 (and every window the year's days can touch).
  const frameAtWindow = await frameOf(tx, centre, `${year}-03-31`);
  const window = frameAtWindow.windows.find((w) => w.year === year)!;
  const nextStart = frameAtWindow.windows.find((w) => w.year === year + 1)!.start;
  const complete = nextStart <= today;
  const to = complete ? addDays(nextStart, -1) : today < window.start ? window.start : today;
  // The year's days in the dashboard's terms: the "trailing year" is [window Y's first day, to].
  const activityFrame: DashboardFrame = { ...(await frameOf(tx, centre, to)), yearFrom: window.start };
  // Retention of Y as the dashboard computes it on the day window Y+1 opens (or today, while it runs).
  const retentionFrame = await frameOf(tx, centre, complete ? nextStart : to);
  const cohorts = retentionCohorts(retentionFrame);
  const hasCohort = retentionFrame.retentionYears.some((y) => y.year === year);

  const [rows, cohort, activity, engagementCounts] = await Promise.all([
    tx.report<PartnerRow>(
      `WITH ${countedWithTrailingYear(activityFrame, {})},
      year_counts AS (
        SELECT ep.partner_id, count(*)::int AS n FROM engagement_partner ep
        WHERE ep.centre_id = :centreId AND ep.occurred_at >= ${YEAR_FROM} AND ep.occurred_at < ${DAY_AFTER}
        GROUP BY ep.partner_id),
      year_roles AS (
        SELECT r.partner_id, json_agg(json_build_object('role', r.role, 'status', r.status) ORDER BY r.role) AS roles
        FROM sid_role r WHERE r.centre_id = :centreId AND r.year = :year GROUP BY r.partner_id),
      year_seats AS (
        SELECT m.partner_id, count(*)::int AS n FROM board_membership m
        WHERE m.centre_id = :centreId AND m.term_start <= (:asOf)::date
          AND (m.term_end IS NULL OR m.term_end >= (:yearFrom)::date)
        GROUP BY m.partner_id)
      SELECT c.id, c.name, c.sector, c.engaged, c.outside, COALESCE(n.n, 0) AS engagements, r.roles,
        COALESCE(s.n, 0) AS "boardSeats"
      FROM counted c
        LEFT JOIN year_counts n ON n.partner_id = c.id
        LEFT JOIN year_roles r ON r.partner_id = c.id
        LEFT JOIN year_seats s ON s.partner_id = c.id
      ORDER BY c.name, c.id`,
      { ...frameParams(activityFrame), year },
    ),
    hasCohort
      ? tx.report<{ partnerId: string; retained: boolean }>(
          `${cohorts.sql}
          SELECT c.partner_id AS "partnerId", c.retained FROM cohort c WHERE c.year = :year`,
          { ...cohorts.params, year },
        )
      : Promise.resolve([]),
    partnerActivity(tx, activityFrame, 0),
    tx.report<{ sector: string | null; total: boolean; engagements: number }>(
      `SELECT p.sector, GROUPING(p.sector) = 1 AS total, count(DISTINCT ep.engagement_id)::int AS engagements
      FROM engagement_partner ep JOIN partner p ON p.id = ep.partner_id
      WHERE ep.centre_id = :centreId AND ${countedPartners(undefined)}
        AND ep.occurred_at >= ${YEAR_FROM} AND ep.occurred_at < ${DAY_AFTER}
      GROUP BY ROLLUP (p.sector)`,
      frameParams(activityFrame),
    ),
  ]);

  const retainedOf = new Map(cohort.map((row) => [row.partnerId, row.retained]));
  const partners: PartnerLine[] = rows.map((row) => {
    const roles = row.roles ?? [];
    const retained = retainedOf.get(row.id);
    return {
      id: row.id,
      name: row.name,
      sector: row.sector,
      roles,
      engagements: row.engagements,
      engaged: row.engaged ? 1 : 0,
      yearRound: row.outside ? 1 : 0,
      seasonal: row.engaged && !row.outside ? 1 : 0,
      sidRoles: roles.length,
      sidRolesDelivered: roles.filter((r) => r.status === 'delivered').length,
      boardSeats: row.boardSeats,
      retentionCohort: retained === undefined ? 0 : 1,
      retained: retained ? 1 : 0,
    };
  });
  const engagementsOf = new Map(engagementCounts.map((row) => [row.total ? null : row.sector, row.engagements]));
  const line = (sector: string | null, lines: PartnerLine[]): SectorLine => {
    const counts = sector === null ? activity.total : activity.bySector.find((row) => row.sector === sector);
    return {
      sector: sector ?? '',
      partners: lines.length,
      engagements: engagementsOf.get(sector) ?? 0,
      // Engaged and year-round as the dashboard's own query counts them.
      engaged: counts?.engaged ?? 0,
      yearRound: counts?.yearRound ?? 0,
      seasonal: (counts?.engaged ?? 0) - (counts?.yearRound ?? 0),
      sidRoles: sum(lines, (l) => l.sidRoles),
      sidRolesDelivered: sum(lines, (l) => l.sidRolesDelivered),
      boardSeats: sum(lines, (l) => l.boardSeats),
      retentionCohort: sum(lines, (l) => l.retentionCohort),
      retained: sum(lines, (l) => l.retained),
    };
  };
  const sectorNames = [
    ...centre.sectors,
    ...[...new Set(partners.map((p) => p.sector))].filter((s) => !centre.sectors.includes(s)).sort(),
  ];
  return {
    centre: {
      id: centre.id,
      name: centre.name,
      country: centre.country,
      timezone: centre.timezone,
      locale: centre.locale,
    },
    year,
    window,
    from: window.start,
    to,
    complete,
    total: line(null, partners),
    sectors: sectorNames.map((sector) =>
      line(
        sector,
        partners.filter((p) => p.sector === sector),
      ),
    ),
    partners,
  };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
