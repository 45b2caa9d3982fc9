import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';

/** A fully rendered message: what the outbox stores and a transport delivers. */
export interface RenderedMail {
  /** Stable per outbox row, so a redelivery can be recognised downstream. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
}

export interface DeliveryReceipt {
  messageId: string;
  /** Where it went: the SMTP server's reply, or the .eml file written. */
  detail: string;
}

/** The one seam to the outside for mail: pooled SMTP in production, .eml files on a laptop. */
export abstract class MailTransport {
  abstract readonly kind: 'smtp' | 'eml';
  abstract deliver(mail: RenderedMail): Promise<DeliveryReceipt>;
  abstract close(): Promise<void>;
}

export class SmtpMailTransport extends MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter;

  constructor(smtpUrl: string) {
    super();
    this.transporter = createTransport({ url: smtpUrl, pool: true, maxConnections: 5, maxMessages: 500 });
  }

  async deliver(mail: RenderedMail): Promise<DeliveryReceipt> {
    const info = await this.transporter.sendMail({ ...mail, html: mail.html ?? undefined });
    return { messageId: info.messageId ?? mail.messageId, detail: String(info.response ?? '') };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/** No SMTP_URL: every message becomes a file under DATA_DIR/outbox, so nothing is silently dropped. */
export class EmlFileMailTransport extends MailTransport {
  readonly kind = 'eml' as const;
  private readonly composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly dir: string) {
    super();
  }

  async deliver(mail: RenderedMail): Promise<DeliveryReceipt> {
    const info = await this.composer.sendMail({ ...mail, html: mail.html ?? undefined });
    await mkdir(this.dir, { recursive: true });
    const safeId = mail.messageId.replace(/[^A-Za-z0-9._-]/g, '');
    const file = join(this.dir, `${safeId}.eml`);
    // Write then rename: a reader never sees half a message, and a redelivery replaces, not duplicates.
    await writeFile(`${file}.tmp`, info.message as Buffer);
    await rename(`${file}.tmp`, file);
    return { messageId: mail.messageId, detail: file };
  }

  async close(): Promise<void> {}
}
