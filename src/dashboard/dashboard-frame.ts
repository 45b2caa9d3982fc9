import { addDays } from '../common/dates.js';
import { sidDateOf, sidWindow } from '../sid/sid-calendar.js';

/** A centre's SID window of one year: both ends included (DESIGN.md "Metrics"). */
export interface YearWindow {
  year: number;
  /** The SID date: the centre's own for the year when set, the Tuesday between 5 and 11 February otherwise. */
  date: string;
  start: string;
  end: string;
}

/** A SID year whose off-season retention is reported: its window and the start of the next one. */
export interface RetentionYear extends YearWindow {
  nextStart: string;
}

/** What every dashboard figure of a centre is computed against: the day, the time zone, the SID windows. */
export interface DashboardFrame {
  asOf: string;
  timezone: string;
  /** First day of the trailing year (365 local days ending on asOf). */
  yearFrom: string;
  /** Windows of the years asOf's year - 4 … asOf's year + 1, oldest first: every window any figure can touch. */
  windows: YearWindow[];
  /** The last three SID years whose window ended before asOf, oldest first. */
  retentionYears: RetentionYear[];
  /** First day of the first of the 24 calendar months ending with asOf's month. */
  monthsFrom: string;
  /** First day of each of the 24 months, oldest first. */
  months: string[];
  /** Last day of asOf's month. */
  monthsTo: string;
  /**
   * Whether the partners' rollup columns (kept by triggers, see the SidSeasonRollup migration) answer for this
   * day: only when asOf is the centre's today and no engagement is logged ahead of it. Otherwise every figure is
   * worked out from the engagements themselves; the two give the same figures (dashboard-rollup.test.ts).
   */
  rollup: boolean;
}

export interface SidSettings {
  timezone: string;
  sidDaysBefore: number;
  sidDaysAfter: number;
}

/** Days in the trailing year, asOf included. */
export const TRAILING_YEAR_DAYS = 365;
/** Calendar months of the engagements-by-month table, asOf's month included. */
export const MONTHS_SHOWN = 24;
/** SID years of the retention table. */
export const RETENTION_YEARS = 3;

/** The SID years whose windows the frame holds. */
export function frameYears(asOf: string): { from: number; to: number } {
  const year = Number(asOf.slice(0, 4));
  return { from: year - 4, to: year + 1 };
}

/**
 * The frame of a centre's dashboard as of a local date. `ownDates` are the SID dates the centre set itself
 * (year → YYYY-MM-DD); windows hold SID - sidDaysBefore … SID + sidDaysAfter.
 */
export function dashboardFrame(
  asOf: string,
  centre: SidSettings,
  ownDates: ReadonlyMap<number, string>,
  rollup = false,
): DashboardFrame {
  const { from, to } = frameYears(asOf);
  const windows: YearWindow[] = [];
  for (let year = from; year <= to; year++) {
    const { date } = sidDateOf(year, ownDates.get(year));
    windows.push({ year, date, ...sidWindow(date, centre.sidDaysBefore, centre.sidDaysAfter) });
  }
  const retentionYears = windows
    .slice(0, -1)
    .map((window, i) => ({ ...window, nextStart: windows[i + 1]!.start }))
    .filter((window) => window.end < asOf)
    .slice(-RETENTION_YEARS);
  const [year, month] = asOf.split('-').map(Number) as [number, number];
  const months = Array.from({ length: MONTHS_SHOWN }, (_, i) =>
    new Date(Date.UTC(year, month - MONTHS_SHOWN + i, 1)).toISOString().slice(0, 10),
  );
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return {
    asOf,
    timezone: centre.timezone,
    yearFrom: addDays(asOf, 1 - TRAILING_YEAR_DAYS),
    windows,
    retentionYears,
    monthsFrom: months[0]!,
    months,
    monthsTo: last,
    rollup,
  };
}

/** The windows that share at least one day with the 24 months shown. */
export function windowsShown(frame: DashboardFrame): YearWindow[] {
  return frame.windows.filter((window) => window.end >= frame.monthsFrom && window.start <= frame.monthsTo);
}
