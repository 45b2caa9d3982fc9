import type { Centre, PartnerTier } from '../centres/centre.entity.js';
import { addDays, localDate } from '../common/dates.js';

export type CadenceSource = 'partner' | 'tier' | 'sector' | 'default';

export interface Cadence {
  days: number;
  /** Which rule gave it: the partner's own override, its tier, its sector, or the centre default. */
  source: CadenceSource;
}

/**
 * The partner's own override wins. Otherwise the centre's policy for its sector and for its tier
 * (key / regular / occasional) both apply and the more frequent one is kept (on a tie, the sector's);
 * with neither, the centre's default. The SQL in partner-derived.sql.ts applies the same rule.
 */
export function effectiveCadence(partner: { cadenceDays: number | null; tier: PartnerTier; sector: string }, centre: Pick<Centre, 'cadence'>): Cadence {
  if (partner.cadenceDays) return { days: partner.cadenceDays, source: 'partner' };
  const bySector = centre.cadence.bySector?.[partner.sector];
  const byTier = centre.cadence.byTier?.[partner.tier];
  if (bySector && (!byTier || bySector <= byTier)) return { days: bySector, source: 'sector' };
  if (byTier) return { days: byTier, source: 'tier' };
  return { days: centre.cadence.defaultDays, source: 'default' };
}

export interface ContactDue {
  /** The date the partner should next hear from the centre (its last engagement, or creation, plus the cadence). */
  nextContactDue: string;
  /** Due before today, in the centre's time zone. */
  overdue: boolean;
}

export function contactDue(lastEngagementAt: Date | null, createdAt: Date, cadenceDays: number, timeZone: string, asOf: Date): ContactDue {
  const nextContactDue = addDays(localDate(lastEngagementAt ?? createdAt, timeZone), cadenceDays);
  return { nextContactDue, overdue: nextContactDue < localDate(asOf, timeZone) };
}
