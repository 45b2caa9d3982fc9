import { describe, expect, it } from '@jest/globals';
import { dashboardFrame, windowsShown } from './dashboard-frame.js';

const BRUSSELS = { timezone: 'Europe/Brussels', sidDaysBefore: 42, sidDaysAfter: 14 };

describe('dashboardFrame', () => {
  it('takes the trailing year as the 365 days ending on asOf, across a leap day', () => {
    expect(dashboardFrame('2028-03-01', BRUSSELS, new Map()).yearFrom).toBe('2027-03-03'); // 2028-02-29 is one of the 365 days;
    expect(dashboardFrame('2027-05-12', BRUSSELS, new Map()).yearFrom).toBe('2026-05-13');
  });

  it('builds each window from the Tuesday rule, or the date the centre set for that year', () => {
    const frame = dashboardFrame('2027-05-12', BRUSSELS, new Map([[2026, '2026-02-17']]));
    const byYear = new Map(frame.windows.map((w) => [w.year, w]));
    // 2027-02-09 is the Tuesday between 5 and 11 February: 42 days before is 2026-12-29, 14 after 2027-02-23.
    expect(byYear.get(2027)).toEqual({ year: 2027, date: '2027-02-09', start: '2026-12-29', end: '2027-02-23' });
    expect(byYear.get(2026)).toEqual({ year: 2026, date: '2026-02-17', start: '2026-01-06', end: '2026-03-03' });
    expect(frame.windows.map((w) => w.year)).toEqual([2023, 2024, 2025, 2026, 2027, 2028]);
  });

  it('reports the last three SID years whose window ended before asOf, with the next window start', () => {
    const frame = dashboardFrame('2027-05-12', BRUSSELS, new Map());
    expect(frame.retentionYears.map((y) => [y.year, y.end, y.nextStart])).toEqual([
      [2025, '2025-02-25', '2025-12-30'],
      [2026, '2026-02-24', '2026-12-29'],
      [2027, '2027-02-23', '2027-12-28'],
    ]);
    // On the window's last day the window has not ended yet.
    expect(dashboardFrame('2027-02-23', BRUSSELS, new Map()).retentionYears.map((y) => y.year)).toEqual([
      2024, 2025, 2026,
    ]);
    expect(dashboardFrame('2027-02-24', BRUSSELS, new Map()).retentionYears.map((y) => y.year)).toEqual([
      2025, 2026, 2027,
    ]);
  });

  it("spans the 24 calendar months ending with asOf's month, and shows the windows touching them", () => {
    const frame = dashboardFrame('2027-01-15', BRUSSELS, new Map());
    expect([frame.monthsFrom, frame.monthsTo]).toEqual(['2025-02-01', '2027-01-31']);
    // The 2025 window (2024-12-31 … 2025-02-25) reaches into February 2025; the 2027 one has started.
    expect(windowsShown(frame).map((w) => w.year)).toEqual([2025, 2026, 2027]);
    expect(dashboardFrame('2028-02-29', BRUSSELS, new Map()).monthsTo).toBe('2028-02-29');
  });
});
