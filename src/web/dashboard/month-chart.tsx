import { ENGAGEMENT_TYPES, type EngagementType } from '../../common/domain-values.js';
import { MONTHS_SHOWN } from '../../dashboard/dashboard-frame.js';
import type { DashboardResponse } from '../../dashboard/dto/dashboard.dto.js';
import { Table, type Column } from '../../ui/components/table.js';
import type { View } from '../../ui/view.js';
import { chartGeometry, monthsEnding, type WindowDates } from './chart-geometry.js';
import { typeLabel } from './labels.js';

/**
 * A colour per engagement type: the Okabe–Ito colour-blind-safe set, darkened where white would not stand out
 * against it; the figures are in the table next to the chart anyway.
 */
const TYPE_COLOURS: Record<EngagementType, string> = {
  meeting: '#0072b2',
  call: '#e69f00',
  email: '#56b4e9',
  event: '#009e73',
  sid_activity: '#d55e00',
  training: '#cc79a7',
  study_visit: '#8c6d00',
  board_meeting: '#5b3a8c',
  other: '#6b7587',
};
const FALLBACK_COLOUR = '#6b7587';
const SHADE_FILL = '#fde3c2';
const SHADE_INK = '#7a3600';

function colourOf(type: string): string {
  return Object.hasOwn(TYPE_COLOURS, type) ? TYPE_COLOURS[type as EngagementType] : FALLBACK_COLOUR;
}

/** The types with at least one engagement in the months shown, in the domain's order (unknown ones last). */
function typesShown(rows: DashboardResponse['engagementsByMonth']): string[] {
  const present = new Set(rows.filter((row) => row.count > 0).map((row) => row.type));
  const known = ENGAGEMENT_TYPES.filter((type) => present.has(type));
  const others = [...present].filter((type) => !(ENGAGEMENT_TYPES as readonly string[]).includes(type)).sort();
  return [...known, ...others];
}

/** The SID windows that share a day with a month (YYYY-MM). */
function windowsOf(month: string, windows: readonly WindowDates[]): WindowDates[] {
  return windows.filter((w) => w.start.slice(0, 7) <= month && w.end.slice(0, 7) >= month);
}

/**
 * Engagements per month by type for the 24 months ending with asOf's month, stacked, with the SID windows shaded;
 * its figures are in the table that follows it.
 */
export function MonthChart({ view, data }: { view: View; data: DashboardResponse }) {
  const { t, month: monthLabel, number } = view.i18n;
  const months = monthsEnding(data.asOf, MONTHS_SHOWN);
  const types = typesShown(data.engagementsByMonth);
  const g = chartGeometry({ months, types, counts: data.engagementsByMonth, windows: data.sidWindows });
  const baseline = g.plot.top + g.plot.height;
  const range = { from: monthLabel(months[0]!), to: monthLabel(months[months.length - 1]!) };
  const total = g.totals.reduce((sum, m) => sum + m.total, 0);
  return (
    <div class="chart">
      {/* On a phone the chart keeps a readable size and scrolls inside its box, never the page. */}
      <div class="chart-scroll" role="region" tabindex={0} aria-label={t('dashboard.months.scrollLabel')}>
        <svg
          viewBox={`0 0 ${g.width} ${g.height}`}
          role="img"
          aria-labelledby="month-chart-title month-chart-desc"
          xmlns="http://www.w3.org/2000/svg"
        >
          <title id="month-chart-title">{t('dashboard.months.chartTitle', range)}</title>
          <desc id="month-chart-desc">{t('dashboard.months.chartDesc', { total })}</desc>
          <g class="chart-shades">
            {g.shades.map((shade) => (
              <g>
                <rect x={shade.x} y={g.plot.top} width={shade.width} height={g.plot.height} fill={SHADE_FILL} />
                <text
                  x={shade.x + shade.width / 2}
                  y={g.plot.top - 6}
                  text-anchor="middle"
                  font-size="11"
                  fill={SHADE_INK}
                >
                  {t('dashboard.sidYear', { year: String(shade.year) })}
                </text>
              </g>
            ))}
          </g>
          <g class="chart-axis">
            {g.ticks.map((tick) => (
              <g>
                <line x1={g.plot.left} x2={g.plot.left + g.plot.width} y1={tick.y} y2={tick.y} stroke="#cfd6e2" />
                <text x={g.plot.left - 6} y={tick.y + 4} text-anchor="end" font-size="11" fill="#4a5466">
                  {number(tick.value)}
                </text>
              </g>
            ))}
            <line x1={g.plot.left} x2={g.plot.left + g.plot.width} y1={baseline} y2={baseline} stroke="#4a5466" />
          </g>
          <g class="chart-bars">
            {g.segments.map((s) => (
              <rect x={s.x} y={s.y} width={s.width} height={s.height} fill={colourOf(s.type)} stroke="#ffffff" />
            ))}
          </g>
          <g class="chart-months">
            {g.monthLabels
              .filter((label) => label.label)
              .map((label) => (
                <text x={label.x} y={baseline + 16} text-anchor="middle" font-size="11" fill="#4a5466">
                  {monthLabel(label.month)}
                </text>
              ))}
          </g>
        </svg>
      </div>
      <ul class="chart-legend" aria-label={t('dashboard.months.legend')}>
        {types.map((type) => (
          <li>
            <Swatch colour={colourOf(type)} />
            {typeLabel(view.i18n, type)}
          </li>
        ))}
        <li>
          <Swatch colour={SHADE_FILL} />
          {t('dashboard.months.windowLegend')}
        </li>
      </ul>
      {total === 0 ? <p class="muted">{t('dashboard.months.empty')}</p> : null}
    </div>
  );
}

function Swatch({ colour }: { colour: string }) {
  return (
    <svg class="swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
      <rect width="12" height="12" fill={colour} stroke="#4a5466" stroke-width="0.5" />
    </svg>
  );
}

interface MonthRow {
  month: string;
  windows: WindowDates[];
  counts: Map<string, number>;
  total: number;
}

/** The chart's figures: a row per month, a column per type shown, the SID windows named. */
export function MonthTable({ view, data }: { view: View; data: DashboardResponse }) {
  const { t, month: monthLabel, number } = view.i18n;
  const types = typesShown(data.engagementsByMonth);
  const rows: MonthRow[] = monthsEnding(data.asOf, MONTHS_SHOWN).map((month) => {
    const counts = new Map<string, number>();
    for (const row of data.engagementsByMonth)
      if (row.month === month) counts.set(row.type, (counts.get(row.type) ?? 0) + row.count);
    return {
      month,
      windows: windowsOf(month, data.sidWindows),
      counts,
      total: [...counts.values()].reduce((a, b) => a + b, 0),
    };
  });
  const columns: Column<MonthRow>[] = [
    { label: t('dashboard.months.month'), cell: (row) => monthLabel(row.month) },
    {
      label: t('dashboard.months.sidWindow'),
      cell: (row) => row.windows.map((w) => t('dashboard.sidYear', { year: String(w.year) })).join(', '),
    },
    ...types.map((type): Column<MonthRow> => ({
      label: typeLabel(view.i18n, type),
      numeric: true,
      cell: (row) => number(row.counts.get(type) ?? 0),
    })),
    { label: t('dashboard.months.total'), numeric: true, cell: (row) => number(row.total) },
  ];
  return (
    <Table
      view={view}
      caption={t('dashboard.months.tableCaption')}
      columns={columns}
      rows={rows}
      rowClass={(row) => (row.windows.length > 0 ? 'in-sid-window' : undefined)}
      keepTable
      id="month-table"
    />
  );
}
