/**
 * Calendar dates (YYYY-MM-DD) as a centre lives them: "today" and "the day of this engagement" are read in
 * the centre's time zone, and day arithmetic is done on dates, never on instants, so DST changes don't matter.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD (2027-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * The one range of dates the API accepts, in every date or date-time field and query parameter: wide enough for
 * any history or plan, narrow enough that date arithmetic (a day after `to`, a scan's next SID) stays in
 * four-digit years that JavaScript, PostgreSQL and YYYY-MM-DD all agree on.
 */
export const FIRST_ACCEPTED_DATE = '1900-01-01';
export const LAST_ACCEPTED_DATE = '2199-12-31';
export const ACCEPTED_DATES = `from ${FIRST_ACCEPTED_DATE} to ${LAST_ACCEPTED_DATE}`;

/** A real calendar date written YYYY-MM-DD, within the accepted range. */
export function isAcceptedDate(value: unknown): value is string {
  return typeof value === 'string' && isIsoDate(value) && value >= FIRST_ACCEPTED_DATE && value <= LAST_ACCEPTED_DATE;
}

/** A calendar date (read in the centre's time zone) or an exact instant. */
export type When = { date: string } | { instant: Date };

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/** `YYYY-MM-DD`, or an ISO 8601 date-time with `Z` or an offset, within the accepted range (in UTC); anything else is undefined. */
export function parseWhen(value: unknown): When | undefined {
  if (typeof value !== 'string') return undefined;
  if (isIsoDate(value)) return isAcceptedDate(value) ? { date: value } : undefined;
  const match = INSTANT.exec(value);
  if (!match || !isIsoDate(match[1]!)) return undefined;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime()) || !isAcceptedDate(instant.toISOString().slice(0, 10))) return undefined;
  return { instant };
}

export const WHEN_FORMAT = `an ISO 8601 instant with a time zone (2026-03-01T11:30:00Z, 2026-03-01T12:30:00+01:00) or a date YYYY-MM-DD, ${ACCEPTED_DATES}`;

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one (a hot path). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` in time zone `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [from, to].map((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  }) as [number, number];
  return Math.round((b - a) / 86_400_000);
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` `hour`:00. When the clocks go back and that
 * time happens twice, the first; when they jump over it (a daylight-saving gap), the same reading after the jump
 * (so a day whose midnight is skipped starts at 01:00).
 */
export function zonedTime(date: string, hour: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  const day = 24 * 60 * 60 * 1000;
  const candidates = [
    ...new Set([offsetAt(wall - day, timeZone), offsetAt(wall, timeZone), offsetAt(wall + day, timeZone)]),
  ]
    .map((offset) => wall - offset)
    .sort((a, b) => a - b);
  const exact = candidates.find((t) => offsetAt(t, timeZone) === wall - t);
  return new Date(exact ?? candidates[candidates.length - 1]!);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (ms). */
function offsetAt(instant: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const shown = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return shown - Math.floor(instant / 1000) * 1000;
}

/** Whether a date (YYYY-MM-DD) is a Monday: the weekly summary's day. */
export function isMonday(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() === 1;
}
