import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { addDays, zonedTime } from '../common/dates.js';
import { ConflictError, ForbiddenError, InvalidError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { FieldError } from '../common/problem.js';
import type { RequestContext } from '../common/request-context.js';
import { Contact } from '../contacts/contact.entity.js';
import { CentreScope, type CentreTx, type NewRecord } from '../database/centre-scope.js';
import { refreshLastEngagement } from '../partners/partner-stats.js';
import {
  EngagementResponse,
  parseWhen,
  type CreateEngagementDto,
  type EngagementQueryDto,
  type UpdateEngagementDto,
  type When,
} from './dto/engagement.dto.js';
import { mayChangeEngagement } from './engagement-rights.js';
import { Engagement, EngagementContact, EngagementPartner } from './engagement.entity.js';
import { checkEngagementInput, linkEngagement, recordEngagement, type CurrentLinks } from './record-engagement.js';

/** A bare date logged as an engagement means noon of that day in the centre's time zone. */
const NOON = 12;
const NOT_YOURS = 'A coordinator may edit and delete only the engagements they logged';
const BOARD_MEETING_FIXED =
  'This engagement records attendance at an advisory-board meeting: its type, partners and time follow the meeting';

/** Engagement history: log, list, read, edit and delete, keeping each partner's last engagement in step. */
@Injectable()
export class EngagementsService {
  constructor(
    private readonly scope: CentreScope,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, query: EngagementQueryDto): Promise<Page<EngagementResponse>> {
    return this.scope.read(ctx, async (tx) => {
      const q = await filtered(tx, query);
      const direction = query.sort === 'occurredAt' ? 'ASC' : 'DESC';
      const [engagements, total] = await q
        .orderBy('e.occurredAt', direction)
        .addOrderBy('e.id', direction)
        .skip(skipOf(query))
        .take(query.limit)
        .getManyAndCount();
      const links = await linksOf(
        tx,
        engagements.map((e) => e.id),
      );
      return pageOf(
        engagements.map((e) => EngagementResponse.of(e, links.get(e.id)!)),
        total,
        query,
      );
    });
  }

  /**
   * The list's engagements (same filters, no paging) by id, `limit` at a time after `afterId`: keyset pages for
   * an export that never holds the whole history (ids, not times: a time read back in milliseconds would not
   * resume exactly where the batch ended).
   */
  batchAfter(
    ctx: RequestContext,
    query: EngagementFilters,
    afterId: string | null,
    limit: number,
  ): Promise<EngagementResponse[]> {
    return this.scope.read(ctx, async (tx) => {
      const q = await filtered(tx, query);
      if (afterId !== null) q.andWhere('e.id > :afterId', { afterId });
      const engagements = await q.orderBy('e.id', 'ASC').take(limit).getMany();
      const links = await linksOf(
        tx,
        engagements.map((e) => e.id),
      );
      return engagements.map((e) => EngagementResponse.of(e, links.get(e.id)!));
    });
  }

  get(ctx: RequestContext, id: string): Promise<EngagementResponse> {
    return this.scope.read(ctx, async (tx) => {
      const engagement = await tx.get(Engagement, id);
      return EngagementResponse.of(engagement, (await linksOf(tx, [id])).get(id)!);
    });
  }

  create(ctx: RequestContext, dto: CreateEngagementDto): Promise<EngagementResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      const { timezone } = await tx.centre();
      const { engagement, partnerIds, contactIds } = await recordEngagement(tx, this.clock, {
        partnerIds: dto.partnerIds,
        contactIds: dto.contactIds ?? [],
        type: dto.type,
        occurredAt: instantOf(parseWhen(dto.occurredAt)!, timezone, NOON),
        summary: dto.summary,
        notes: dto.notes || null,
        outcome: dto.outcome || null,
        followUpAt: dto.followUpAt ?? null,
        sidYear: dto.sidYear ?? null,
      });
      return EngagementResponse.of(engagement, {
        partnerIds: [...partnerIds].sort(),
        contactIds: [...contactIds].sort(),
      });
    });
  }

  update(ctx: RequestContext, id: string, dto: UpdateEngagementDto): Promise<EngagementResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      const current = await tx.get(Engagement, id, { lock: true });
      if (!mayChangeEngagement(ctx.actor, current.loggedById)) throw new ForbiddenError(NOT_YOURS);
      const linked = (await linksOf(tx, [id])).get(id)!;
      const { timezone } = await tx.centre();

      const occurredAt =
        dto.occurredAt === undefined ? current.occurredAt : instantOf(parseWhen(dto.occurredAt)!, timezone, NOON);
      const partnerIds = dto.partnerIds ?? linked.partnerIds;
      const contactIds = dto.contactIds ?? (await contactsStillOn(tx, linked, partnerIds));
      const moved = occurredAt.getTime() !== current.occurredAt.getTime();
      const partnersChanged = !sameSet(partnerIds, linked.partnerIds);
      const linksChanged = partnersChanged || !sameSet(contactIds, linked.contactIds);

      if (current.boardMeetingId) {
        const fixed: FieldError[] = [];
        if (dto.type !== undefined && dto.type !== current.type)
          fixed.push({ field: 'type', message: "cannot change the type of a board meeting's engagement" });
        if (partnersChanged)
          fixed.push({ field: 'partnerIds', message: "cannot move a board meeting's engagement to other partners" });
        if (moved)
          fixed.push({
            field: 'occurredAt',
            message: "a board meeting's engagement happened when the meeting was held",
          });
        if (fixed.length > 0) throw new ConflictError(BOARD_MEETING_FIXED, fixed);
      }

      const followUpAt = dto.followUpAt === undefined ? current.followUpAt : dto.followUpAt;
      if (moved || linksChanged || dto.followUpAt !== undefined) {
        await checkEngagementInput(
          tx,
          this.clock,
          { partnerIds, contactIds: linksChanged ? contactIds : [], occurredAt, followUpAt },
          linked,
        );
      }

      const patch: NewRecord<Engagement> = {};
      if (dto.type !== undefined) patch.type = dto.type;
      if (moved) patch.occurredAt = occurredAt;
      if (dto.summary !== undefined) patch.summary = dto.summary;
      if (dto.notes !== undefined) patch.notes = dto.notes || null;
      if (dto.outcome !== undefined) patch.outcome = dto.outcome || null;
      if (dto.followUpAt !== undefined) patch.followUpAt = dto.followUpAt;
      if (dto.sidYear !== undefined) patch.sidYear = dto.sidYear;
      let saved = await tx.update(Engagement, current, patch);

      if (moved || linksChanged) await linkEngagement(tx, saved, partnerIds, contactIds);
      if (linksChanged) {
        // Links are not columns: their change gets an audit row of its own, and moves updatedAt.
        await tx.audit('update', 'engagement', id, sortedLinks(linked), sortedLinks({ partnerIds, contactIds }));
        await tx
          .updateDerived(Engagement)
          .set({ updatedAt: () => 'now()' })
          .andWhere('id = :id', { id })
          .execute();
        saved = await tx.get(Engagement, id);
      }
      if (moved || partnersChanged) await refreshLastEngagement(tx, [...linked.partnerIds, ...partnerIds]);
      return EngagementResponse.of(saved, sortedLinks({ partnerIds, contactIds }));
    });
  }

  remove(ctx: RequestContext, id: string): Promise<void> {
    return this.scope.transaction(ctx, async (tx) => {
      const engagement = await tx.get(Engagement, id, { lock: true });
      if (!mayChangeEngagement(ctx.actor, engagement.loggedById)) throw new ForbiddenError(NOT_YOURS);
      const { partnerIds } = (await linksOf(tx, [id])).get(id)!;
      await tx.remove(Engagement, engagement); // links go with it (ON DELETE CASCADE)
      await refreshLastEngagement(tx, partnerIds);
    });
  }
}

/** The partner and contact ids of each engagement: one query per link table for the whole page. */
/** The filters of the list (and of the export). */
export type EngagementFilters = Pick<EngagementQueryDto, 'partnerId' | 'from' | 'to' | 'type' | 'loggedById'>;

/** The list's query with its filters applied; 400 if `to` is before `from`. */
async function filtered(tx: CentreTx, query: EngagementFilters) {
  const q = tx.select(Engagement, 'e');
  if (query.partnerId) {
    q.andWhere(
      'EXISTS (SELECT 1 FROM engagement_partner ep WHERE ep.engagement_id = e.id AND ep.partner_id = :partnerId)',
      { partnerId: query.partnerId },
    );
  }
  if (query.type) q.andWhere('e.type = :type', { type: query.type });
  if (query.loggedById) q.andWhere('e.loggedById = :loggedById', { loggedById: query.loggedById });
  if (query.from !== undefined || query.to !== undefined) {
    const { timezone } = await tx.centre();
    const from = query.from === undefined ? undefined : startOf(parseWhen(query.from)!, timezone);
    const to = query.to === undefined ? undefined : endOf(parseWhen(query.to)!, timezone);
    if (from && to && (to.inclusive ? to.at < from : to.at <= from)) {
      throw new InvalidError('One or more fields are invalid', [{ field: 'to', message: 'to cannot be before from' }]);
    }
    if (from) q.andWhere('e.occurredAt >= :from', { from });
    if (to) q.andWhere(to.inclusive ? 'e.occurredAt <= :to' : 'e.occurredAt < :to', { to: to.at });
  }
  return q;
}

async function linksOf(tx: CentreTx, engagementIds: string[]): Promise<Map<string, CurrentLinks>> {
  const links = new Map(engagementIds.map((id): [string, CurrentLinks] => [id, { partnerIds: [], contactIds: [] }]));
  if (engagementIds.length === 0) return links;
  const partners = await tx
    .select(Engagement, 'e')
    .innerJoin(EngagementPartner, 'ep', 'ep.engagementId = e.id AND ep.centreId = e.centreId')
    .select('ep.engagementId', 'engagementId')
    .addSelect('ep.partnerId', 'linkedId')
    .andWhere('e.id IN (:...engagementIds)', { engagementIds })
    .orderBy('ep.partnerId')
    .getRawMany<{ engagementId: string; linkedId: string }>();
  for (const row of partners) links.get(row.engagementId)!.partnerIds.push(row.linkedId);
  const contacts = await tx
    .select(Engagement, 'e')
    .innerJoin(EngagementContact, 'ec', 'ec.engagementId = e.id AND ec.centreId = e.centreId')
    .select('ec.engagementId', 'engagementId')
    .addSelect('ec.contactId', 'linkedId')
    .andWhere('e.id IN (:...engagementIds)', { engagementIds })
    .orderBy('ec.contactId')
    .getRawMany<{ engagementId: string; linkedId: string }>();
  for (const row of contacts) links.get(row.engagementId)!.contactIds.push(row.linkedId);
  return links;
}

/** The engagement's contacts who are people of `partnerIds` (when its partners change and its contacts are not given). */
async function contactsStillOn(tx: CentreTx, linked: CurrentLinks, partnerIds: string[]): Promise<string[]> {
  if (linked.contactIds.length === 0 || sameSet(partnerIds, linked.partnerIds)) return linked.contactIds;
  const contacts = await tx
    .select(Contact, 'c')
    .select(['c.id', 'c.partnerId'])
    .andWhere('c.id IN (:...ids)', { ids: linked.contactIds })
    .getMany();
  return contacts.filter((c) => partnerIds.includes(c.partnerId)).map((c) => c.id);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function sortedLinks(links: CurrentLinks): CurrentLinks {
  return { partnerIds: [...links.partnerIds].sort(), contactIds: [...links.contactIds].sort() };
}

/** The instant of a When: an instant as given, a date at `hour`:00 in `timeZone`. */
export function instantOf(when: When, timeZone: string, hour: number): Date {
  return 'instant' in when ? when.instant : zonedTime(when.date, hour, timeZone);
}

/** Where a period starting at `when` starts: a date from its first moment in the centre's time zone. */
function startOf(when: When, timeZone: string): Date {
  return instantOf(when, timeZone, 0);
}

/** Where a period ending at `when` ends: a date through its whole day (exclusive bound: the next day's start). */
function endOf(when: When, timeZone: string): { at: Date; inclusive: boolean } {
  return 'instant' in when
    ? { at: when.instant, inclusive: true }
    : { at: zonedTime(addDays(when.date, 1), 0, timeZone), inclusive: false };
}
