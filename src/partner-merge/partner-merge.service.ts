import { Injectable } from '@nestjs/common';
import { User } from '../auth/user.entity.js';
import { BoardMembership } from '../boards/advisory-board.entity.js';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/dates.js';
import type { SidRoleStatus } from '../common/domain-values.js';
import { ConflictError, InvalidError } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { Contact } from '../contacts/contact.entity.js';
import { CentreScope, type CentreTx } from '../database/centre-scope.js';
import { EngagementPartner } from '../engagements/engagement.entity.js';
import { refreshLastEngagement, refreshSearchText } from '../partners/partner-stats.js';
import { Partner } from '../partners/partner.entity.js';
import { PartnersService } from '../partners/partners.service.js';
import { Reminder } from '../reminders/reminder.entity.js';
import { SidRole } from '../sid/sid.entity.js';
import type { MergeCounts, MergePartnerDto, MergeResponse } from './dto/partner-merge.dto.js';

/** SID role statuses from least to most advanced: a merged role of the same kind and year keeps the further one. */
const STATUS_RANK: Record<SidRoleStatus, number> = { declined: 0, invited: 1, confirmed: 2, delivered: 3 };

/** Reminders still to act on; done and cancelled ones stay with the merged partner as its history. */
const OPEN_REMINDER_STATES = ['pending', 'sent', 'snoozed'] as const;

/**
 * Merges one partner into another (the survivor) when both records are one organisation. In one transaction:
 *
 * - contacts move; when both partners have a primary contact, the survivor's stays primary and the moved one
 *   becomes an ordinary contact;
 * - engagement links move; an engagement linked to both keeps one link;
 * - SID roles move; two roles of the same kind and year become one: the survivor's row stays, with the more
 *   advanced status of the two (delivered > confirmed > invited > declined) and the merged role's notes added
 *   to its own, and the merged role is deleted;
 * - board seats move, all of them: two seats on one board stay two seats (they name two contact records), for
 *   the board's page to end one if they are the same person;
 * - open reminders move; one the survivor already has (same kind, subject and due date) is cancelled instead;
 * - the survivor's empty fields (website, region, country, notes, owner if still active, cadence) are filled from
 *   the merged partner, its tags and kinds become the union of both;
 * - the merged partner is archived with a note "Merged into <name> on <date>".
 *
 * Every moved row gets its own audit row (as any edit of it would); each partner gets an entry naming the other.
 * The survivor's derived columns are recomputed (last engagement, search text; its SID season rollup follows
 * the engagement links through their triggers).
 */
@Injectable()
export class PartnerMergeService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
    private readonly partners: PartnersService,
  ) {}

  async merge(ctx: RequestContext, id: string, dto: MergePartnerDto): Promise<MergeResponse> {
    if (dto.intoId === id)
      throw new InvalidError('A partner cannot be merged into itself', [
        { field: 'intoId', message: 'intoId must be another partner than the one merged' },
      ]);
    const moved = await this.scope.transaction(ctx, async (tx) => {
      const { merged, survivor } = await lockBoth(tx, id, dto.intoId);
      for (const partner of [merged, survivor]) {
        if (partner.archivedAt)
          throw new ConflictError(`${partner.name} is archived: restore it before merging`, [
            { field: partner === merged ? 'id' : 'intoId', message: `${partner.name} is archived` },
          ]);
      }
      const counts: MergeCounts = {
        contacts: await moveContacts(tx, merged.id, survivor.id),
        engagements: await moveEngagementLinks(tx, merged.id, survivor.id),
        sidRoles: await moveSidRoles(tx, merged, survivor.id),
        boardSeats: await moveBoardSeats(tx, merged.id, survivor.id),
        reminders: await moveOpenReminders(tx, merged.id, survivor.id),
      };
      await tx.update(Partner, survivor, await filledFields(tx, survivor, merged));
      const today = localDate(this.clock.now(), (await tx.centre()).timezone);
      const note = `Merged into ${survivor.name} on ${today}.`;
      await tx.update(Partner, merged, {
        archivedAt: this.clock.now(),
        notes: merged.notes ? `${merged.notes}\n\n${note}` : note,
      });
      await tx.audit('update', 'partner', merged.id, null, {
        merge: { intoId: survivor.id, intoName: survivor.name, moved: counts },
      });
      await tx.audit('update', 'partner', survivor.id, null, {
        merge: { fromId: merged.id, fromName: merged.name, moved: counts },
      });
      await refreshLastEngagement(tx, [survivor.id, merged.id]);
      await refreshSearchText(tx, [survivor.id, merged.id]);
      return counts;
    });
    return { partner: await this.partners.get(ctx, dto.intoId), mergedId: id, moved };
  }
}

/** Both partners, locked in id order (the order every partner writer takes, so two merges never deadlock). */
async function lockBoth(tx: CentreTx, id: string, intoId: string): Promise<{ merged: Partner; survivor: Partner }> {
  const [first, second] = [id, intoId].sort();
  const locked = new Map<string, Partner>();
  for (const key of [first!, second!]) locked.set(key, await tx.get(Partner, key, { lock: true }));
  return { merged: locked.get(id)!, survivor: locked.get(intoId)! };
}

async function moveContacts(tx: CentreTx, fromId: string, intoId: string): Promise<number> {
  const contacts = await tx.find(Contact, { where: { partnerId: fromId }, order: { createdAt: 'ASC', id: 'ASC' } });
  const survivorHasPrimary = (await tx.count(Contact, { partnerId: intoId, primary: true })) > 0;
  for (const contact of contacts) {
    await tx.update(Contact, contact, { partnerId: intoId, primary: contact.primary && !survivorHasPrimary });
  }
  return contacts.length;
}

/**
 * Relinks the merged partner's engagements to the survivor. Links are part of their engagement: each changed
 * engagement gets an audit row with its partners before and after, as an edit of its partners would.
 */
async function moveEngagementLinks(tx: CentreTx, fromId: string, intoId: string): Promise<number> {
  const links = await tx.report<{ engagementId: string; partnerId: string; occurredAt: Date }>(
    `SELECT ep.engagement_id AS "engagementId", ep.partner_id AS "partnerId", ep.occurred_at AS "occurredAt"
       FROM engagement_partner ep
      WHERE ep.centre_id = :centreId
        AND ep.engagement_id IN (SELECT m.engagement_id FROM engagement_partner m WHERE m.centre_id = :centreId AND m.partner_id = :fromId)
      ORDER BY ep.engagement_id, ep.partner_id`,
    { fromId },
  );
  if (links.length === 0) return 0;
  const partnersOf = new Map<string, string[]>();
  for (const link of links)
    partnersOf.set(link.engagementId, [...(partnersOf.get(link.engagementId) ?? []), link.partnerId]);
  await tx.deleteLinks(EngagementPartner, { partnerId: fromId });
  const toLink = links.filter(
    (link) => link.partnerId === fromId && !partnersOf.get(link.engagementId)!.includes(intoId),
  );
  await tx.insertLinks(
    EngagementPartner,
    toLink.map((link) => ({ engagementId: link.engagementId, partnerId: intoId, occurredAt: link.occurredAt })),
  );
  for (const [engagementId, before] of partnersOf) {
    const after = [...new Set(before.map((partnerId) => (partnerId === fromId ? intoId : partnerId)))].sort();
    await tx.audit('update', 'engagement', engagementId, { partnerIds: before }, { partnerIds: after });
  }
  return partnersOf.size;
}

async function moveSidRoles(tx: CentreTx, from: Partner, intoId: string): Promise<number> {
  const roles = await tx.find(SidRole, { where: { partnerId: from.id }, order: { year: 'ASC', role: 'ASC' } });
  for (const role of roles) {
    const kept = await tx.findOne(SidRole, { partnerId: intoId, year: role.year, role: role.role });
    if (!kept) {
      await tx.update(SidRole, role, { partnerId: intoId });
      continue;
    }
    const further = STATUS_RANK[role.status] > STATUS_RANK[kept.status];
    const notes = role.notes
      ? [kept.notes, `From ${from.name}: ${role.notes}`].filter(Boolean).join('\n\n')
      : kept.notes;
    await tx.update(SidRole, kept, {
      notes,
      ...(further ? { status: role.status, statusChangedAt: role.statusChangedAt } : {}),
    });
    await tx.remove(SidRole, role);
  }
  return roles.length;
}

async function moveBoardSeats(tx: CentreTx, fromId: string, intoId: string): Promise<number> {
  const seats = await tx.find(BoardMembership, { where: { partnerId: fromId } });
  for (const seat of seats) await tx.update(BoardMembership, seat, { partnerId: intoId });
  return seats.length;
}

/**
 * Open reminders follow the partner, their dedupe key rewritten to the survivor's (so the next scan recognises
 * them); one whose key the survivor already holds is a reminder it has already, and is cancelled.
 */
async function moveOpenReminders(tx: CentreTx, fromId: string, intoId: string): Promise<number> {
  const reminders = await tx
    .select(Reminder, 'r')
    .andWhere('r.partnerId = :fromId', { fromId })
    .andWhere('r.state IN (:...open)', { open: OPEN_REMINDER_STATES })
    .orderBy('r.dueDate', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .getMany();
  for (const reminder of reminders) {
    const dedupeKey = reminder.dedupeKey.split(fromId).join(intoId);
    const taken = await tx.count(Reminder, { dedupeKey });
    await tx.update(Reminder, reminder, taken ? { state: 'cancelled' } : { partnerId: intoId, dedupeKey });
  }
  return reminders.length;
}

/**
 * The survivor's empty fields filled from the merged partner (its owner only if still an active user); tags and
 * kinds are the union of both.
 */
async function filledFields(tx: CentreTx, survivor: Partner, merged: Partner) {
  const mergedOwner = merged.ownerId ? await tx.findOne(User, { id: merged.ownerId, active: true }) : null;
  return {
    website: orElse(survivor.website, merged.website),
    region: orElse(survivor.region, merged.region),
    country: orElse(survivor.country, merged.country),
    notes: orElse(survivor.notes, merged.notes),
    ownerId: survivor.ownerId ?? mergedOwner?.id ?? null,
    cadenceDays: survivor.cadenceDays ?? merged.cadenceDays,
    tags: [...new Set([...survivor.tags, ...merged.tags])],
    kinds: [...new Set([...survivor.kinds, ...merged.kinds])],
  };
}

/** The survivor's text unless it is empty (null or blank). */
function orElse(own: string | null, other: string | null): string | null {
  return own?.trim() ? own : (other ?? own);
}
