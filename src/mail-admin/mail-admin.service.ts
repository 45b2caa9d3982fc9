import { Inject, Injectable } from '@nestjs/common';
import type { EntityTarget } from 'typeorm';
import { ConflictError, ForbiddenError, InvalidError } from '../common/errors.js';
import { pageOf, skipOf, type Page } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { CentreScope, isUuid, type CentreTx, type Inspection } from '../database/centre-scope.js';
import { User } from '../auth/user.entity.js';
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
import { MailService, OUTBOX_LIST_COLUMNS, RESENT_SQL } from '../mail/mail.service.js';
import { STALE_PENDING_SECONDS } from '../mail/outbox-health.service.js';
import { OutboxEmail } from '../mail/outbox-email.entity.js';
import { OutboxSendAttempt } from '../mail/outbox-send-attempt.entity.js';

// Rows read through CentreScope are a centre's, so their centreId is never null there.
const CentreOutbox = OutboxEmail as EntityTarget<OutboxEmail & { centreId: string }>;
const CentreSendLog = OutboxSendAttempt as EntityTarget<OutboxSendAttempt & { centreId: string }>;

const NOT_A_USER = 'to must be the address of an active user of your centre';

/**
 * Delivery an admin can watch: the centre's outbox with each email's send log, failures, a retry, and a test send.
 * Everything goes through CentreScope: an admin's own centre through read/transaction, a network admin's look
 * at another centre (or at mail that belongs to no centre) through CentreScope.inspect, audited there.
 */
@Injectable()
export class MailAdminService {
  constructor(
    private readonly scope: CentreScope,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async list(ctx: RequestContext, query: OutboxQueryDto): Promise<Page<OutboxEmailResponse>> {
    const filters = { view: 'list', ...(query.status ? { status: query.status } : {}) };
    if (query.installation) {
      if (!ctx.acrossCentres) throw new ForbiddenError('Only a network admin can see mail that belongs to no centre');
      const look = { entityType: 'outbox', entityId: 'installation', detail: filters };
      const [rows, total] = await this.scope.inspect(ctx, ctx.centreId, look, () =>
        this.mail.installationOutbox(query.status, skipOf(query), query.limit),
      );
      return pageOf(rows.map(OutboxEmailResponse.of), total, query);
    }
    const centreId = query.centreId ?? ctx.centreId;
    return this.view(ctx, centreId, { entityType: 'outbox', entityId: centreId, detail: filters }, async (tx) => {
      const q = tx.select(CentreOutbox, 'o').select(OUTBOX_LIST_COLUMNS);
      if (query.status === 'resent') q.andWhere(RESENT_SQL);
      else if (query.status) q.andWhere('o.status = :status', { status: query.status });
      const [rows, total] = await q
        .orderBy('o.createdAt', 'DESC')
        .addOrderBy('o.id', 'DESC')
        .skip(skipOf(query))
        .take(query.limit)
        .getManyAndCount();
      return pageOf(rows.map(OutboxEmailResponse.of), total, query);
    });
  }

  async get(ctx: RequestContext, id: string): Promise<OutboxEmailDetailResponse> {
    const installation = await this.installationEmail(ctx, id);
    if (installation) {
      const { email, log } = installation;
      return this.scope.inspect(ctx, ctx.centreId, { entityType: 'outbox_email', entityId: id }, async () => ({
        ...OutboxEmailResponse.of(email),
        sendLog: log.map(SendAttemptResponse.of),
      }));
    }
    const centreId = await this.scope.centreOf(ctx, CentreOutbox, id);
    return this.view(ctx, centreId, { entityType: 'outbox_email', entityId: id }, async (tx) => {
      const row = await tx.get(CentreOutbox, id);
      const log = await tx.find(CentreSendLog, {
        where: { outboxId: row.id },
        order: { attempt: 'ASC', startedAt: 'ASC' },
      });
      return { ...OutboxEmailResponse.of(row), sendLog: log.map(SendAttemptResponse.of) };
    });
  }

  /** A failed email, or one held after an unknown outcome, goes back to pending and is queued again; anything else answers 409. */
  async retry(ctx: RequestContext, id: string): Promise<OutboxEmailResponse> {
    const installation = await this.installationEmail(ctx, id);
    if (installation) {
      const { email } = installation;
      // Audited in the network admin's own centre: the email has none.
      return this.scope.transaction(ctx, async (tx) => {
        if (!(await this.mail.retry(tx, id, true)))
          throw new ConflictError(`Only a failed or uncertain email can be retried; this one is ${email.status}`);
        await tx.audit('update', 'outbox_email', id, { status: email.status }, { status: 'pending' });
        return OutboxEmailResponse.of({ ...email, status: 'pending' });
      });
    }
    const target = ctx.inCentre(await this.scope.centreOf(ctx, CentreOutbox, id));
    return this.scope.transaction(target, async (tx) => {
      const row = await tx.get(CentreOutbox, id, { lock: true });
      if (!(await this.mail.retry(tx, row.id)))
        throw new ConflictError(`Only a failed or uncertain email can be retried; this one is ${row.status}`);
      await tx.audit('update', 'outbox_email', row.id, { status: row.status }, { status: 'pending' });
      return OutboxEmailResponse.of({ ...row, status: 'pending' });
    });
  }

  /**
   * Stages a test email in the admin's centre, to one of its active users (the admin by default): a test send
   * proves that reminders reach the centre's people, and must not mail the rest of the internet. The id lets them follow it.
   */
  async sendTest(ctx: RequestContext, dto: TestMailDto): Promise<TestMailResponse> {
    return this.scope.transaction(ctx, async (tx) => {
      const to = await this.recipient(tx, dto.to ?? null);
      const subject = 'Keepwarm test email';
      const id = await this.mail.send(tx, {
        to,
        subject,
        text: `This is a test email from Keepwarm (${this.config.http.publicUrl}), sent by an admin. If you can read it, reminders can reach this address.`,
      });
      await tx.audit('create', 'outbox_email', id, null, { to, subject });
      return { id, to };
    });
  }

  async status(ctx: RequestContext, query: CentreQueryDto): Promise<MailStatusResponse> {
    const centreId = query.centreId ?? ctx.centreId;
    const row = await this.view(
      ctx,
      centreId,
      { entityType: 'outbox', entityId: centreId, detail: { view: 'status' } },
      (tx) =>
        tx
          .select(CentreOutbox, 'o')
          .select(`count(*) FILTER (WHERE o.status = 'pending')::int`, 'pending')
          .addSelect(
            `count(*) FILTER (WHERE o.status = 'pending' AND o.createdAt < now() - make_interval(secs => :stale))::int`,
            'stalePending',
          )
          .setParameter('stale', STALE_PENDING_SECONDS)
          .addSelect(`count(*) FILTER (WHERE o.status = 'sending')::int`, 'sending')
          .addSelect(`count(*) FILTER (WHERE o.status = 'failed')::int`, 'failed')
          .addSelect(`count(*) FILTER (WHERE o.status = 'uncertain')::int`, 'uncertain')
          .addSelect(`count(*) FILTER (WHERE ${RESENT_SQL})::int`, 'resent')
          .addSelect(`min(o.createdAt) FILTER (WHERE o.status = 'pending')`, 'oldestPendingAt')
          .addSelect('max(o.sentAt)', 'lastSentAt')
          .getRawOne<{
            pending: number;
            stalePending: number;
            sending: number;
            failed: number;
            uncertain: number;
            resent: number;
            oldestPendingAt: Date | null;
            lastSentAt: Date | null;
          }>(),
    );
    return {
      pending: row!.pending,
      stalePending: row!.stalePending,
      sending: row!.sending,
      failed: row!.failed,
      uncertain: row!.uncertain,
      resent: row!.resent,
      oldestPendingAt: row!.oldestPendingAt?.toISOString() ?? null,
      lastSentAt: row!.lastSentAt?.toISOString() ?? null,
    };
  }

  /** The caller's own centre is a plain scoped read; any other goes through the audited inspection (403 unless a network admin). */
  private view<T>(
    ctx: RequestContext,
    centreId: string,
    look: Inspection,
    work: (tx: CentreTx) => Promise<T>,
  ): Promise<T> {
    return centreId === ctx.centreId ? this.scope.read(ctx, work) : this.scope.inspect(ctx, centreId, look, work);
  }

  /** For a network admin, the email with this id if it belongs to no centre (with its send log); null otherwise. */
  private async installationEmail(ctx: RequestContext, id: string) {
    return ctx.acrossCentres && isUuid(id) ? this.mail.installationEmail(id) : null;
  }

  /** The address of an active user of tx's centre: `to`, or the caller's own. */
  private async recipient(tx: CentreTx, to: string | null): Promise<string> {
    const q = tx.select(User, 'u').select(['u.id', 'u.email']).andWhere('u.active');
    if (to === null) q.andWhere('u.id = :id', { id: tx.ctx.userId ?? null });
    else q.andWhere('lower(u.email) = lower(:to)', { to });
    const user = await q.getOne();
    if (!user) throw new InvalidError(NOT_A_USER, [{ field: 'to', message: NOT_A_USER }]);
    return user.email;
  }
}
