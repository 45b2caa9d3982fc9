import type { CentreTx } from '../database/centre-scope.js';
import { derivedPartnerSql } from '../partners/partner-derived.sql.js';
import type { CadenceContext } from './cadence-standing.query.js';
import type { DashboardFrame } from './dashboard-frame.js';
import { countedPartners, frameParams, type Narrowing } from './dashboard.sql.js';

export interface OverduePartnerRow {
  id: string;
  name: string;
  ownerId: string | null;
  nextContactDue: string;
  daysOverdue: number;
}

/** The overdue partners shown (next contact due before asOf), most overdue first; `limit` null: all of them. */
export function overduePartners(
  tx: CentreTx,
  frame: DashboardFrame,
  cadence: CadenceContext,
  limit: number | null,
  narrowing: Narrowing = {},
): Promise<OverduePartnerRow[]> {
  const derived = derivedPartnerSql('p', { centre: cadence.centre, today: frame.asOf, current: cadence.current });
  return tx.report<OverduePartnerRow>(
    `SELECT d.id, d.name, d.owner_id AS "ownerId", to_char(d.due, 'YYYY-MM-DD') AS "nextContactDue",
      ((:asOf)::date - d.due)::int AS "daysOverdue"
    FROM (SELECT p.id, p.name, p.owner_id, ${derived.nextContactDue} AS due FROM partner p
      WHERE ${countedPartners(narrowing.ownerId)}) d
    WHERE d.due < (:asOf)::date
    ORDER BY d.due, d.name, d.id
    LIMIT (:limit)::int`,
    { ...frameParams(frame, narrowing), ...derived.params, limit },
  );
}
