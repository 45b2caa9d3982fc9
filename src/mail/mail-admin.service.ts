import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { CentreScope, isUuid } from '../database/centre-scope.js';
import { User } from '../users/user.entity.js';
import {
  OutboxEmailDetailResponse,
  OutboxEmailResponse,
  SendAttemptResponse,
  type CentreQueryDto,
  type MailStatusResponse,
  type OutboxQueryDto,
  type TestMailDto,
  type TestMailResponse,
} from './dto/mail-admin.dto.js';
import { MailService } from './mail.service.js';
import { OutboxEmail } from './outbox-email.entity.js';
import { OutboxSendAttempt } from './outbox-send-attempt.entity.js';

/** The columns of a list row: not the bodies. */
const LIST_COLUMNS = ['id', 'centreId', 'recipient', 'subject', 'status', 'attempts', 'lastError', 'messageId', 'createdAt', 'sentAt'].map((c) => `o.${c}`);

/**
 * Delivery an admin can watch: the centre's outbox with each email's send log, failures, a retry, and a test send.
 * Outbox rows may belong to no centre (installation-level mail), which CentreScope cannot express, so reads
 * go through the DataSource with the centre condition written here; every write goes through CentreScope, audited.
 */
@Injectable()
export class MailAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: CentreScope,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async list(ctx: RequestContext, query: OutboxQueryDto): Promise<Page<OutboxEmailResponse>> {
    const q = this.visible(ctx, query).select(LIST_COLUMNS);
    if (query.status) q.andWhere('o.status = :status', { status: query.status });
    const [rows, total] = await q.orderBy('o.createdAt', 'DESC').addOrderBy('o.id', 'DESC').skip(skipOf(query)).take(query.limit).getManyAndCount();
    return pageOf(rows.map(OutboxEmailResponse.of), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<OutboxEmailDetailResponse> {
    const row = await this.find(ctx, id);
    const log = await this.dataSource.manager.find(OutboxSendAttempt, { where: { outboxId: row.id }, order: { attempt: 'ASC', startedAt: 'ASC' } });
    return { ...OutboxEmailResponse.of(row), sendLog: log.map(SendAttemptResponse.of) };
  }

  /** A failed email goes back to pending and is queued again; anything else answers 409. */
  async retry(ctx: RequestContext, id: string): Promise<OutboxEmailResponse> {
    const row = await this.find(ctx, id);
    await this.scope.transaction(row.centreId ? ctx.inCentre(row.centreId) : ctx, async (tx) => {
      const changed = await tx
        .infrastructureManager()
        .createQueryBuilder()
        .update(OutboxEmail)
        .set({ status: 'pending' })
        .where(`id = :id AND status = 'failed'`, { id: row.id })
        .execute();
      if (!changed.affected) throw new ConflictError(`Only a failed email can be retried; this one is ${row.status}`);
      await tx.audit('update', 'outbox_email', row.id, { status: 'failed' }, { status: 'pending' });
    });
    await this.mail.requeue([row.id]);
    return OutboxEmailResponse.of(await this.find(ctx, id));
  }

  /** Stages a test email (to the admin by default) in the admin's centre; the id lets them follow it. */
  async sendTest(ctx: RequestContext, dto: TestMailDto): Promise<TestMailResponse> {
    const to = dto.to ?? (await this.scope.read(ctx, (tx) => tx.get(User, ctx.userId ?? ''))).email;
    return this.scope.transaction(ctx, async (tx) => {
      const subject = 'Keepwarm test email';
      const id = await tx.sendMail({
        to,
        subject,
        text: `This is a test email from Keepwarm (${this.config.http.publicUrl}), sent by an admin. If you can read it, reminders can reach this address.`,
      });
      await tx.audit('create', 'outbox_email', id, null, { to, subject });
      return { id, to };
    });
  }

  async status(ctx: RequestContext, query: CentreQueryDto): Promise<MailStatusResponse> {
    const centreId = query.centreId ? ctx.inCentre(query.centreId).centreId : ctx.centreId;
    const [row] = await this.dataSource.query<{ pending: number; failed: number; oldest_pending_at: Date | null; last_sent_at: Date | null }[]>(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'failed')::int AS failed,
              min(created_at) FILTER (WHERE status = 'pending') AS oldest_pending_at, max(sent_at) AS last_sent_at
         FROM outbox_email WHERE centre_id = $1`,
      [centreId],
    );
    return {
      pending: row!.pending,
      failed: row!.failed,
      oldestPendingAt: row!.oldest_pending_at?.toISOString() ?? null,
      lastSentAt: row!.last_sent_at?.toISOString() ?? null,
    };
  }

  /** The outbox rows the caller may see: their centre's; for a network admin, another centre's or the installation's. */
  private visible(ctx: RequestContext, filter: { centreId?: string; installation?: boolean }): SelectQueryBuilder<OutboxEmail> {
    const q = this.dataSource.manager.createQueryBuilder(OutboxEmail, 'o');
    if (filter.installation) {
      if (!ctx.acrossCentres) throw new ForbiddenError('Only a network admin can see mail that belongs to no centre');
      return q.where('o.centreId IS NULL');
    }
    const centreId = filter.centreId ? ctx.inCentre(filter.centreId).centreId : ctx.centreId;
    return q.where('o.centreId = :centreId', { centreId });
  }

  /** One row by id: in the caller's centre, or anywhere for a network admin. Another centre's answers 404. */
  private async find(ctx: RequestContext, id: string): Promise<OutboxEmail> {
    if (!isUuid(id)) throw new NotFoundError('Outbox email');
    const q = this.dataSource.manager.createQueryBuilder(OutboxEmail, 'o').where('o.id = :id', { id });
    if (!ctx.acrossCentres) q.andWhere('o.centreId = :centreId', { centreId: ctx.centreId });
    const row = await q.getOne();
    if (!row) throw new NotFoundError('Outbox email');
    return row;
  }
}
