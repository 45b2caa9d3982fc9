import { Clock } from '../../src/common/clock.js';

/**
 * The instant a test clock starts at: `KW_TEST_NOW` (any ISO 8601 instant, e.g. 2027-02-08T08:30:00Z) or a fixed
 * default, so the suites that depend on the time of day, the weekday, month and year ends or the SID season give the
 * same answer whenever they run. The default is a Wednesday at 12:30 in Brussels, outside every SID window and far
 * from DST changes and month ends; `npm run test:instants` runs those suites again at the instants that used to bite.
 */
export const DEFAULT_TEST_NOW = '2027-05-12T10:30:00Z';

export function pinnedNow(): Date {
  const raw = process.env.KW_TEST_NOW || DEFAULT_TEST_NOW;
  const instant = new Date(raw);
  if (Number.isNaN(instant.getTime()) || !/(Z|[+-]\d\d:?\d\d)$/.test(raw))
    throw new Error(`KW_TEST_NOW must be an ISO 8601 instant with a time zone, got "${raw}"`);
  return instant;
}

/**
 * A clock pinned at `start` (the pinned instant by default) that then runs with real time, and that the test moves
 * forward. The database's own `now()` (created_at defaults) and BullMQ's job schedulers still read the real time.
 */
export class TestClock extends Clock {
  private offsetMs: number;

  constructor(start: Date = pinnedNow()) {
    super();
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jumps to `instant` (forward or back). */
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
