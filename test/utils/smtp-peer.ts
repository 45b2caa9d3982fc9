import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  messageId?: string;
  to: string;
  subject?: string;
  text?: string;
  html?: string | false;
  headers: ParsedMail['headers'];
}

export interface SmtpPeerOptions {
  /** Hold each message this long before answering DATA (a slow server; a job "in flight"). */
  delayMs?: number;
  /** Answer every message with this SMTP code (e.g. 550 permanent, 451 transient) instead of accepting it. */
  rejectWith?: number;
}

/** A real SMTP server in the test process, collecting what it accepts. */
export class SmtpPeer {
  readonly received: ReceivedMail[] = [];
  /** Messages whose DATA started (accepted or not). */
  dataStarted = 0;
  private server?: SMTPServer;
  port = 0;

  constructor(public options: SmtpPeerOptions = {}) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        this.dataStarted++;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const finish = async () => {
            const { rejectWith, delayMs } = this.options;
            if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
            if (rejectWith) {
              const error = Object.assign(new Error(`Rejected by test peer (${rejectWith})`), { responseCode: rejectWith });
              return callback(error);
            }
            const parsed = await simpleParser(Buffer.concat(chunks));
            this.received.push({
              messageId: parsed.messageId,
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              subject: parsed.subject,
              text: parsed.text,
              html: parsed.html,
              headers: parsed.headers,
            });
            callback();
          };
          finish().catch((error: Error) => callback(error));
        });
      },
    };
    this.server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
