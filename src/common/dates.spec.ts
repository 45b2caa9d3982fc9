import { describe, expect, it } from '@jest/globals';
import { addDays, daysBetween, isIsoDate, localDate, zonedTime } from './dates.js';

describe("localDate: the calendar day of an instant in a centre's time zone", () => {
  it.each([
    ['2026-03-01T11:30:00Z', 'Pacific/Auckland', '2026-03-02'],
    ['2026-03-01T11:30:00Z', 'UTC', '2026-03-01'],
    ['2026-03-01T11:30:00Z', 'America/Los_Angeles', '2026-03-01'],
    ['2026-03-28T23:30:00Z', 'Europe/Brussels', '2026-03-29'], // the night clocks go forward
    ['2026-10-24T22:30:00Z', 'Europe/Brussels', '2026-10-25'], // the night clocks go back (CEST)
    ['2026-10-25T22:30:00Z', 'Europe/Brussels', '2026-10-25'], // a day later, now CET
    ['2026-12-31T23:30:00Z', 'Europe/Brussels', '2027-01-01'],
    ['2028-02-29T12:00:00Z', 'Europe/Brussels', '2028-02-29'],
  ])('%s in %s is %s', (instant, timeZone, expected) => {
    expect(localDate(new Date(instant), timeZone)).toBe(expected);
  });
});

describe('day arithmetic on dates', () => {
  it.each([
    ['2026-08-28', 90, '2026-11-26'],
    ['2026-03-28', 1, '2026-03-29'], // across a DST change: still one day
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-12-30', 5, '2027-01-04'],
    ['2027-02-09', -42, '2026-12-29'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('knows real dates from look-alikes', () => {
    expect(['2028-02-29', '2026-12-31'].map(isIsoDate)).toEqual([true, true]);
    expect(['2027-02-29', '2026-13-01', '2026-1-1', '20260101', ''].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('zonedTime: the instant a wall clock shows a date and hour', () => {
  it.each([
    ['2026-06-01', 12, 'Europe/Brussels', '2026-06-01T10:00:00.000Z'],
    ['2026-01-15', 12, 'Europe/Brussels', '2026-01-15T11:00:00.000Z'],
    ['2026-03-02', 12, 'Pacific/Auckland', '2026-03-01T23:00:00.000Z'],
    ['2026-03-29', 2, 'Europe/Brussels', '2026-03-29T01:00:00.000Z'], // 02:00 is skipped: the same reading after the jump (03:00 CEST)
    ['2026-10-25', 2, 'Europe/Brussels', '2026-10-25T00:00:00.000Z'], // 02:00 happens twice: the first
    ['2026-03-29', 0, 'Europe/Brussels', '2026-03-28T23:00:00.000Z'],
  ])('%s %i:00 in %s is %s', (date, hour, timeZone, expected) => {
    expect(zonedTime(date, hour, timeZone).toISOString()).toBe(expected);
  });

  it('starts a day whose midnight is skipped at 01:00', () => {
    // Cuba moves its clocks at midnight: 2026-03-08 has no 00:00 in Havana.
    const start = zonedTime('2026-03-08', 0, 'America/Havana');
    expect(localDate(start, 'America/Havana')).toBe('2026-03-08');
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Havana', hour: '2-digit', hourCycle: 'h23' }).format(start),
    ).toBe('01');
  });
});
