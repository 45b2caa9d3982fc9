/**
 * The engagements-per-month chart as numbers: where each bar segment, each SID window's shading, each axis tick and
 * month label goes in the SVG's coordinates. Pure, so its proportions are unit-tested (chart-geometry.spec.ts).
 */

export interface MonthTypeCount {
  /** YYYY-MM */
  month: string;
  type: string;
  count: number;
}

export interface WindowDates {
  year: number;
  /** First and last day of the window (YYYY-MM-DD), both included. */
  start: string;
  end: string;
}

export interface ChartInput {
  /** The months shown, oldest first (YYYY-MM). */
  months: readonly string[];
  counts: readonly MonthTypeCount[];
  /** Stacking order, bottom first; types of `counts` not listed are left out. */
  types: readonly string[];
  windows: readonly WindowDates[];
}

export interface Segment {
  month: string;
  type: string;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Shade {
  year: number;
  x: number;
  width: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  /** The value at the top of the axis (a round number ≥ the largest month; 1 when every month is empty). */
  max: number;
  ticks: { value: number; y: number }[];
  segments: Segment[];
  shades: Shade[];
  /** Every month's label position; `label` is false for those left unlabelled to keep the axis readable. */
  monthLabels: { month: string; x: number; label: boolean }[];
  totals: { month: string; total: number }[];
}

export const CHART = { width: 720, height: 280, left: 40, right: 30, top: 22, bottom: 40 } as const;
/** Share of a month's slot its bar takes (the rest is the gap between bars). */
const BAR_SHARE = 0.7;
/** Label every this many months (24 labels do not fit a phone). */
const LABEL_EVERY = 3;

/** The `count` months ending with the month of `asOf` (YYYY-MM-DD or YYYY-MM), oldest first, as YYYY-MM. */
export function monthsEnding(asOf: string, count: number): string[] {
  const [year, month] = asOf.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - count + i, 1)).toISOString().slice(0, 7),
  );
}

/** A round top for the axis: 1, 2 or 5 times a power of ten, at least `value` (1 for nothing at all). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Whole-number ticks from 0 to max, at most five intervals. */
export function ticksOf(max: number): number[] {
  const step = Math.max(1, niceMax(max / 5));
  const ticks: number[] = [];
  for (let value = 0; value <= max; value += step) ticks.push(value);
  if (ticks[ticks.length - 1] !== max) ticks.push(max);
  return ticks;
}

function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/**
 * Where a day falls on the month axis, in months from the start of the first month: the first of the first month
 * is 0, the first of the month after the last is months.length. Days outside are clamped to the axis.
 */
export function monthPosition(months: readonly string[], date: string): number {
  const month = date.slice(0, 7);
  if (months.length === 0 || month < months[0]!) return 0;
  if (month > months[months.length - 1]!) return months.length;
  const index = months.indexOf(month);
  const day = Number(date.slice(8, 10));
  return index + (day - 1) / daysInMonth(month);
}

/** The day after `date` (YYYY-MM-DD). */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

export function chartGeometry(input: ChartInput): ChartGeometry {
  const { months, types } = input;
  const plot = {
    left: CHART.left,
    top: CHART.top,
    width: CHART.width - CHART.left - CHART.right,
    height: CHART.height - CHART.top - CHART.bottom,
  };
  const slot = months.length > 0 ? plot.width / months.length : plot.width;
  const byMonthType = new Map<string, number>();
  for (const row of input.counts) {
    const key = `${row.month}|${row.type}`;
    byMonthType.set(key, (byMonthType.get(key) ?? 0) + row.count);
  }
  const totals = months.map((month) => ({
    month,
    total: types.reduce((sum, type) => sum + (byMonthType.get(`${month}|${type}`) ?? 0), 0),
  }));
  const max = niceMax(Math.max(0, ...totals.map((t) => t.total)));
  const scale = plot.height / max;
  const baseline = plot.top + plot.height;

  const segments: Segment[] = [];
  months.forEach((month, i) => {
    let stacked = 0;
    for (const type of types) {
      const count = byMonthType.get(`${month}|${type}`) ?? 0;
      if (count <= 0) continue;
      const height = count * scale;
      segments.push({
        month,
        type,
        count,
        x: plot.left + i * slot + (slot * (1 - BAR_SHARE)) / 2,
        y: baseline - stacked - height,
        width: slot * BAR_SHARE,
        height,
      });
      stacked += height;
    }
  });

  const shades: Shade[] = [];
  for (const window of input.windows) {
    const from = monthPosition(months, window.start);
    const to = monthPosition(months, nextDay(window.end));
    if (to <= from) continue;
    shades.push({ year: window.year, x: plot.left + from * slot, width: (to - from) * slot });
  }

  return {
    width: CHART.width,
    height: CHART.height,
    plot,
    max,
    ticks: ticksOf(max).map((value) => ({ value, y: baseline - value * scale })),
    segments,
    shades,
    monthLabels: months.map((month, i) => ({
      month,
      x: plot.left + (i + 0.5) * slot,
      label: (months.length - 1 - i) % LABEL_EVERY === 0,
    })),
    totals,
  };
}
