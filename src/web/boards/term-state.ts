import { daysBetween } from '../../common/dates.js';
import type { Term } from '../../boards/coverage.js';
import { BOARD_TERM_NOTICE_DAYS } from '../../reminder-scan/reminder-rules.sql.js';

/** Where a seat's term stands on a day, for the members table ("Term ends 3 Jun 2027 — in 22 days"). */
export type TermState =
  | { kind: 'upcoming'; starts: string }
  | { kind: 'ended'; ended: string }
  /** Ends within the notice period: the same one as the "board term ending" reminder, so page and digest agree. */
  | { kind: 'endingSoon'; ends: string; days: number }
  | { kind: 'current'; ends: string | null };

export function termState(term: Term, today: string, noticeDays = BOARD_TERM_NOTICE_DAYS): TermState {
  if (term.termStart > today) return { kind: 'upcoming', starts: term.termStart };
  if (term.termEnd === null) return { kind: 'current', ends: null };
  if (term.termEnd < today) return { kind: 'ended', ended: term.termEnd };
  const days = daysBetween(today, term.termEnd);
  return days <= noticeDays
    ? { kind: 'endingSoon', ends: term.termEnd, days }
    : { kind: 'current', ends: term.termEnd };
}
