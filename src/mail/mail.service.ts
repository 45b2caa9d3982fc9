import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { CentreTx } from '../database/centre-scope.js';
import { openInfrastructure } from '../database/infrastructure-access.js';
import { QUEUES, type MailJobName, type MailJobs } from '../queue/queue-names.js';
import { OutboxEmail, type OutboxStatus } from './outbox-email.entity.js';
import { OutboxSendAttempt } from './outbox-send-attempt.entity.js';

export interface NewMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
  /** Same key, same email: a second stage() with it returns the first row and sends nothing new. */
  dedupeKey?: string | null;
}

/** An outbox row just written: its id (the send job's id) and the caller's dedupe key. */
export interface StagedMail {
  id: string;
  dedupeKey: string | null;
}

/** The columns of an outbox list row: not the bodies. */
export const OUTBOX_LIST_COLUMNS = [
  'id',
  'centreId',
  'recipient',
  'subject',
  'status',
  'attempts',
  'lastError',
  'messageId',
  'uncertainDeliveries',
  'createdAt',
  'sentAt',
].map((c) => `o.${c}`);

/** Rows sent again after a delivery whose outcome was unknown (whatever their status now), in SQL over alias `o`. */
export const RESENT_SQL = `o.uncertainDeliveries > 0 AND o.status <> 'uncertain'`;

/** How long a request that staged mail waits for the queue to take its jobs (see dispatchAfterCommit). */
const DISPATCH_WAIT_MS = 2000;

type MailQueue = Queue<MailJobs[MailJobName], unknown, MailJobName>;

/**
 * The outbox: stage rows inside the caller's transaction (`send(tx, mail)`), dispatch jobs after it commits.
 * A crash between the two is repaired by `dispatchPending()` when a worker starts.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(
    @InjectQueue(QUEUES.mail) private readonly queue: MailQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Stages an email of tx's centre in tx (the outbox row commits or rolls back with the caller's change); its
   * send job is queued once tx commits. Returns the outbox id (the existing row's, for a dedupe key already used).
   */
  async send(tx: CentreTx, mail: NewMail): Promise<string> {
    const id = await this.stageOne(openInfrastructure(tx.infrastructureManager()), tx.centreId, mail);
    tx.afterCommit(() => this.dispatchAfterCommit([id]));
    return id;
  }

  /** Stages many emails of tx's centre in tx (a day's digests), like send; rows whose dedupe key exists are skipped. Returns the new rows. */
  async sendMany(tx: CentreTx, mails: NewMail[]): Promise<StagedMail[]> {
    const staged = await this.stage(openInfrastructure(tx.infrastructureManager()), tx.centreId, mails);
    const ids = staged.map((row) => row.id);
    if (ids.length > 0) tx.afterCommit(() => this.dispatchAfterCommit(ids));
    return staged;
  }

  /** Stages and dispatches mail that belongs to no centre (an operator's test send from the CLI). */
  async sendFromInstallation(mail: NewMail): Promise<string> {
    const id = await this.dataSource.transaction((manager) => this.stageOne(manager, null, mail));
    await this.dispatch([id]);
    return id;
  }

  /**
   * A page of the mail that belongs to no centre (CLI test sends), newest first. CentreScope cannot express
   * "no centre"; the one caller, MailAdminService, lets only network admins in, through CentreScope.inspect (audited).
   */
  installationOutbox(
    status: OutboxStatus | 'resent' | undefined,
    skip: number,
    take: number,
  ): Promise<[OutboxEmail[], number]> {
    const q = this.dataSource.manager
      .createQueryBuilder(OutboxEmail, 'o')
      .select(OUTBOX_LIST_COLUMNS)
      .where('o.centreId IS NULL');
    if (status === 'resent') q.andWhere(RESENT_SQL);
    else if (status) q.andWhere('o.status = :status', { status });
    return q.orderBy('o.createdAt', 'DESC').addOrderBy('o.id', 'DESC').skip(skip).take(take).getManyAndCount();
  }

  /** One email that belongs to no centre, with its send log; null for any other id. Same one caller as installationOutbox. */
  async installationEmail(outboxId: string): Promise<{ email: OutboxEmail; log: OutboxSendAttempt[] } | null> {
    const email = await this.dataSource.manager.findOneBy(OutboxEmail, { id: outboxId, centreId: IsNull() });
    if (!email) return null;
    const log = await this.dataSource.manager.find(OutboxSendAttempt, {
      where: { outboxId },
      order: { attempt: 'ASC', startedAt: 'ASC' },
    });
    return { email, log };
  }

  /**
   * Puts a failed email back to pending in tx (tx's centre's, or with `installation` one that belongs to no
   * centre); its job is queued again once tx commits. False when there is no such failed email. The caller
   * audits the change (and lets only network admins retry installation mail).
   */
  async retry(tx: CentreTx, outboxId: string, installation = false): Promise<boolean> {
    const changed = await openInfrastructure(tx.infrastructureManager())
      .createQueryBuilder()
      .update(OutboxEmail)
      .set({ status: 'pending' })
      .where(`id = :outboxId AND status IN ('failed', 'uncertain')`, { outboxId })
      .andWhere(installation ? 'centre_id IS NULL' : 'centre_id = :centreId', { centreId: tx.centreId })
      .execute();
    if (!changed.affected) return false;
    tx.afterCommit(() => this.requeue([outboxId]));
    return true;
  }

  private async stageOne(manager: EntityManager, centreId: string | null, mail: NewMail): Promise<string> {
    const [staged] = await this.stage(manager, centreId, [mail]);
    return staged?.id ?? (await manager.findOneByOrFail(OutboxEmail, { dedupeKey: mail.dedupeKey! })).id;
  }

  /**
   * Writes outbox rows with `manager` in one statement per 1000. Returns the rows written; a row whose dedupe
   * key already exists is skipped, so a rerun stages nothing twice.
   */
  private async stage(manager: EntityManager, centreId: string | null, mails: NewMail[]): Promise<StagedMail[]> {
    const staged: StagedMail[] = [];
    for (let start = 0; start < mails.length; start += 1000) {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(OutboxEmail)
        .values(
          mails.slice(start, start + 1000).map((mail) => ({
            centreId,
            recipient: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html ?? null,
            headers: mail.headers ?? {},
            dedupeKey: mail.dedupeKey ?? null,
          })),
        )
        .orIgnore()
        .returning('id, dedupe_key AS "dedupeKey"')
        .execute();
      staged.push(...(inserted.raw as StagedMail[]));
    }
    return staged;
  }

  /**
   * Dispatch once the rows have committed, bounded: with the queue away (Redis restarting) the request that wrote
   * them must not wait for it. The rows are safe in the outbox; past DISPATCH_WAIT_MS the job is left to the
   * queue client's own retry and, failing that, to the workers' sweep, which queues rows left pending.
   */
  private async dispatchAfterCommit(outboxIds: string[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), DISPATCH_WAIT_MS)));
    const queued = this.dispatch(outboxIds).then(
      () => 'queued' as const,
      (error: unknown) => error,
    );
    const outcome = await Promise.race([queued, late]).finally(() => clearTimeout(timer));
    if (outcome === 'queued') return;
    this.logger.warn(
      { outboxIds: outboxIds.slice(0, 10), count: outboxIds.length, err: outcome === 'late' ? undefined : outcome },
      outcome === 'late'
        ? 'Queue slow to answer: the emails wait in the outbox for it or for the sweep'
        : 'Queue unavailable: the emails wait in the outbox for the sweep',
    );
  }

  /** Queues a send job per outbox id. Job id = outbox id, so dispatching twice queues once. */
  async dispatch(outboxIds: string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.queue.addBulk(
      outboxIds.map((outboxId) => ({ name: 'send', data: { outboxId }, opts: { jobId: outboxId } })),
    );
  }

  /**
   * Queues a job again for each row whose job is gone: never queued (a crash between commit and dispatch),
   * removed, or finished while the row stayed pending (a job that lost its lock, an admin's retry).
   * BullMQ ignores a job id it still holds, so a finished job is removed first; a waiting, delayed or
   * active one is left alone. Returns how many were queued.
   */
  async requeue(outboxIds: string[]): Promise<number> {
    const lost: string[] = [];
    for (let start = 0; start < outboxIds.length; start += 100) {
      await Promise.all(
        outboxIds.slice(start, start + 100).map(async (id) => {
          try {
            const state = await this.queue.getJobState(id);
            if (state === 'completed' || state === 'failed') await this.queue.remove(id);
            if (state === 'completed' || state === 'failed' || state === 'unknown') lost.push(id);
          } catch (error) {
            // One job the queue will not read or remove must not keep the others waiting; the next sweep tries again.
            this.logger.warn({ outboxId: id, err: error }, 'Could not check the send job of a pending email');
          }
        }),
      );
    }
    await this.dispatch(lost);
    return lost.length;
  }

  /**
   * Re-queues pending rows whose job was lost (see requeue), oldest first. `idleMs` skips rows changed
   * more recently than that, whose jobs are simply still on their way. Harmless when nothing is missing.
   */
  async dispatchPending(idleMs = 0): Promise<number> {
    const rows = await this.dataSource
      .getRepository(OutboxEmail)
      .createQueryBuilder('o')
      .select('o.id', 'id')
      .where(`o.status = 'pending'`)
      .andWhere(`o.updated_at <= now() - make_interval(secs => :idleSeconds)`, { idleSeconds: idleMs / 1000 })
      .orderBy('o.created_at')
      .limit(10_000)
      .getRawMany<{ id: string }>();
    const queued = await this.requeue(rows.map((r) => r.id));
    if (queued > 0) this.logger.log(`Re-queued ${queued} pending outbox email(s)`);
    return queued;
  }
}
