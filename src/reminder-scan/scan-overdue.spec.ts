import { describe, expect, it } from '@jest/globals';
import { scanExpectation } from './scan-overdue.js';

const base = { timezone: 'Europe/Brussels', reminderHour: 9, centreCreatedAt: new Date('2026-01-01T00:00:00Z') };

describe('scanExpectation', () => {
  it("expects today's scan once the reminder hour has passed in the centre's time zone", () => {
    const result = scanExpectation({
      ...base,
      now: new Date('2026-11-27T12:00:00Z'),
      lastScanFinishedAt: new Date('2026-11-26T08:00:05Z'),
    });
    expect(result.expectedAt.toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(result.overdue).toBe(true);
  });

  it("expects yesterday's scan before today's hour", () => {
    const result = scanExpectation({
      ...base,
      now: new Date('2026-11-27T06:00:00Z'),
      lastScanFinishedAt: new Date('2026-11-26T08:00:05Z'),
    });
    expect(result.expectedAt.toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(result.overdue).toBe(false);
  });

  it('gives a running scan its grace hour', () => {
    expect(
      scanExpectation({
        ...base,
        now: new Date('2026-11-27T08:30:00Z'),
        lastScanFinishedAt: new Date('2026-11-26T08:00:05Z'),
      }).overdue,
    ).toBe(false);
    expect(
      scanExpectation({
        ...base,
        now: new Date('2026-11-27T09:00:01Z'),
        lastScanFinishedAt: new Date('2026-11-26T08:00:05Z'),
      }).overdue,
    ).toBe(true);
  });

  it('is overdue when a centre has never been scanned, unless it was created after the hour', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(scanExpectation({ ...base, now, lastScanFinishedAt: null }).overdue).toBe(true);
    expect(
      scanExpectation({ ...base, now, centreCreatedAt: new Date('2026-11-27T10:00:00Z'), lastScanFinishedAt: null })
        .overdue,
    ).toBe(false);
  });

  it('follows daylight saving: 09:00 in Brussels is 07:00 UTC in summer', () => {
    const result = scanExpectation({
      ...base,
      now: new Date('2026-07-01T12:00:00Z'),
      lastScanFinishedAt: new Date('2026-07-01T07:00:03Z'),
    });
    expect(result.expectedAt.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(result.overdue).toBe(false);
  });
});
