import type { DuplicatePair, DuplicatePartner } from './dto/partner-duplicates.dto.js';
import { partnerNameKey, websiteDomainKey, type PartnerMatchReason } from './partner-identity.js';

/**
 * The pairs of partners that look like one organisation, by the import's rules (partner-identity): the same name
 * key, or else the same website domain. A pair is listed once, with the name as its reason when both match; a
 * group of three gives its three pairs. `partners` come oldest first, and so does each pair's `a`.
 */
export function duplicatePairs(partners: DuplicatePartner[]): DuplicatePair[] {
  const groups = new Map<string, DuplicatePartner[]>();
  const keyed = (reason: PartnerMatchReason, key: string | null, partner: DuplicatePartner) => {
    if (!key) return;
    const group = groups.get(`${reason}:${key}`);
    if (group) group.push(partner);
    else groups.set(`${reason}:${key}`, [partner]);
  };
  for (const partner of partners) {
    keyed('name', partnerNameKey(partner.name), partner);
    keyed('domain', websiteDomainKey(partner.website), partner);
  }
  const pairs = new Map<string, DuplicatePair>();
  for (const [key, group] of groups) {
    const reason = key.startsWith('name:') ? 'name' : 'domain';
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const id = `${group[i]!.id}:${group[j]!.id}`;
        const known = pairs.get(id);
        if (!known || (known.reason === 'domain' && reason === 'name'))
          pairs.set(id, { reason, a: group[i]!, b: group[j]! });
      }
    }
  }
  return [...pairs.values()].sort(
    (x, y) => x.a.name.localeCompare(y.a.name) || x.b.name.localeCompare(y.b.name) || x.a.id.localeCompare(y.a.id),
  );
}
