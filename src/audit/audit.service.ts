import { Injectable } from '@nestjs/common';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { CentreScope } from '../database/centre-scope.js';
import { AuditEvent } from '../database/audit-event.entity.js';
import { AuditEventResponse, type AuditQueryDto } from './dto/audit.dto.js';

/** Reading the centre's audit trail. Writing happens in CentreTx, with each change; nothing edits or deletes it. */
@Injectable()
export class AuditService {
  constructor(private readonly scope: CentreScope) {}

  list(ctx: RequestContext, query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    return this.scope.read(ctx, async (tx) => {
      const q = tx.select(AuditEvent, 'a');
      if (query.entity) q.andWhere('a.entityType = :entity', { entity: query.entity });
      if (query.entityId) q.andWhere('a.entityId = :entityId', { entityId: query.entityId });
      if (query.actor) q.andWhere('a.actorId = :actor', { actor: query.actor });
      if (query.action) q.andWhere('a.action = :action', { action: query.action });
      if (query.from) q.andWhere('a.occurredAt >= :from', { from: new Date(query.from) });
      if (query.to) q.andWhere('a.occurredAt < :to', { to: endOf(query.to) });
      const direction = query.sort === 'occurredAt' ? 'ASC' : 'DESC';
      const [events, total] = await q
        .orderBy('a.occurredAt', direction)
        .addOrderBy('a.id', direction)
        .skip(skipOf(query))
        .take(query.limit)
        .getManyAndCount();
      return pageOf(events.map(AuditEventResponse.of), total, query);
    });
  }
}

/** A bare date means "through that whole day" (UTC). */
function endOf(value: string): Date {
  const date = new Date(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(date.getTime() + 24 * 60 * 60 * 1000) : date;
}
