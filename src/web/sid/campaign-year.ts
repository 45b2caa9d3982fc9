/**
 * The SID campaign a centre is working on as of `today` (its local date): this calendar year's until its SID day
 * has passed, then next year's. The reminder scan's SID invitations aim at the same year (reminder-rules.sql.ts,
 * sidInvitations), so "last year" and "this year" mean the same on the campaign page as in the digest.
 * `sidThisYear` is the SID date of today's year (the centre's own when it set one).
 */
export function campaignYear(today: string, sidThisYear: string): number {
  const year = Number(today.slice(0, 4));
  return today <= sidThisYear ? year : year + 1;
}
