import { describe, expect, it } from '@jest/globals';
import { defaultSidDate, inWindow, isSidYear, overrideRange, sidDateOf, sidWindow } from './sid-calendar.js';

/** Safer Internet Day as it was (and will be) celebrated: the Tuesday between 5 and 11 February. */
const SID_DATES: [number, string][] = [
  [2019, '2019-02-05'],
  [2020, '2020-02-11'],
  [2021, '2021-02-09'],
  [2022, '2022-02-08'],
  [2023, '2023-02-07'],
  [2024, '2024-02-06'],
  [2025, '2025-02-11'],
  [2026, '2026-02-10'],
  [2027, '2027-02-09'],
  [2028, '2028-02-08'],
  [2029, '2029-02-06'],
  [2030, '2030-02-05'],
];

/** Day of week (0 = Sunday) and day of month, read independently of the code under test. */
function weekdayAndDay(date: string): { weekday: number; month: number; day: number } {
  const d = new Date(`${date}T12:00:00Z`);
  return { weekday: d.getUTCDay(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

describe('defaultSidDate', () => {
  it.each(SID_DATES)('SID %i is %s', (year, expected) => {
    expect(defaultSidDate(year)).toBe(expected);
  });

  it.each(SID_DATES)('the table itself is right: SID %i (%s) is a Tuesday between 5 and 11 February', (_year, date) => {
    expect(weekdayAndDay(date)).toEqual({ weekday: 2, month: 2, day: expect.any(Number) });
    expect(weekdayAndDay(date).day).toBeGreaterThanOrEqual(5);
    expect(weekdayAndDay(date).day).toBeLessThanOrEqual(11);
  });

  it('is a Tuesday between 5 and 11 February of its own year for every year 2004–2100', () => {
    for (let year = 2004; year <= 2100; year++) {
      const date = defaultSidDate(year);
      const { weekday, month, day } = weekdayAndDay(date);
      expect({ year, date: date.slice(0, 4), weekday, month, inRange: day >= 5 && day <= 11 }).toEqual({
        year,
        date: String(year),
        weekday: 2,
        month: 2,
        inRange: true,
      });
    }
  });
});

describe('sidWindow', () => {
  it.each([
    ['the default 42 days before SID 2027 fall in the previous year', '2027-02-09', 42, 14, '2026-12-29', '2027-02-23'],
    ['SID 2021 minus 42 days', '2021-02-09', 42, 14, '2020-12-29', '2021-02-23'],
    ['into 29 February of a leap year (2028)', '2028-02-08', 0, 21, '2028-02-08', '2028-02-29'],
    ['past 29 February of a leap year (2028)', '2028-02-08', 0, 22, '2028-02-08', '2028-03-01'],
    ['into March of a common year (2027 has no 29 February)', '2027-02-09', 0, 20, '2027-02-09', '2027-03-01'],
    ['2100 is not a leap year', '2100-02-09', 0, 20, '2100-02-09', '2100-03-01'],
    ['back across a leap year (2024) into the summer before', '2025-02-11', 180, 0, '2024-08-15', '2025-02-11'],
    ['to 29 February 2024', '2024-02-06', 1, 23, '2024-02-05', '2024-02-29'],
    ['an empty margin is SID alone', '2026-02-10', 0, 0, '2026-02-10', '2026-02-10'],
  ])('%s', (_name, sid, before, after, start, end) => {
    expect(sidWindow(sid, before, after)).toEqual({ start, end });
  });
});

describe('inWindow', () => {
  const window = sidWindow('2027-02-09', 42, 14);

  it.each([
    ['2026-12-28', false],
    ['2026-12-29', true],
    ['2027-02-09', true],
    ['2027-02-23', true],
    ['2027-02-24', false],
    ['2026-02-10', false],
  ])('%s → %s (both ends included)', (date, expected) => {
    expect(inWindow(date, window)).toBe(expected);
  });
});

describe('years and overrides', () => {
  it.each([
    [2003, false],
    [2004, true],
    [2027, true],
    [2100, true],
    [2101, false],
    [2027.5, false],
    [Number.NaN, false],
  ])('isSidYear(%p) is %p', (year, expected) => {
    expect(isSidYear(year)).toBe(expected);
  });

  it('lets a centre move SID anywhere in January to March of that year', () => {
    expect(overrideRange(2027)).toEqual({ start: '2027-01-01', end: '2027-03-31' });
  });

  it('takes the centre date when there is one', () => {
    expect(sidDateOf(2027, null)).toEqual({ date: '2027-02-09', source: 'default' });
    expect(sidDateOf(2027, undefined)).toEqual({ date: '2027-02-09', source: 'default' });
    expect(sidDateOf(2027, '2027-02-16')).toEqual({ date: '2027-02-16', source: 'centre' });
  });
});
