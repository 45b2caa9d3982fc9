import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { describeMailFailure, isPermanentMailFailure } from './mail.errors.js';
import { MailTransport } from './mail-transport.js';
import { OutboxEmail } from './outbox-email.entity.js';

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed';

/** Worker side of the outbox: sends one row through the transport and records what happened. */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);
  /** Right-hand side of every Message-ID: `<outboxId@host>` stays the same across retries. */
  private readonly messageIdHost: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    this.messageIdHost = new URL(config.http.publicUrl).hostname || 'keepwarm';
  }

  /**
   * Sends the row if it is still pending. Throws on a transient failure (the job is retried with
   * backoff); a permanent one (SMTP 5xx) or the last attempt marks the row failed.
   */
  async deliver(outboxId: string, isLastAttempt: boolean): Promise<DeliveryOutcome> {
    const repo = this.dataSource.getRepository(OutboxEmail);
    const row = await repo.findOneBy({ id: outboxId });
    if (!row || row.status !== 'pending') return 'skipped';

    const messageId = `<${row.id}@${this.messageIdHost}>`;
    try {
      const receipt = await this.transport.deliver({
        messageId,
        from: this.config.mail.from,
        to: row.recipient,
        subject: row.subject,
        text: row.text,
        html: row.html,
        headers: row.headers,
      });
      await repo.update(
        { id: row.id, status: 'pending' },
        { status: 'sent', attempts: row.attempts + 1, messageId: receipt.messageId, sentAt: new Date(), lastError: null },
      );
      this.logger.log({ outboxId: row.id, transport: this.transport.kind }, 'Email sent');
      return 'sent';
    } catch (error) {
      const permanent = isPermanentMailFailure(error);
      const failed = permanent || isLastAttempt;
      await repo.update(
        { id: row.id, status: 'pending' },
        { attempts: row.attempts + 1, lastError: describeMailFailure(error), status: failed ? 'failed' : 'pending' },
      );
      this.logger.warn({ outboxId: row.id, permanent, err: describeMailFailure(error) }, failed ? 'Email failed' : 'Email will be retried');
      if (failed) return 'failed';
      throw error;
    }
  }
}
