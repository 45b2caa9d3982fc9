import { addDays } from '../common/dates.js';

/**
 * Safer Internet Day is the Tuesday between 5 and 11 February (2025-02-11, 2026-02-10, 2027-02-09).
 * The SQL function keepwarm_default_sid_date (see the PartnersAndHistory migration) is the same rule.
 */
export function defaultSidDate(year: number): string {
  const fifth = new Date(Date.UTC(year, 1, 5));
  const isoWeekday = fifth.getUTCDay() === 0 ? 7 : fifth.getUTCDay(); // Monday 1 … Sunday 7
  const toTuesday = (9 - isoWeekday) % 7;
  return addDays(fifth.toISOString().slice(0, 10), toTuesday);
}

export interface SidWindow {
  start: string;
  end: string;
}

/** The SID window of a year: `[SID - before, SID + after]`, both ends included. */
export function sidWindow(sidDate: string, daysBefore: number, daysAfter: number): SidWindow {
  return { start: addDays(sidDate, -daysBefore), end: addDays(sidDate, daysAfter) };
}

export function inWindow(date: string, window: SidWindow): boolean {
  return date >= window.start && date <= window.end;
}

/** The years a SID campaign can have (SID started in 2004; the sid_campaign CHECK says the same). */
export const SID_FIRST_YEAR = 2004;
export const SID_LAST_YEAR = 2100;

export function isSidYear(year: number): boolean {
  return Number.isInteger(year) && year >= SID_FIRST_YEAR && year <= SID_LAST_YEAR;
}

/** A centre may move its SID of `year` anywhere from January to March of that year, never into another year's season. */
export function overrideRange(year: number): SidWindow {
  const y = String(year).padStart(4, '0');
  return { start: `${y}-01-01`, end: `${y}-03-31` };
}

/** The year's SID date: the centre's own when it set one, the Tuesday between 5 and 11 February otherwise. */
export function sidDateOf(
  year: number,
  override: string | null | undefined,
): { date: string; source: 'default' | 'centre' } {
  return override ? { date: override, source: 'centre' } : { date: defaultSidDate(year), source: 'default' };
}
