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
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEmail)
      .values({
        centreId: mail.centreId ?? null,
        recipient: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? null,
        headers: mail.headers ?? {},
        dedupeKey: mail.dedupeKey ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (id) return id;
    const existing = await manager.findOneByOrFail(OutboxEmail, { dedupeKey: mail.dedupeKey! });
    return existing.id;
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

  /** Re-queues rows still pending (left by a crash between commit and dispatch). Harmless when nothing is missing. */
  async dispatchPending(): Promise<number> {
    const rows = await this.dataSource
      .getRepository(OutboxEmail)
      .createQueryBuilder('o')
      .select('o.id', 'id')
      .where(`o.status = 'pending'`)
      .orderBy('o.created_at')
      .limit(10_000)
      .getRawMany<{ id: string }>();
    await this.dispatch(rows.map((r) => r.id));
    if (rows.length > 0) this.logger.log(`Re-queued ${rows.length} pending outbox email(s)`);
    return rows.length;
  }
}
