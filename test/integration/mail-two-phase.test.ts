import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createConnection } from 'node:net';
import { UncertainDeliveryError, type RenderedMail } from '../../src/mail/mail-transport.js';
import { SmtpMailTransport } from '../../src/mail/smtp-mail-transport.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

let sequence = 0;
function mail(): RenderedMail {
  const n = ++sequence;
  return {
    messageId: `<two-phase-${n}@localhost>`,
    from: 'Keepwarm <keepwarm@localhost>',
    to: `person${n}@example.org`,
    subject: `Two-phase ${n}`,
    text: `Body ${n}\n.\nA line with a lone dot above.`,
    html: `<p>${n}</p>`,
  };
}

/** Speaks SMTP by hand up to the middle of a message's data, then drops the connection. */
async function abandonMidMessage(port: number): Promise<void> {
  const socket = createConnection(port, '127.0.0.1');
  const replies: string[] = [];
  socket.on('data', (chunk: Buffer) => replies.push(chunk.toString()));
  const expectReply = (count: number) =>
    waitFor(
      `${count} SMTP replies`,
      () =>
        replies
          .join('')
          .split('\r\n')
          .filter((l) => /^\d{3} /.test(l)).length >= count,
    );
  await expectReply(1);
  for (const [command, count] of [
    ['EHLO test', 2],
    ['MAIL FROM:<a@example.org>', 3],
    ['RCPT TO:<b@example.org>', 4],
    ['DATA', 5],
  ] as const) {
    socket.write(`${command}\r\n`);
    await expectReply(count);
  }
  socket.write('Subject: never finished\r\nMessage-ID: <abandoned@localhost>\r\n\r\nHalf a message');
  await new Promise((r) => setTimeout(r, 100));
  socket.destroy();
}

/** The transport's two phases against a real SMTP server: nothing is delivered unless the commit succeeded first. */
describe('SMTP delivery held until the commit', () => {
  const peer = new SmtpPeer();
  let transport: SmtpMailTransport;

  beforeAll(async () => {
    await peer.start();
  });

  afterEach(async () => {
    await transport?.close();
    peer.options = {};
  });

  afterAll(async () => {
    await peer.stop();
  });

  it('the SMTP peer keeps nothing of a message whose connection closes before the final dot', async () => {
    const before = peer.aborted;
    await abandonMidMessage(peer.port);
    await waitFor('the peer to notice the dropped message', () => peer.aborted === before + 1);
    expect(peer.received.some((m) => m.messageId === '<abandoned@localhost>')).toBe(false);
  });

  it('streams the message, commits, and only then lets the server accept it', async () => {
    transport = new SmtpMailTransport(peer.url, 2);
    const message = mail();
    let seenAtCommit: number | undefined;
    const receipt = await transport.deliver(message, async () => {
      await waitFor('the message data to start', () => peer.dataStarted > 0);
      await new Promise((r) => setTimeout(r, 200)); // the body has long reached the server; its end has not
      seenAtCommit = peer.count(message.messageId);
    });
    expect(seenAtCommit).toBe(0);
    expect(peer.count(message.messageId)).toBe(1);
    expect(receipt.detail).toMatch(/^250 /);
    const received = peer.received.find((m) => m.messageId === message.messageId)!;
    expect(received.text).toContain('\n.\nA line with a lone dot above.');
  });

  it('never delivers a message whose commit fails, and drops the unfinished message', async () => {
    transport = new SmtpMailTransport(peer.url, 2);
    const message = mail();
    const aborted = peer.aborted;
    await expect(
      transport.deliver(message, async () => {
        throw new Error('could not serialize access');
      }),
    ).rejects.toThrow('could not serialize access');
    await waitFor('the peer to drop the unfinished message', () => peer.aborted === aborted + 1);
    expect(peer.count(message.messageId)).toBe(0);
  });

  it('reports a refusal at the end of the message with its reply code, after the commit', async () => {
    transport = new SmtpMailTransport(peer.url, 2);
    peer.options = { rejectWith: 550 };
    let committed = false;
    const error = await transport.deliver(mail(), async () => void (committed = true)).catch((e: unknown) => e);
    expect(committed).toBe(true);
    expect(error).toMatchObject({ responseCode: 550 });
    expect(error).not.toBeInstanceOf(UncertainDeliveryError);
  });

  it('never commits when the server cannot be reached', async () => {
    transport = new SmtpMailTransport(`smtp://127.0.0.1:${await SmtpPeer.freePort()}`, 2);
    let committed = false;
    await expect(transport.deliver(mail(), async () => void (committed = true))).rejects.toThrow(/ECONNREFUSED/);
    expect(committed).toBe(false);
  });

  it('reuses pooled connections, also after a refusal (RSET)', async () => {
    transport = new SmtpMailTransport(peer.url, 2);
    for (let i = 0; i < 3; i++) await transport.deliver(mail(), async () => undefined);
    peer.options = { rejectWith: 451 };
    await expect(transport.deliver(mail(), async () => undefined)).rejects.toMatchObject({ responseCode: 451 });
    peer.options = {};
    const messages = Array.from({ length: 6 }, mail);
    await Promise.all(messages.map((m) => transport.deliver(m, async () => undefined)));
    expect(messages.map((m) => peer.count(m.messageId))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(transport.pool.opened).toBe(2);
  });
});
