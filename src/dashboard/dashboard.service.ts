import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/dates.js';
import type { RequestContext } from '../common/request-context.js';
import type { Centre } from '../database/centre.entity.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import { boardsCoverage } from './board-coverage.query.js';
import { cadenceStanding, type CadenceContext } from './cadence-standing.query.js';
import { dashboardFrame, frameYears, windowsShown, type DashboardFrame } from './dashboard-frame.js';
import type { Narrowing } from './dashboard.sql.js';
import type {
  DashboardQueryDto,
  DashboardResponse,
  NetworkCentre,
  NetworkDashboardQueryDto,
  NetworkDashboardResponse,
  SectorActivity,
} from './dto/dashboard.dto.js';
import { engagementsByMonth } from './engagements-by-month.query.js';
import { loggedAhead } from './logged-ahead.query.js';
import { overduePartners } from './overdue-partners.query.js';
import { partnerActivity, type ActivityRow } from './partner-activity.query.js';
import { retention, type RetentionRow } from './retention.query.js';
import { ownSidDates } from './sid-dates.query.js';

/** Where figures come from: the partners' rollup columns where they answer for the day (auto), or the engagements. */
export type FigureSource = 'auto' | 'engagements';

/** Rows a dashboard list shows at most (seasonal and overdue partners). */
export const DASHBOARD_LIST_LIMIT = 50;
/** Centres the network roll-up computes side by side (each on its own pooled connection). */
const NETWORK_CONCURRENCY = 4;

/**
 * The engagement dashboards (DESIGN.md "Metrics"): one centre's figures for its members, and every centre's
 * headline figures for network admins. Each figure is one named SQL query (the *.query.ts files beside this one)
 * shared by both routes; this service only fetches the frame (the day and the SID windows) and shapes rows.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  /**
   * One centre's dashboard. `source` 'engagements' skips the partners' rollup columns even where they would
   * answer (the rollup test holds the two to the same figures). `listLimit` null lists every seasonal and overdue
   * partner (the CSV downloads of those tables).
   */
  centre(
    ctx: RequestContext,
    query: DashboardQueryDto,
    source: FigureSource = 'auto',
    listLimit: number | null = DASHBOARD_LIST_LIMIT,
  ): Promise<DashboardResponse> {
    return this.scope.read(ctx, async (tx) => {
      const centre = await tx.centre();
      const { frame, cadence } = await this.frameOf(tx, centre, query.asOf, source);
      const narrowing: Narrowing = { ownerId: query.ownerId };
      const [activity, retained, standing, overdue, months, boards] = await Promise.all([
        partnerActivity(tx, frame, listLimit, narrowing),
        retention(tx, frame, narrowing),
        cadenceStanding(tx, frame, cadence, narrowing),
        overduePartners(tx, frame, cadence, listLimit, narrowing),
        engagementsByMonth(tx, frame, narrowing),
        boardsCoverage(tx, centre.requiredBoardSectors, frame.asOf),
      ]);
      const overdueCount = standing.all.partners - standing.all.notOverdue;
      return {
        asOf: frame.asOf,
        centre: { id: centre.id, name: centre.name, timezone: centre.timezone },
        partners: { total: activity.total.partners, engaged: activity.total.engaged, overdue: overdueCount },
        yearRound: {
          engaged: activity.total.engaged,
          yearRound: activity.total.yearRound,
          rate: rate(activity.total.yearRound, activity.total.engaged),
        },
        seasonal: {
          count: activity.total.engaged - activity.total.yearRound,
          items: activity.seasonal,
        },
        retention: retained.map(retentionOf),
        overdue: { count: overdueCount, items: overdue },
        compliance: standing.owners.map((row) => ({
          userId: row.ownerId!,
          name: row.ownerName ?? '',
          owned: row.partners,
          notOverdue: row.notOverdue,
          rate: row.notOverdue / row.partners,
        })),
        engagementsByMonth: months,
        sidWindows: windowsShown(frame),
        bySector: sectorsOf(centre.sectors, activity.bySector),
        boards,
      };
    });
  }

  /** Every centre's headline figures (no names of people or partners), and the network's over all its partners. */
  async network(ctx: RequestContext, query: NetworkDashboardQueryDto): Promise<NetworkDashboardResponse> {
    const centres = await this.scope.centres(ctx);
    const own = centres.find((centre) => centre.id === ctx.centreId);
    const asOf = query.asOf ?? localDate(this.clock.now(), own?.timezone ?? 'UTC');
    const rows = await mapConcurrently(centres, NETWORK_CONCURRENCY, (centre) =>
      this.scope.read(ctx.inCentre(centre.id), async (tx) => {
        const { frame, cadence } = await this.frameOf(tx, centre, asOf);
        const [activity, retained, standing] = await Promise.all([
          partnerActivity(tx, frame, 0),
          retention(tx, frame),
          cadenceStanding(tx, frame, cadence),
        ]);
        const owned = sum(standing.owners, (row) => row.partners);
        const ownedNotOverdue = sum(standing.owners, (row) => row.notOverdue);
        return {
          row: {
            centreId: centre.id,
            name: centre.name,
            country: centre.country,
            partners: activity.total.partners,
            engaged: activity.total.engaged,
            yearRoundRate: rate(activity.total.yearRound, activity.total.engaged),
            seasonalCount: activity.total.engaged - activity.total.yearRound,
            overdueCount: standing.all.partners - standing.all.notOverdue,
            retention: retained.map(retentionOf),
            complianceRate: rate(ownedNotOverdue, owned),
          } satisfies NetworkCentre,
          yearRound: activity.total.yearRound,
          owned,
          ownedNotOverdue,
        };
      }),
    );
    const engaged = sum(rows, (r) => r.row.engaged);
    return {
      asOf,
      centres: rows.map((r) => r.row),
      total: {
        partners: sum(rows, (r) => r.row.partners),
        engaged,
        yearRoundRate: rate(
          sum(rows, (r) => r.yearRound),
          engaged,
        ),
        seasonalCount: sum(rows, (r) => r.row.seasonalCount),
        overdueCount: sum(rows, (r) => r.row.overdueCount),
        complianceRate: rate(
          sum(rows, (r) => r.ownedNotOverdue),
          sum(rows, (r) => r.owned),
        ),
      },
    };
  }

  /** The centre's frame as of `asOf` (default: its today), and whether that is its today. */
  private async frameOf(
    tx: CentreTx,
    centre: Centre,
    asOf: string | undefined,
    source: FigureSource = 'auto',
  ): Promise<{ frame: DashboardFrame; cadence: CadenceContext }> {
    const today = localDate(this.clock.now(), centre.timezone);
    const day = asOf ?? today;
    const years = frameYears(day);
    const [ownDates, ahead] = await Promise.all([
      ownSidDates(tx, years.from, years.to),
      day === today ? loggedAhead(tx, day, centre.timezone) : Promise.resolve(true),
    ]);
    const frame = dashboardFrame(day, centre, ownDates, source === 'auto' && day === today && !ahead);
    return { frame, cadence: { centre, current: day === today } };
  }
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function retentionOf(row: RetentionRow) {
  return { ...row, rate: rate(row.retained, row.cohort) };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** The centre's sectors in its own order, then any other sector a partner has, alphabetically; zeros included. */
function sectorsOf(sectors: readonly string[], rows: readonly ActivityRow[]): SectorActivity[] {
  const bySector = new Map(rows.map((row) => [row.sector!, row]));
  const others = [...bySector.keys()].filter((sector) => !sectors.includes(sector)).sort();
  return [...sectors, ...others].map((sector) => {
    const row = bySector.get(sector);
    return { sector, partners: row?.partners ?? 0, engaged: row?.engaged ?? 0, yearRound: row?.yearRound ?? 0 };
  });
}

/** `work` over every item, at most `limit` at a time, results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
