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
