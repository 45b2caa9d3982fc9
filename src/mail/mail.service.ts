import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { QUEUES, type MailJobName, type MailJobs } from '../queue/queue-names.js';
import { OutboxEmail } from './outbox-email.entity.js';

export interface NewMail {
  centreId?: string | null;
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

type MailQueue = Queue<MailJobs[MailJobName], unknown, MailJobName>;

/**
 * The outbox: stage rows inside the caller's transaction, dispatch jobs after it commits.
 * A crash between the two is repaired by `dispatchPending()` when a worker starts.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(
    @InjectQueue(QUEUES.mail) private readonly queue: MailQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Writes the outbox row with `manager` (the caller's transaction). Returns its id. */
  async stage(manager: EntityManager, mail: NewMail): Promise<string> {
    const [staged] = await this.stageMany(manager, [mail]);
    if (staged) return staged.id;
    const existing = await manager.findOneByOrFail(OutboxEmail, { dedupeKey: mail.dedupeKey! });
    return existing.id;
  }

  /**
   * Writes many outbox rows with `manager` in one statement per 1000 (a day's digests). Returns the rows
   * written; a row whose dedupe key already exists is skipped, so a rerun stages nothing twice.
   */
  async stageMany(manager: EntityManager, mails: NewMail[]): Promise<StagedMail[]> {
    const staged: StagedMail[] = [];
    for (let start = 0; start < mails.length; start += 1000) {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(OutboxEmail)
        .values(
          mails.slice(start, start + 1000).map((mail) => ({
            centreId: mail.centreId ?? null,
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

  /** Queues a send job per outbox id. Job id = outbox id, so dispatching twice queues once. */
  async dispatch(outboxIds: string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.queue.addBulk(outboxIds.map((outboxId) => ({ name: 'send', data: { outboxId }, opts: { jobId: outboxId } })));
  }

  /** Stage and dispatch in one go, for mail that is not part of a larger write. */
  async send(mail: NewMail): Promise<string> {
    const id = await this.dataSource.transaction((manager) => this.stage(manager, mail));
    await this.dispatch([id]);
    return id;
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
          const state = await this.queue.getJobState(id);
          if (state === 'completed' || state === 'failed') await this.queue.remove(id);
          if (state === 'completed' || state === 'failed' || state === 'unknown') lost.push(id);
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
