import { In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/dates.js';
import type { EngagementType } from '../common/domain-values.js';
import { ConflictError, InvalidError, NotFoundError } from '../common/errors.js';
import type { FieldError } from '../common/problem.js';
import { Contact } from '../contacts/contact.entity.js';
import type { CentreTx } from '../database/centre-scope.js';
import { refreshLastEngagement } from '../partners/partner-stats.js';
import { Partner } from '../partners/partner.entity.js';
import { Engagement, EngagementContact, EngagementPartner } from './engagement.entity.js';

export interface EngagementInput {
  partnerIds: string[];
  contactIds?: string[];
  type: EngagementType;
  occurredAt: Date;
  summary: string;
  notes?: string | null;
  outcome?: string | null;
  followUpAt?: string | null;
  sidYear?: number | null;
  boardMeetingId?: string | null;
}

/** An engagement may be logged a little ahead (time zones), not planned in the future. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Writes an engagement with its partner and contact links, and moves each partner's last engagement, in the
 * caller's transaction. Partners and contacts must be this centre's (404 naming the field otherwise), partners
 * not archived (409), contacts people of one of the partners (400).
 */
export async function recordEngagement(
  tx: CentreTx,
  clock: Clock,
  input: EngagementInput,
): Promise<{ engagement: Engagement; partnerIds: string[]; contactIds: string[] }> {
  const partnerIds = [...new Set(input.partnerIds)];
  const contactIds = [...new Set(input.contactIds ?? [])];
  await checkEngagementInput(tx, clock, { ...input, partnerIds, contactIds });
  const engagement = await tx.insert(Engagement, {
    type: input.type,
    occurredAt: input.occurredAt,
    summary: input.summary,
    notes: input.notes ?? null,
    outcome: input.outcome ?? null,
    followUpAt: input.followUpAt ?? null,
    sidYear: input.sidYear ?? null,
    loggedById: tx.ctx.userId ?? null,
    boardMeetingId: input.boardMeetingId ?? null,
  });
  await linkEngagement(tx, engagement, partnerIds, contactIds);
  await refreshLastEngagement(tx, partnerIds);
  return { engagement, partnerIds, contactIds };
}

/** Replaces an engagement's links (after its partners or contacts changed) and keeps occurred_at copies in step. */
export async function linkEngagement(
  tx: CentreTx,
  engagement: Engagement,
  partnerIds: string[],
  contactIds: string[],
): Promise<void> {
  await tx.deleteLinks(EngagementPartner, { engagementId: engagement.id });
  await tx.deleteLinks(EngagementContact, { engagementId: engagement.id });
  await tx.insertLinks(
    EngagementPartner,
    partnerIds.map((partnerId) => ({ engagementId: engagement.id, partnerId, occurredAt: engagement.occurredAt })),
  );
  await tx.insertLinks(
    EngagementContact,
    contactIds.map((contactId) => ({ engagementId: engagement.id, contactId })),
  );
}

/** What an engagement is linked to already: an edit may keep an archived partner or an erased contact it has, not add one. */
export interface CurrentLinks {
  partnerIds: string[];
  contactIds: string[];
}

const NO_LINKS: CurrentLinks = { partnerIds: [], contactIds: [] };

/**
 * The checks of an engagement's final state: occurredAt not ahead, followUpAt not before it, partners and contacts
 * of this centre (404), partners not archived (409) and contacts people of the partners (400). `current` names
 * the links an edited engagement has already.
 */
export async function checkEngagementInput(
  tx: CentreTx,
  clock: Clock,
  input: Pick<EngagementInput, 'partnerIds' | 'contactIds' | 'occurredAt' | 'followUpAt'>,
  current: CurrentLinks = NO_LINKS,
): Promise<void> {
  const errors: FieldError[] = [];
  if (input.occurredAt.getTime() > clock.now().getTime() + FUTURE_TOLERANCE_MS) {
    errors.push({
      field: 'occurredAt',
      message:
        'occurredAt cannot be in the future: log engagements that happened, and use followUpAt for what comes next',
    });
  }
  if (input.followUpAt) {
    const centre = await tx.centre();
    if (input.followUpAt < localDate(input.occurredAt, centre.timezone))
      errors.push({ field: 'followUpAt', message: 'followUpAt cannot be before the day of the engagement' });
  }
  if (errors.length > 0) throw new InvalidError('One or more fields are invalid', errors);

  const partners =
    input.partnerIds.length > 0
      ? await tx.find(Partner, { where: { id: In(input.partnerIds) }, select: { id: true, archivedAt: true } })
      : [];
  const missing = input.partnerIds.filter((id) => !partners.some((p) => p.id === id));
  if (missing.length > 0) throw new NotFoundError(`Partner ${missing.join(', ')}`);
  const archived = partners.filter((p) => p.archivedAt && !current.partnerIds.includes(p.id));
  if (archived.length > 0)
    throw new ConflictError(
      `Partner ${archived.map((p) => p.id).join(', ')} is archived; restore it before logging an engagement`,
      [{ field: 'partnerIds', message: 'contains an archived partner' }],
    );

  const contactIds = input.contactIds ?? [];
  if (contactIds.length > 0) {
    const contacts = await tx.find(Contact, {
      where: { id: In(contactIds) },
      select: { id: true, partnerId: true, erasedAt: true },
    });
    const unknown = contactIds.filter((id) => !contacts.some((c) => c.id === id));
    if (unknown.length > 0) throw new NotFoundError(`Contact ${unknown.join(', ')}`);
    const strangers = contacts.filter((c) => !input.partnerIds.includes(c.partnerId));
    if (strangers.length > 0)
      throw new InvalidError("Contacts must be people of the engagement's partners", [
        { field: 'contactIds', message: `${strangers.map((c) => c.id).join(', ')} is not a contact of these partners` },
      ]);
    const erased = contacts.filter((c) => c.erasedAt && !current.contactIds.includes(c.id));
    if (erased.length > 0)
      throw new InvalidError('Erased contacts cannot be added to an engagement', [
        { field: 'contactIds', message: `${erased.map((c) => c.id).join(', ')} has been erased` },
      ]);
  }
}
