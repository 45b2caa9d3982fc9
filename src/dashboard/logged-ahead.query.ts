import type { CentreTx } from '../database/centre-scope.js';
import { DAY_AFTER } from './dashboard.sql.js';

/**
 * Whether the centre has an engagement after the local day `asOf` (one logged a little ahead, for time zones):
 * the partners' rollup columns would count it, so the dashboard then works from the engagements instead.
 */
export async function loggedAhead(tx: CentreTx, asOf: string, timezone: string): Promise<boolean> {
  const [row] = await tx.report<{ ahead: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM engagement_partner ep WHERE ep.centre_id = :centreId AND ep.occurred_at >= ${DAY_AFTER}) AS ahead`,
    { asOf, tz: timezone },
  );
  return row?.ahead ?? false;
}
