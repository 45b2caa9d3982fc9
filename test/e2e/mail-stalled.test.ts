import { describe, expect, it } from '@jest/globals';
import type { Backend } from '../utils/app.js';
import { query, testRedisUrl } from '../utils/database.js';
import { spawnKeepwarm } from '../utils/process.js';
import { processSandbox } from '../utils/process-sandbox.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

const EMAILS = 5;

/**
 * Jobs whose worker is killed twice while it holds them (BullMQ's default fails a job the second time it stalls,
 * and its row then waited for a restart): the next worker still sends every email, once, within a minute.
 */
describe.each<Backend>(['postgres', 'redis'])('mail jobs whose worker dies twice (%s queue backend)', (backend) => {
  // A server that holds RCPT TO: every send is in flight, its row locked and uncommitted, when its worker dies.
  const peer = new SmtpPeer({ rcptDelayMs: 600_000 });
  const sandbox = processSandbox(peer);

  it('sends each email once, within a minute of the third worker starting', async () => {
    const env = {
      ROLE: 'worker',
      DATA_DIR: sandbox.dataDir,
      PORT: '0',
      DATABASE_URL: sandbox.databaseUrl,
      SMTP_URL: peer.url,
      WORKER_CONCURRENCY: String(EMAILS),
      QUEUE_PREFIX: `kwt-stalled-${Date.now()}`,
      ...(backend === 'redis' ? { REDIS_URL: testRedisUrl() } : {}),
    };
    const start = async () => {
      const proc = spawnKeepwarm(env);
      sandbox.processes.push(proc);
      await proc.ready();
      return proc;
    };
    const rows = await query<{ id: string }>(
      sandbox.databaseUrl,
      `INSERT INTO outbox_email (recipient, subject, text) SELECT 'stalled-' || i || '@example.org', 'Stalled ' || i, 'Body' FROM generate_series(1, $1) i RETURNING id`,
      [EMAILS],
    );

    const first = await start();
    await first.whileAlive(waitFor('every send held at RCPT TO', () => peer.rcptSeen >= EMAILS, 30_000));
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await start();
    // The dead worker's jobs come back (stalled) and are taken by the second worker, then it dies too.
    await second.whileAlive(
      waitFor('every send started again by the second worker', () => peer.rcptSeen >= 2 * EMAILS, 90_000, 250),
    );
    second.child.kill('SIGKILL');
    await second.exited;

    peer.options = {};
    const third = await start();
    const outbox = () =>
      query<{ id: string; status: string; attempts: number }>(
        sandbox.databaseUrl,
        `SELECT id, status, attempts FROM outbox_email ORDER BY id`,
      );
    const allSent = waitFor(
      'every email sent',
      async () => (await outbox()).every((row) => row.status === 'sent'),
      60_000,
      250,
    );
    await third.whileAlive(allSent).catch(async (error: Error) => {
      // What the worker and the outbox looked like when the minute ran out: the failure explains itself.
      throw new Error(
        `${error.message}\noutbox: ${JSON.stringify(await outbox())}\nthe third worker's last lines:\n${third.lastWords(40)}`,
      );
    });
    expect(rows.map((r) => peer.count(`<${r.id}@localhost>`))).toEqual(Array(EMAILS).fill(1));
    // The worker's log says which jobs came back from a dead worker.
    const stalled = third.logLines().filter((l) => String(l.msg).startsWith('Mail job stalled'));
    expect(stalled.map((l) => l.outboxId).sort()).toEqual(rows.map((r) => r.id).sort());
  }, 240_000);
});
