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
  /** Hold each RCPT TO this long before accepting it (a send waits there, its outbox row locked and uncommitted). */
  rcptDelayMs?: number;
  /** Answer every message with this SMTP code (e.g. 550 permanent, 451 transient) instead of accepting it. */
  rejectWith?: number;
  /** Answer messages to recipients matching this pattern with 550 (a mailbox that does not exist). */
  rejectRecipients?: RegExp;
  /**
   * Keep this many messages but drop the connection instead of answering them: the server has the message, the
   * client never learns it (a reply lost to a network break). Counts down.
   */
  loseReplies?: number;
}

/** A real SMTP server in the test process, collecting what it accepts. */
export class SmtpPeer {
  readonly received: ReceivedMail[] = [];
  /** Messages whose DATA started (accepted or not). */
  dataStarted = 0;
  /** Messages whose connection closed before their final "." (the server keeps nothing of them). */
  aborted = 0;
  /** Sends held in RCPT TO right now (see rcptDelayMs). */
  waitingAtRcpt = 0;
  /** RCPT TO commands received so far (accepted or still held). */
  rcptSeen = 0;
  /**
   * Sessions whose recipient was accepted and whose message has not ended yet: the only ones that can be between
   * the worker's commit and its final ".". Read synchronously, it is exact: only this server moves a session in.
   */
  readonly openMessages = new Set<string>();
  /** Recipients of the messages this server answered with an error (once per answer). */
  readonly rejected: string[] = [];
  /** Connection errors the server reported (ECONNRESET from a client that died). */
  readonly connectionErrors: Error[] = [];
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
      // stop() ends connections still open after a second, like a server going down.
      closeTimeout: 1000,
      onRcptTo: (_address, session, callback) => {
        this.rcptSeen++;
        const accept = () => {
          this.openMessages.add(session.id);
          callback();
        };
        const { rcptDelayMs } = this.options;
        if (!rcptDelayMs) return accept();
        this.waitingAtRcpt++;
        setTimeout(() => {
          this.waitingAtRcpt--;
          accept();
        }, rcptDelayMs).unref(); // a session held at RCPT TO does not keep the test process alive
      },
      onClose: (session) => {
        this.openMessages.delete(session.id);
      },
      onData: (stream, session, callback) => {
        this.dataStarted++;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('close', () => {
          if (!stream.readableEnded) this.aborted++;
          this.openMessages.delete(session.id);
        });
        stream.on('end', () => {
          this.openMessages.delete(session.id);
          const finish = async () => {
            const { delayMs, rejectRecipients } = this.options;
            const recipients = session.envelope.rcptTo.map((r) => r.address);
            const rejectWith =
              this.options.rejectWith ?? (recipients.some((a) => rejectRecipients?.test(a)) ? 550 : undefined);
            if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
            if (rejectWith) {
              this.rejected.push(...recipients);
              const error = Object.assign(new Error(`Rejected by test peer (${rejectWith})`), {
                responseCode: rejectWith,
              });
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
            if (this.options.loseReplies) {
              this.options.loseReplies--;
              return this.dropConnection(session.id);
            }
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
    // A client that dies mid-session (a SIGKILLed worker) resets its connection: a real server logs it and goes on.
    this.server.on('error', (error: Error) => this.connectionErrors.push(error));
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this;
  }

  private dropConnection(sessionId: string): void {
    const connections = (this.server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> })
      .connections;
    for (const connection of connections) if (connection.id === sessionId) connection._socket.destroy();
  }

  /** How many accepted messages carry this Message-ID (1 for every email delivered exactly once). */
  count(messageId: string): number {
    return this.received.filter((m) => m.messageId === messageId).length;
  }

  /** Accepted messages per value of a header (e.g. the dedupe key a test put on each email). */
  countByHeader(name: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.received) {
      const value = mail.headers.get(name.toLowerCase());
      if (typeof value === 'string') counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
  }

  /** A port nothing listens on yet: point the app at it, then start() the peer there later (an SMTP outage). */
  static async freePort(): Promise<number> {
    const probe = await new SmtpPeer().start();
    await probe.stop();
    return probe.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
