import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';

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

/**
 * The end of the message was written but no reply came (the connection broke): the server may or may not
 * hold the message. The outbox row stays sent, because sending again could deliver it twice.
 */
export class UncertainDeliveryError extends Error {
  constructor(cause: unknown) {
    super(`No reply after the end of the message: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'UncertainDeliveryError';
  }
}

/**
 * The one seam to the outside for mail: pooled SMTP in production, .eml files on a laptop.
 *
 * `deliver` is two-phase: it hands over everything but the final step (the SMTP end-of-data dot, the
 * .eml rename), then awaits `commit` (the caller's database transaction recording the email as sent),
 * and only then takes the final step. A process killed before the commit leaves nothing delivered; a
 * failed commit aborts the delivery. That is what makes a redelivery safe: at most one copy per outbox row.
 */
export abstract class MailTransport {
  abstract readonly kind: 'smtp' | 'eml';
  abstract deliver(mail: RenderedMail, commit: () => Promise<void>): Promise<DeliveryReceipt>;
  abstract close(): Promise<void>;
}

/** The message as MIME bytes (CRLF line ends), with our Message-ID, and its SMTP envelope. */
export async function composeMessage(
  mail: RenderedMail,
): Promise<{ raw: Buffer; envelope: { from: string; to: string[] } }> {
  const node = new MailComposer({
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? undefined,
    headers: mail.headers,
  }).compile();
  const envelope = node.getEnvelope();
  return { raw: await node.build(), envelope: { from: envelope.from || '', to: envelope.to } };
}

/** No SMTP_URL: every message becomes a file under DATA_DIR/outbox, so nothing is silently dropped. */
export class EmlFileMailTransport extends MailTransport {
  readonly kind = 'eml' as const;

  constructor(private readonly dir: string) {
    super();
  }

  async deliver(mail: RenderedMail, commit: () => Promise<void>): Promise<DeliveryReceipt> {
    const { raw } = await composeMessage(mail);
    await mkdir(this.dir, { recursive: true });
    const safeId = mail.messageId.replace(/[^A-Za-z0-9._-]/g, '');
    const file = join(this.dir, `${safeId}.eml`);
    // Write, commit, rename: a reader never sees half a message, and one the database did not record never appears.
    await writeFile(`${file}.tmp`, raw);
    try {
      await commit();
    } catch (error) {
      await rm(`${file}.tmp`, { force: true });
      throw error;
    }
    await rename(`${file}.tmp`, file);
    return { messageId: mail.messageId, detail: file };
  }

  async close(): Promise<void> {}
}
