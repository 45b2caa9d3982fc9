import { addDays, localDate, zonedTime } from '../common/dates.js';

/** How long after its hour a daily scan may take to finish before it counts as overdue. */
export const SCAN_GRACE_MS = 60 * 60 * 1000;

export interface ScanExpectation {
  /** The instant the latest daily scan was due: today's reminder hour in the centre's time zone, or yesterday's. */
  expectedAt: Date;
  /** True when that scan has not finished although its grace period is over. */
  overdue: boolean;
}

/**
 * Whether a centre's daily scan is overdue: a scheduled scan should have finished by its reminder hour plus
 * SCAN_GRACE_MS. A centre created after that hour is not yet expected to have been scanned.
 */
export function scanExpectation(input: {
  now: Date;
  timezone: string;
  reminderHour: number;
  centreCreatedAt: Date;
  lastScanFinishedAt: Date | null;
}): ScanExpectation {
  const today = localDate(input.now, input.timezone);
  let expectedAt = zonedTime(today, input.reminderHour, input.timezone);
  if (expectedAt > input.now) expectedAt = zonedTime(addDays(today, -1), input.reminderHour, input.timezone);
  const graceOver = input.now.getTime() - expectedAt.getTime() > SCAN_GRACE_MS;
  const expected = input.centreCreatedAt < expectedAt;
  const done = input.lastScanFinishedAt !== null && input.lastScanFinishedAt >= expectedAt;
  return { expectedAt, overdue: graceOver && expected && !done };
}
