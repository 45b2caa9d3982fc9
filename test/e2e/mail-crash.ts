import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../utils/app.js';
import { createTestDatabase, dropTestDatabase, query, testRedisUrl } from '../utils/database.js';
import { spawnKeepwarm, type KeepwarmProcess } from '../utils/process.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

const EMAILS = 60;
const REPLY_DELAY_MS = 300;
const RCPT_DELAY_MS = 200;

/**
 * A worker process killed with SIGKILL in the middle of a batch, then a new one started: every due email
 * arrives exactly once (counted at the SMTP peer by Message-ID and by dedupe key) and every row ends sent.
 */
export function describeMailCrash(backend: Backend): void {
  describe(`a worker killed mid-batch (${backend} queue backend)`, () => {
    // A slow server: each message waits for its reply, so sends are in flight when the worker dies.
    const peer = new SmtpPeer({ delayMs: REPLY_DELAY_MS, rcptDelayMs: RCPT_DELAY_MS });
    const dataDirs: string[] = [];
    const workers: KeepwarmProcess[] = [];
    let databaseUrl: string;
    let env: Record<string, string>;

    async function startWorker(): Promise<KeepwarmProcess> {
      const dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-e2e-'));
      await chmod(dataDir, 0o755);
      dataDirs.push(dataDir);
      const worker = spawnKeepwarm({ ...env, DATA_DIR: dataDir });
      workers.push(worker);
      await worker.ready();
      return worker;
    }

    beforeAll(async () => {
      await peer.start();
      databaseUrl = await createTestDatabase();
      env = {
        ROLE: 'worker',
        PORT: '0',
        DATABASE_URL: databaseUrl,
        SMTP_URL: peer.url,
        WORKER_CONCURRENCY: '5',
        QUEUE_PREFIX: `kwt-crash-${backend}-${Date.now()}`,
        ...(backend === 'redis' ? { REDIS_URL: testRedisUrl() } : {}),
      };
    });

    afterAll(async () => {
      for (const worker of workers)
        if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await peer.stop();
      await dropTestDatabase(databaseUrl);
      await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    it('delivers every due email exactly once across the crash', async () => {
      // Due digests, committed but never dispatched: the worker queues them when it starts.
      const rows = await query<{ id: string; dedupe_key: string }>(
        databaseUrl,
        `INSERT INTO outbox_email (recipient, subject, text, html, headers, dedupe_key)
         SELECT 'crash-' || i || '@example.org', 'Digest ' || i, 'Your partners due this week: ' || i, '<p>Partners due: ' || i || '</p>',
                jsonb_build_object('X-Dedupe-Key', 'crash:' || i), 'crash:' || i
         FROM generate_series(1, $1) i RETURNING id, dedupe_key`,
        [EMAILS],
      );

      const first = await startWorker();
      // Kill mid-batch at a moment when sends are in flight (held at RCPT TO: rows locked, nothing committed; or
      // past their "." and waiting for the reply: committed and delivered) and no message is open between a
      // commit and its ".": the one instant at-most-once gives a delivery up (README, "Mail delivery"). The check
      // and the kill run in one synchronous step, so the server cannot let a send move on in between.
      await waitFor(
        'a moment mid-batch to kill the worker',
        () => {
          if (peer.received.length < 10 || peer.waitingAtRcpt === 0 || peer.openMessages.size > 0) return false;
          first.child.kill('SIGKILL');
          return true;
        },
        60_000,
        1,
      );
      expect(await first.exited).toBe('SIGKILL');
      const arrivedBeforeCrash = peer.received.length;
      expect(arrivedBeforeCrash).toBeLessThan(EMAILS);

      const second = await startWorker();
      // Jobs the dead worker held come back once their locks expire (BullMQ's stalled-job check).
      await waitFor(
        'every outbox row sent',
        async () =>
          (
            await query<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM outbox_email WHERE status = 'sent'`)
          )[0]!.n === EMAILS,
        150_000,
        500,
      );
      await waitFor('every email at the SMTP peer', () => peer.received.length >= EMAILS, 30_000);
      // A duplicate would still be waiting for the server's reply: give it time to show up.
      await new Promise((r) => setTimeout(r, 3 * REPLY_DELAY_MS));

      expect(rows.map((r) => peer.count(`<${r.id}@localhost>`)).filter((n) => n !== 1)).toEqual([]);
      const byKey = peer.countByHeader('X-Dedupe-Key');
      expect(rows.map((r) => byKey.get(r.dedupe_key) ?? 0).filter((n) => n !== 1)).toEqual([]);
      expect(peer.received).toHaveLength(EMAILS);
      expect(await query(databaseUrl, `SELECT id FROM outbox_email WHERE status <> 'sent'`)).toEqual([]);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }, 240_000);
  });
}
