import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { Clock } from '../common/clock.js';
import { isDatabaseUnavailable } from '../common/database-unavailable.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { describeMailFailure, isPermanentMailFailure } from './mail.errors.js';
import { MailTransport, UncertainDeliveryError, type RenderedMail } from './mail-transport.js';
import { OutboxEmail } from './outbox-email.entity.js';
import { OutboxSendAttempt, type SendOutcome } from './outbox-send-attempt.entity.js';

/** held: the outcome is unknown and MAIL_UNCERTAIN_DELIVERY=hold keeps the row for an admin. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'failed' | 'held';

/**
 * First key of the session advisory lock a worker holds on an outbox row from before it reads the row until its
 * outcome is committed (the second key is hashtext(id)). A row still 'sending' whose lock is free has lost its
 * worker: it died, or its database connection did.
 */
const SENDING_LOCK = 0x6b77_6d6c; // "kwml"

/** How long a worker keeps trying to record an accepted email while the database is away, and how often. */
const RECORD_SENT_PATIENCE_MS = 5 * 60_000;
const RECORD_SENT_RETRY_MS = 500;

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
  status: 'pending' | 'sending';
}

/** The attempt in progress: what the send log and the failure path need to know. */
interface Attempt {
  row: PendingEmail;
  number: number;
  startedAt: Date;
  /** Set once the transaction marking the row 'sending' has committed (with its send-log row `logId`). */
  handedOver: boolean;
  logId: string;
}

/** Another worker holds the row right now: the job tries again later and then finds it settled. */
export class DeliveryInProgressError extends Error {
  constructor(outboxId: string) {
    super(`Outbox email ${outboxId} is being delivered by another worker`);
    this.name = 'DeliveryInProgressError';
  }
}

/**
 * Worker side of the outbox: sends one row; after a crash, sends it again rather than lose it.
 *
 * A session advisory lock marks the row as held by this live worker for the whole send. One transaction locks
 * the row (FOR UPDATE SKIP LOCKED), streams the message to the server except its end (the SMTP end-of-data dot,
 * the .eml rename), and commits 'sending' with a 'handed-over' send-log entry; then the end is written, and the
 * server's answer is committed: 'sent' with its reply, 'pending' again (4xx) or 'failed' (5xx).
 * A worker killed before the 'sending' commit loses its connection, the transaction rolls back and the server
 * drops the unfinished message: the row is pending and nothing was delivered. A worker killed after it leaves a
 * row 'sending' whose lock is free: its outcome is unknown (the server may hold the message), and
 * `resolveOrphans` (or the job's next run) applies MAIL_UNCERTAIN_DELIVERY: send it again with the same
 * Message-ID (default), or hold it as 'uncertain' for an admin. Either way the send log says so.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);
  /** Right-hand side of every Message-ID: `<outboxId@host>` stays the same across retries and resends. */
  private readonly messageIdHost: string;
  /**
   * Emails this process knows the server accepted and is still recording (the database went away meanwhile).
   * Their rows are 'sending' with the lock lost with the connection: neither the sweep nor a rerun of their job
   * (stalled while the database was away) may take them for orphans and send them again.
   */
  private readonly recording = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly clock: Clock,
  ) {
    this.messageIdHost = new URL(config.http.publicUrl).hostname || 'keepwarm';
  }

  /**
   * Sends the row if it is still pending (or was left 'sending' by a dead worker). Throws on a transient failure
   * (the job is retried with backoff); a permanent one (SMTP 5xx) or the last attempt marks the row failed.
   */
  async deliver(outboxId: string, isLastAttempt: boolean): Promise<DeliveryOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let locked = false;
    try {
      const [lock] = (await runner.query(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`, [
        SENDING_LOCK,
        outboxId,
      ])) as { locked: boolean }[];
      locked = lock!.locked;
      if (!locked) throw new DeliveryInProgressError(outboxId);
      return await this.deliverWith(runner, outboxId, isLastAttempt);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (locked)
        await runner
          .query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [SENDING_LOCK, outboxId])
          .catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * Rows left 'sending' whose worker is gone (their lock is free): each one's last attempt never got its answer.
   * Applies MAIL_UNCERTAIN_DELIVERY to them and returns the ids to queue again (none when holding).
   */
  async resolveOrphans(limit = 500): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id FROM outbox_email o
          WHERE status = 'sending' AND NOT (id = ANY($3::uuid[])) AND pg_try_advisory_xact_lock($1, hashtext(o.id::text))
          ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [SENDING_LOCK, limit, [...this.recording]],
      )) as { id: string }[];
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      await this.markUncertain(manager, ids, 'its worker stopped before the server answered');
      return this.config.mail.uncertainDelivery === 'resend' ? ids : [];
    });
  }

  private async deliverWith(runner: QueryRunner, outboxId: string, isLastAttempt: boolean): Promise<DeliveryOutcome> {
    await runner.startTransaction();
    // Raw SQL on this path: it runs once per email, thousands of times a day.
    const select = () =>
      runner.query(
        `SELECT id, centre_id, recipient, subject, text, html, headers, attempts, status FROM outbox_email
          WHERE id = $1 AND status IN ('pending', 'sending') FOR UPDATE SKIP LOCKED`,
        [outboxId],
      ) as Promise<PendingEmail[]>;
    let [row] = await select();
    if (row?.status === 'sending' && this.recording.has(row.id)) throw new DeliveryInProgressError(row.id);
    if (row?.status === 'sending') {
      // We hold its lock, so the worker that handed it over is gone: the job came back after a crash.
      await this.markUncertain(runner.manager, [row.id], 'its worker stopped before the server answered');
      if (this.config.mail.uncertainDelivery === 'hold') {
        await runner.commitTransaction();
        return 'held';
      }
      [row] = await select();
    }
    if (!row) {
      await runner.rollbackTransaction();
      return 'skipped';
    }

    const attempt: Attempt = {
      row,
      number: row.attempts + 1,
      startedAt: this.clock.now(),
      handedOver: false,
      logId: randomUUID(),
    };
    const mail = this.render(row);
    let reply: string;
    try {
      reply = (await this.transport.deliver(mail, () => this.commitHandedOver(runner, attempt, mail.messageId))).detail;
    } catch (error) {
      if (attempt.handedOver && error instanceof UncertainDeliveryError)
        return this.recordUncertain(runner, attempt, error, isLastAttempt);
      return this.recordFailure(runner, attempt, error, isLastAttempt);
    }
    await this.recordSent(runner, attempt, reply);
    this.logger.log({ outboxId: row.id, transport: this.transport.kind }, 'Email sent');
    return 'sent';
  }

  /**
   * The server accepted the message: that is known, so it must reach the outbox even when PostgreSQL went away
   * meanwhile (restart, failover). Otherwise the row stays 'sending', its lock dies with the connection, and the
   * sweep sends it a second time. Tries again on fresh connections until the database answers, for
   * RECORD_SENT_PATIENCE_MS; past that, the row is left to the uncertain-delivery rule as after a crash.
   */
  private async recordSent(runner: QueryRunner, attempt: Attempt, reply: string): Promise<void> {
    try {
      await this.commitSent(runner.manager, attempt, reply);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        this.logger.error({ err: error, outboxId: attempt.row.id }, 'Email sent, but recording it failed');
        throw error;
      }
      this.logger.warn(
        { outboxId: attempt.row.id },
        'Email sent, but the database is unavailable: recording it when it is back',
      );
    }
    const giveUpAt = Date.now() + RECORD_SENT_PATIENCE_MS;
    this.recording.add(attempt.row.id);
    try {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, RECORD_SENT_RETRY_MS));
        try {
          await this.commitSent(this.dataSource.manager, attempt, reply);
          return;
        } catch (error) {
          if (!isDatabaseUnavailable(error) || Date.now() > giveUpAt) throw error;
        }
      }
    } finally {
      this.recording.delete(attempt.row.id);
    }
  }

  /** Everything but the end of the message is with the server; from this commit on, the outcome may be unknown. */
  private async commitHandedOver(runner: QueryRunner, attempt: Attempt, messageId: string): Promise<void> {
    await runner.query(
      `WITH sending AS (
         UPDATE outbox_email SET status = 'sending', attempts = $2, message_id = $3, last_error = NULL, updated_at = now() WHERE id = $1
       )
       INSERT INTO outbox_send_attempt (id, outbox_id, centre_id, attempt, started_at, outcome, detail)
       VALUES ($4, $1, $5, $2, $6, 'handed-over', 'Handed over; waiting for the server to accept the message')`,
      [attempt.row.id, attempt.number, messageId, attempt.logId, attempt.row.centre_id, attempt.startedAt],
    );
    await runner.commitTransaction();
    attempt.handedOver = true;
  }

  /**
   * The server's acceptance, on record: one statement, so the row and its log entry change together. After a
   * database outage a sweep may have judged this attempt uncertain and put the row back to pending before it could
   * be recorded; as long as no later attempt has started (attempts unchanged), the acceptance replaces that verdict.
   */
  private async commitSent(manager: EntityManager, attempt: Attempt, reply: string): Promise<void> {
    const now = this.clock.now();
    await manager.query(
      `WITH sent AS (
         UPDATE outbox_email
            SET status = 'sent', sent_at = $3, updated_at = now(), last_error = NULL,
                uncertain_deliveries = uncertain_deliveries - (CASE WHEN status = 'pending' THEN 1 ELSE 0 END)
          WHERE id = $1 AND attempts = $5
            AND (status = 'sending' OR (status = 'pending' AND EXISTS (
                  SELECT 1 FROM outbox_send_attempt WHERE id = $2 AND outcome = 'uncertain')))
          RETURNING id
       )
       UPDATE outbox_send_attempt SET outcome = 'sent', detail = $4, finished_at = $3 WHERE id = $2 AND EXISTS (SELECT 1 FROM sent)`,
      [attempt.row.id, attempt.logId, now, reply.slice(0, 1000), attempt.number],
    );
  }

  /**
   * The end of the message went out and the connection broke before the answer, with this worker alive. The same
   * rule as after a crash: back to pending to be sent again (the job retries), or held for an admin. On the last
   * attempt it is held whatever the rule, so that it never waits unseen for a job that will not come.
   */
  private async recordUncertain(
    runner: QueryRunner,
    attempt: Attempt,
    error: UncertainDeliveryError,
    isLastAttempt: boolean,
  ): Promise<DeliveryOutcome> {
    const hold = this.config.mail.uncertainDelivery === 'hold' || isLastAttempt;
    await runner.startTransaction();
    await this.markUncertain(runner.manager, [attempt.row.id], describeMailFailure(error), hold);
    await runner.commitTransaction();
    this.logger.warn(
      { outboxId: attempt.row.id, err: describeMailFailure(error) },
      hold
        ? 'Email handed over, but the server did not answer: held'
        : 'Email handed over, but the server did not answer: sending it again',
    );
    if (hold) return 'held';
    throw error;
  }

  /**
   * Rows whose last attempt was handed over and never answered: the attempt's log entry becomes 'uncertain',
   * the count goes up, and the row goes back to pending (resend, same Message-ID) or to 'uncertain' (hold).
   */
  private async markUncertain(
    manager: EntityManager,
    ids: string[],
    why: string,
    hold = this.config.mail.uncertainDelivery === 'hold',
  ): Promise<void> {
    const detail = hold
      ? `Outcome unknown (${why}): the server may have accepted it. Held for an admin (MAIL_UNCERTAIN_DELIVERY=hold)`
      : `Outcome unknown (${why}): the server may have accepted it. Sending it again with the same Message-ID`;
    await manager.query(
      `WITH marked AS (
         UPDATE outbox_email SET status = $2, uncertain_deliveries = uncertain_deliveries + 1, last_error = $3, sent_at = NULL, updated_at = now()
          WHERE id = ANY($1::uuid[]) AND status = 'sending' RETURNING id
       )
       UPDATE outbox_send_attempt a SET outcome = 'uncertain', detail = $3, finished_at = $4
         FROM marked WHERE a.outbox_id = marked.id AND a.outcome = 'handed-over'`,
      [ids, hold ? 'uncertain' : 'pending', detail.slice(0, 1000), this.clock.now()],
    );
    this.logger.warn(
      { outboxIds: ids, hold },
      `Outcome of ${ids.length} handed-over email(s) unknown: ${hold ? 'held for an admin' : 'sending again'}`,
    );
  }

  /**
   * Records a failed attempt in a short transaction of its own, on the job's one connection: the row goes back
   * to pending (transient) or to failed (permanent, or the last attempt). Before the hand-over the row was never
   * sent; after it, a refusal at the end of the message means the server did not take it.
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
      .where('id = :id AND status = :from', { id: attempt.row.id, from: attempt.handedOver ? 'sending' : 'pending' })
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

  /** The attempt's send-log row: written at the hand-over (then updated here), or new for a failure before it. */
  private async logFailure(
    manager: EntityManager,
    attempt: Attempt,
    outcome: SendOutcome,
    detail: string,
  ): Promise<void> {
    const finishedAt = this.clock.now();
    if (attempt.handedOver) {
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
