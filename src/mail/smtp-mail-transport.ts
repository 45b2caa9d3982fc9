import { Readable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SMTPConnectionSendInfo } from 'nodemailer/lib/smtp-connection';
import {
  composeMessage,
  MailTransport,
  UncertainDeliveryError,
  type DeliveryReceipt,
  type RenderedMail,
} from './mail-transport.js';
import { SmtpConnectionPool } from './smtp-pool.js';

/**
 * The message body, handed to SMTPConnection.send as a stream that does not end until released.
 * nodemailer writes the terminating "<CRLF>.<CRLF>" only when the source stream ends (DataStream._flush
 * in nodemailer/lib/smtp-connection/data-stream), so the server cannot accept the message before `release()`.
 */
class HeldMessage extends Readable {
  /** Resolves when the server has answered DATA with 354 and nodemailer starts reading the body. */
  readonly reading: Promise<void>;
  private startReading!: () => void;
  private pushed = false;

  constructor(private readonly raw: Buffer) {
    super();
    this.reading = new Promise((resolve) => (this.startReading = resolve));
  }

  override _read(): void {
    if (this.pushed) return;
    this.pushed = true;
    this.push(this.raw);
    this.startReading();
  }

  release(): void {
    this.push(null);
  }
}

/** SMTP through our own pool, with the end of each message held back until the outbox row is committed as sent. */
export class SmtpMailTransport extends MailTransport {
  readonly kind = 'smtp' as const;
  readonly pool: SmtpConnectionPool;

  constructor(smtpUrl: string, maxConnections: number) {
    super();
    this.pool = new SmtpConnectionPool({ url: smtpUrl, maxConnections });
  }

  async deliver(mail: RenderedMail, commit: () => Promise<void>): Promise<DeliveryReceipt> {
    const { raw, envelope } = await composeMessage(mail);
    const connection = await this.pool.acquire();
    let info: SMTPConnectionSendInfo;
    try {
      info = await this.sendHeld(connection, envelope, raw, commit);
    } catch (error) {
      // A reply from the server leaves the session usable after RSET; anything else may have left it half way.
      if (typeof (error as { responseCode?: unknown }).responseCode === 'number') this.pool.reset(connection);
      else this.pool.discard(connection);
      throw error;
    }
    this.pool.release(connection);
    return { messageId: mail.messageId, detail: info.response };
  }

  /**
   * MAIL FROM, RCPT TO, DATA and the body; then `commit`; then the end-of-data dot and the server's reply.
   * Throws the server's refusal (with its responseCode), a connection error from before the dot (nothing
   * was delivered), or UncertainDeliveryError when the dot went out but no reply came back.
   */
  private async sendHeld(
    connection: SMTPConnection,
    envelope: { from: string; to: string[] },
    raw: Buffer,
    commit: () => Promise<void>,
  ): Promise<SMTPConnectionSendInfo> {
    const message = new HeldMessage(raw);
    let settled: { error?: Error } | undefined;
    const result = new Promise<SMTPConnectionSendInfo>((resolve, reject) =>
      connection.send(envelope, message, (error, info) => {
        settled = { error: error ?? undefined };
        if (error) reject(error);
        else resolve(info!);
      }),
    );
    result.catch(() => undefined); // awaited below; a refusal during the envelope must not go unhandled meanwhile

    await Promise.race([message.reading, result]);
    // A failed commit throws here; deliver() then drops the session without the dot, and the server discards the unfinished message.
    await commit();
    // The session died while the commit ran: the dot was never written, so nothing was delivered.
    if (settled?.error) throw settled.error;
    message.release();
    try {
      return await result;
    } catch (error) {
      if (typeof (error as { responseCode?: unknown }).responseCode === 'number') throw error;
      throw new UncertainDeliveryError(error);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
