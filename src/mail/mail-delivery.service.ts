import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { describeMailFailure, isPermanentMailFailure } from './mail.errors.js';
import { MailTransport, UncertainDeliveryError, type RenderedMail } from './mail-transport.js';
import { OutboxEmail } from './outbox-email.entity.js';
import { OutboxSendAttempt, type SendOutcome } from './outbox-send-attempt.entity.js';

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed';

/** What a send needs of its outbox row. */
interface PendingEmail {
  id: string;
  centre_id: string | null;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  attempts: number;
}

/** The attempt in progress: what the send log and the failure path need to know. */
interface Attempt {
  row: PendingEmail;
  number: number;
  startedAt: Date;
  /** Set once the transaction marking the row sent has committed (with its send-log row `logId`). */
  committed: boolean;
  logId: string;
}

/**
 * Worker side of the outbox: sends one row, at most once.
 *
 * One transaction holds the row's lock for the whole send (FOR UPDATE SKIP LOCKED: a second worker skips it)
 * and commits status 'sent' before the transport finishes the message (the SMTP end-of-data dot, the .eml
 * rename). A worker killed before the commit loses its database connection, the transaction rolls back, the
 * SMTP server drops the unfinished message, and the row is still pending for the next try. A worker killed
 * after it leaves the row sent. So a row is delivered at most once, and in practice exactly once.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);
  /** Right-hand side of every Message-ID: `<outboxId@host>` stays the same across retries. */
  private readonly messageIdHost: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly clock: Clock,
  ) {
    this.messageIdHost = new URL(config.http.publicUrl).hostname || 'keepwarm';
  }

  /**
   * Sends the row if it is still pending. Throws on a transient failure (the job is retried with
   * backoff); a permanent one (SMTP 5xx) or the last attempt marks the row failed.
   */
  async deliver(outboxId: string, isLastAttempt: boolean): Promise<DeliveryOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      return await this.deliverWith(runner, outboxId, isLastAttempt);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  private async deliverWith(runner: QueryRunner, outboxId: string, isLastAttempt: boolean): Promise<DeliveryOutcome> {
    await runner.startTransaction();
    // Raw SQL on this path: it runs once per email, thousands of times a day.
    const [row] = (await runner.query(
      `SELECT id, centre_id, recipient, subject, text, html, headers, attempts FROM outbox_email
        WHERE id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`,
      [outboxId],
    )) as PendingEmail[];
    if (!row) {
      await runner.rollbackTransaction();
      return 'skipped';
    }

    const attempt: Attempt = {
      row,
      number: row.attempts + 1,
      startedAt: this.clock.now(),
      committed: false,
      logId: randomUUID(),
    };
    const mail = this.render(row);
    try {
      const receipt = await this.transport.deliver(mail, () => this.commitSent(runner, attempt, mail.messageId));
      await this.finishLog(runner, attempt, 'sent', receipt.detail);
      this.logger.log({ outboxId: row.id, transport: this.transport.kind }, 'Email sent');
      return 'sent';
    } catch (error) {
      if (attempt.committed && error instanceof UncertainDeliveryError) {
        // Sending again could deliver twice; the row stays sent and the log says what is unknown.
        await this.finishLog(runner, attempt, 'sent', describeMailFailure(error));
        this.logger.warn(
          { outboxId: row.id, err: describeMailFailure(error) },
          'Email handed over, but the server did not confirm it',
        );
        return 'sent';
      }
      return this.recordFailure(runner, attempt, error, isLastAttempt);
    }
  }

  /** The commit point: the row is sent from here on, whatever happens to this process. */
  private async commitSent(runner: QueryRunner, attempt: Attempt, messageId: string): Promise<void> {
    await runner.query(
      `WITH sent AS (
         UPDATE outbox_email SET status = 'sent', attempts = $2, message_id = $3, sent_at = $4, last_error = NULL, updated_at = now() WHERE id = $1
       )
       INSERT INTO outbox_send_attempt (id, outbox_id, centre_id, attempt, started_at, outcome, detail)
       VALUES ($5, $1, $6, $2, $7, 'sent', 'Recorded as sent; waiting for the server to accept the message')`,
      [
        attempt.row.id,
        attempt.number,
        messageId,
        this.clock.now(),
        attempt.logId,
        attempt.row.centre_id,
        attempt.startedAt,
      ],
    );
    await runner.commitTransaction();
    attempt.committed = true;
  }

  /**
   * Records a failed attempt in a short transaction of its own, on the job's one connection: the row goes back
   * to pending (transient) or to failed (permanent, or the last attempt). Before the commit the row was never
   * sent; after it, a refusal at the end of the message means the server did not take it, so it leaves 'sent'.
   */
  private async recordFailure(
    runner: QueryRunner,
    attempt: Attempt,
    error: unknown,
    isLastAttempt: boolean,
  ): Promise<DeliveryOutcome> {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    const permanent = isPermanentMailFailure(error);
    const failed = permanent || isLastAttempt;
    const detail = describeMailFailure(error);
    await runner.startTransaction();
    const changed = await runner.manager
      .createQueryBuilder()
      .update(OutboxEmail)
      .set({ status: failed ? 'failed' : 'pending', attempts: attempt.number, lastError: detail, sentAt: null })
      .where('id = :id AND status = :from', { id: attempt.row.id, from: attempt.committed ? 'sent' : 'pending' })
      .execute();
    // Nothing changed: someone else (an admin, another worker) settled the row meanwhile, and their log stands.
    if (changed.affected) await this.logFailure(runner.manager, attempt, failed ? 'failed' : 'retry', detail);
    await runner.commitTransaction();
    this.logger.warn(
      { outboxId: attempt.row.id, permanent, err: detail },
      failed ? 'Email failed' : 'Email will be retried',
    );
    if (failed) return 'failed';
    throw error;
  }

  /** The attempt's send-log row: written at the commit (then updated here), or new for a failure before it. */
  private async logFailure(
    manager: EntityManager,
    attempt: Attempt,
    outcome: SendOutcome,
    detail: string,
  ): Promise<void> {
    const finishedAt = this.clock.now();
    if (attempt.committed) {
      await manager.update(OutboxSendAttempt, { id: attempt.logId }, { outcome, detail, finishedAt });
      return;
    }
    await manager.insert(OutboxSendAttempt, {
      id: attempt.logId,
      outboxId: attempt.row.id,
      centreId: attempt.row.centre_id,
      attempt: attempt.number,
      startedAt: attempt.startedAt,
      finishedAt,
      outcome,
      detail,
    });
  }

  /** The server's reply, once it came; the row itself was settled at the commit. */
  private async finishLog(runner: QueryRunner, attempt: Attempt, outcome: SendOutcome, detail: string): Promise<void> {
    await runner.query(`UPDATE outbox_send_attempt SET outcome = $2, detail = $3, finished_at = $4 WHERE id = $1`, [
      attempt.logId,
      outcome,
      detail.slice(0, 1000),
      this.clock.now(),
    ]);
  }

  private render(row: PendingEmail): RenderedMail {
    return {
      messageId: `<${row.id}@${this.messageIdHost}>`,
      from: this.config.mail.from,
      to: row.recipient,
      subject: row.subject,
      text: row.text,
      html: row.html,
      headers: row.headers,
    };
  }
}
