import SMTPConnection, { type SMTPConnectionOptions } from 'nodemailer/lib/smtp-connection';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

export interface SmtpPoolOptions {
  /** smtp:// or smtps:// URL, with user and password if the server wants them. */
  url: string;
  /** Connections open at once; a caller beyond that waits for one to come back. */
  maxConnections: number;
}

/**
 * A small pool of open SMTP sessions. nodemailer's own pool only offers "send this message"; the outbox
 * needs the low-level connection to hold back the end of a message until its database commit
 * (see SmtpMailTransport), so the pool is ours: reuse a session after a message, RSET it after a refusal,
 * and open a fresh one when the server has closed it.
 */
export class SmtpConnectionPool {
  private readonly options: SMTPConnectionOptions;
  private readonly auth?: { user: string; pass: string };
  private readonly live = new Set<SMTPConnection>();
  private readonly idle: SMTPConnection[] = [];
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  /** Connections opened since start (figures for the benchmark and logs). */
  opened = 0;

  constructor(private readonly poolOptions: SmtpPoolOptions) {
    const { host, port, secure, auth } = parseConnectionUrl(poolOptions.url);
    this.auth = auth;
    this.options = {
      host,
      port,
      secure,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
      // Closing always destroys the socket: a message held before its end must never be completed by a graceful close.
      socketCloseTimeout: 0,
    };
  }

  /** An open session, ready for MAIL FROM. Throws when the server cannot be reached (the caller retries later). */
  async acquire(): Promise<SMTPConnection> {
    for (;;) {
      if (this.closed) throw new Error('The SMTP connection pool is closed');
      const idle = this.idle.pop();
      if (idle) {
        if (!idle.destroyed) return idle;
        this.forget(idle);
        continue;
      }
      if (this.live.size < this.poolOptions.maxConnections) return this.connect();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Back to the pool after a completed message. */
  release(connection: SMTPConnection): void {
    if (connection.destroyed || this.closed) return this.discard(connection);
    this.idle.push(connection);
    this.waiting.shift()?.();
  }

  /** After a refusal the session is still usable once reset; a failed reset closes it. */
  reset(connection: SMTPConnection): void {
    if (connection.destroyed) return this.discard(connection);
    connection.reset((error) => (error ? this.discard(connection) : this.release(connection)));
  }

  /** Closes the socket at once, without completing anything in flight. */
  discard(connection: SMTPConnection): void {
    connection.close();
    this.forget(connection);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.quit();
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async connect(): Promise<SMTPConnection> {
    const connection = new SMTPConnection(this.options);
    this.live.add(connection);
    this.opened++;
    // Errors also reach the callback of whatever is in flight; without a listener an idle session's error would crash the process.
    connection.on('error', () => undefined);
    connection.once('end', () => {
      const index = this.idle.indexOf(connection);
      if (index !== -1) this.idle.splice(index, 1);
      this.forget(connection);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const fail = (error?: Error) =>
          reject(error ?? new Error('The SMTP server closed the connection before its greeting'));
        connection.once('error', fail);
        connection.once('end', () => fail());
        connection.connect((error) => (error ? reject(error) : resolve()));
      });
      if (this.auth) {
        await new Promise<void>((resolve, reject) =>
          connection.login(this.auth, (error) => (error ? reject(error) : resolve())),
        );
      }
      return connection;
    } catch (error) {
      this.discard(connection);
      throw error;
    }
  }

  private forget(connection: SMTPConnection): void {
    if (this.live.delete(connection)) this.waiting.shift()?.();
  }
}
