import { describe, expect, it } from '@jest/globals';
import { chartGeometry, monthPosition, monthsEnding, niceMax, ticksOf, type ChartGeometry } from './chart-geometry.js';

const MONTHS = monthsEnding('2027-05-12', 24);

function numbersOf(geometry: ChartGeometry): number[] {
  return [
    geometry.max,
    ...geometry.ticks.flatMap((t) => [t.value, t.y]),
    ...geometry.segments.flatMap((s) => [s.x, s.y, s.width, s.height]),
    ...geometry.shades.flatMap((s) => [s.x, s.width]),
    ...geometry.monthLabels.map((l) => l.x),
  ];
}

describe('monthsEnding', () => {
  it("gives the 24 months ending with asOf's month, across years", () => {
    expect(MONTHS).toHaveLength(24);
    expect(MONTHS[0]).toBe('2025-06');
    expect(MONTHS[23]).toBe('2027-05');
    expect(monthsEnding('2027-01-31', 3)).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

describe('niceMax and ticksOf', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [20, 20],
    [47, 50],
    [51, 100],
    [980, 1000],
  ])('rounds %i up to %i', (value, max) => {
    expect(niceMax(value)).toBe(max);
  });

  it('ticks whole numbers from 0 to the top', () => {
    expect(ticksOf(1)).toEqual([0, 1]);
    expect(ticksOf(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticksOf(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticksOf(100)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});

describe('chartGeometry', () => {
  const windows = [
    { year: 2026, start: '2025-12-30', end: '2026-02-24' },
    { year: 2027, start: '2026-12-29', end: '2027-02-23' },
  ];

  it('stacks bars whose heights are proportional to the counts, bottom type first', () => {
    const g = chartGeometry({
      months: MONTHS,
      types: ['meeting', 'call'],
      windows: [],
      counts: [
        { month: '2027-02', type: 'meeting', count: 6 },
        { month: '2027-02', type: 'call', count: 4 },
        { month: '2026-07', type: 'call', count: 5 },
      ],
    });
    expect(g.max).toBe(10);
    const feb = g.segments.filter((s) => s.month === '2027-02');
    expect(feb.map((s) => s.type)).toEqual(['meeting', 'call']);
    expect(feb[0]!.height / feb[1]!.height).toBeCloseTo(6 / 4);
    // 10 of 10 fills the plot; the meeting segment sits on the baseline and the call one on top of it.
    expect(feb[0]!.height + feb[1]!.height).toBeCloseTo(g.plot.height);
    expect(feb[0]!.y + feb[0]!.height).toBeCloseTo(g.plot.top + g.plot.height);
    expect(feb[1]!.y + feb[1]!.height).toBeCloseTo(feb[0]!.y);
    const july = g.segments.find((s) => s.month === '2026-07')!;
    expect(july.height).toBeCloseTo(g.plot.height / 2);
    // February 2027 is the 21st of 24 slots.
    const slot = g.plot.width / 24;
    expect(feb[0]!.x).toBeGreaterThan(g.plot.left + 20 * slot);
    expect(feb[0]!.x + feb[0]!.width).toBeLessThan(g.plot.left + 21 * slot);
    expect(g.totals.find((t) => t.month === '2027-02')!.total).toBe(10);
  });

  it('shades each SID window over its own days of the right months', () => {
    const g = chartGeometry({ months: MONTHS, types: ['meeting'], counts: [], windows });
    const slot = g.plot.width / 24;
    expect(g.shades.map((s) => s.year)).toEqual([2026, 2027]);
    const [w2026, w2027] = g.shades as [(typeof g.shades)[0], (typeof g.shades)[0]];
    // 2025-12-30 is in December 2025, the 7th month (index 6): day 30 of 31.
    expect(w2026.x).toBeCloseTo(g.plot.left + (6 + 29 / 31) * slot);
    // It ends after 2026-02-24: day 24 of February 2026's 28, index 8.
    expect(w2026.x + w2026.width).toBeCloseTo(g.plot.left + (8 + 24 / 28) * slot);
    expect(w2027.x).toBeCloseTo(g.plot.left + (18 + 28 / 31) * slot);
    expect(w2027.x + w2027.width).toBeCloseTo(g.plot.left + (20 + 23 / 28) * slot);
  });

  it('clips a window to the months shown and drops one outside them', () => {
    const g = chartGeometry({
      months: MONTHS,
      types: [],
      counts: [],
      windows: [
        { year: 2025, start: '2024-12-31', end: '2025-06-10' },
        { year: 2024, start: '2024-01-01', end: '2024-02-20' },
      ],
    });
    expect(g.shades).toHaveLength(1);
    expect(g.shades[0]!.x).toBeCloseTo(g.plot.left);
    expect(g.shades[0]!.width).toBeCloseTo((10 / 30) * (g.plot.width / 24));
  });

  it('draws nothing and no NaN for a centre without engagements', () => {
    const g = chartGeometry({ months: MONTHS, types: ['meeting', 'call'], counts: [], windows });
    expect(g.segments).toEqual([]);
    expect(g.max).toBe(1);
    expect(g.ticks.map((t) => t.value)).toEqual([0, 1]);
    expect(g.totals.every((t) => t.total === 0)).toBe(true);
    expect(numbersOf(g).every(Number.isFinite)).toBe(true);
  });

  it('has no NaN even without months or with zero counts', () => {
    const g = chartGeometry({
      months: [],
      types: ['meeting'],
      counts: [{ month: '2027-01', type: 'meeting', count: 0 }],
      windows,
    });
    expect(numbersOf(g).every(Number.isFinite)).toBe(true);
    expect(g.shades).toEqual([]);
  });

  it('labels the last month and every third before it', () => {
    const g = chartGeometry({ months: MONTHS, types: [], counts: [], windows: [] });
    expect(g.monthLabels.filter((l) => l.label).map((l) => l.month)).toEqual([
      '2025-08',
      '2025-11',
      '2026-02',
      '2026-05',
      '2026-08',
      '2026-11',
      '2027-02',
      '2027-05',
    ]);
  });

  it('places a day on the month axis', () => {
    expect(monthPosition(MONTHS, '2025-06-01')).toBe(0);
    expect(monthPosition(MONTHS, '2027-06-01')).toBe(24);
    expect(monthPosition(MONTHS, '2020-01-01')).toBe(0);
    expect(monthPosition(MONTHS, '2026-06-16')).toBeCloseTo(12 + 15 / 30);
  });
});
