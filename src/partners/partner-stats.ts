import type { CentreTx } from '../database/centre-scope.js';
import { Partner } from './partner.entity.js';

/**
 * Columns of a partner derived from other rows, kept in step in the same transaction as the change that
 * moves them. Call after any write to engagements (lastEngagementAt) or to a partner's name, tags or
 * contacts (searchText). One UPDATE each, whatever the number of partners.
 */
export async function refreshLastEngagement(tx: CentreTx, partnerIds: string[]): Promise<void> {
  if (partnerIds.length === 0) return;
  await lockPartners(tx, partnerIds);
  await tx
    .updateDerived(Partner)
    .set({
      lastEngagementAt: () =>
        `(SELECT max(ep.occurred_at) FROM engagement_partner ep WHERE ep.partner_id = "partner"."id")`,
      updatedAt: () => '"updated_at"', // derived, not an edit of the partner
    })
    .andWhere('id IN (:...partnerIds)', { partnerIds: [...new Set(partnerIds)] })
    .execute();
}

/** Name, tags and the names and emails of current contacts, lower-cased and without accents (keepwarm_fold). */
export async function refreshSearchText(tx: CentreTx, partnerIds: string[]): Promise<void> {
  if (partnerIds.length === 0) return;
  await lockPartners(tx, partnerIds);
  await tx
    .updateDerived(Partner)
    .set({
      searchText: () => `keepwarm_fold(concat_ws(' ', "name", array_to_string("tags", ' '),
        (SELECT string_agg(concat_ws(' ', c.name, c.email), ' ') FROM contact c WHERE c.partner_id = "partner"."id" AND c.erased_at IS NULL)))`,
      updatedAt: () => '"updated_at"',
    })
    .andWhere('id IN (:...partnerIds)', { partnerIds: [...new Set(partnerIds)] })
    .execute();
}

/**
 * What refreshSearchText folds (keepwarm_fold in SQL), made in Node for a partner not stored yet with its people:
 * concat_ws of the name, the tags and the people's names and emails (an absent email left out, and no people no
 * part at all). An import inserts it through keepwarm_fold, so the new partners need no UPDATE; a test checks that
 * refreshSearchText then changes nothing.
 */
export function searchTextSource(
  partner: { name: string; tags?: string[] | null },
  people: { name: string; email?: string | null }[],
): string {
  const names = people.map((person) => (person.email == null ? person.name : `${person.name} ${person.email}`));
  const parts = [partner.name, (partner.tags ?? []).join(' ')];
  if (names.length > 0) parts.push(names.join(' '));
  return parts.join(' ');
}

/**
 * refreshSearchText for many partners at once (an import): one UPDATE joined to their contacts grouped by partner,
 * so its cost follows the number of rows, not partners × contacts (the correlated subquery above, on contacts just
 * inserted and not yet analysed, scans the table once a partner). The same text. Takes no locks: the caller holds
 * them (partners it created, or updated through CentreTx.update).
 */
export async function refreshSearchTextOfMany(tx: CentreTx, partnerIds: string[]): Promise<void> {
  if (partnerIds.length === 0) return;
  await tx.derive(
    `UPDATE partner p SET search_text = keepwarm_fold(concat_ws(' ', p.name, array_to_string(p.tags, ' '), s.people))
      FROM (SELECT ids.id, string_agg(concat_ws(' ', c.name, c.email), ' ') AS people
              FROM unnest(CAST(:partnerIds AS uuid[])) AS ids(id)
              LEFT JOIN contact c ON c.centre_id = :centreId AND c.partner_id = ids.id AND c.erased_at IS NULL
             GROUP BY ids.id) s
     WHERE p.centre_id = :centreId AND p.id = s.id`,
    { partnerIds: [...new Set(partnerIds)] },
  );
}

/**
 * Locks the partners (in id order, so two writers can't deadlock) before recomputing from other rows: once a
 * concurrent writer of the same partner has committed, the UPDATE that follows starts a fresh snapshot and sees
 * its rows (without the lock, READ COMMITTED would recompute from a snapshot missing them).
 */
async function lockPartners(tx: CentreTx, partnerIds: string[]): Promise<void> {
  await tx
    .select(Partner, 'p')
    .select('p.id', 'id')
    .andWhere('p.id IN (:...partnerIds)', { partnerIds: [...new Set(partnerIds)] })
    .orderBy('p.id')
    .setLock('pessimistic_write')
    .getRawMany();
}

/** The search text as a query should be folded to match searchText (the same keepwarm_fold in SQL). */
export const FOLDED_SEARCH = `keepwarm_fold(:search)`;
