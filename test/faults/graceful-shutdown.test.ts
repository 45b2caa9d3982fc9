import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../e2e/mail-drill.js';
import type { Backend } from '../utils/app.js';
import { query, testRedisUrl } from '../utils/database.js';
import { spawnKeepwarm } from '../utils/process.js';
import { processSandbox } from '../utils/process-sandbox.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { scaled, waitFor } from '../utils/wait.js';
import { faultSeed } from './fault-seed.js';

const JOBS = 50;
/** Below the default SHUTDOWN_TIMEOUT_MS (8 s): every job in flight can finish. */
const SMTP_ANSWER_MS = 3000;
const SHUTDOWN_TIMEOUT_MS = 8000;

/**
 * Drill 6: test/e2e/graceful-shutdown.test.ts with 50 jobs in flight at once. SIGTERM at a random moment while all
 * 50 wait for the mail server's answer: the worker exits 0 within SHUTDOWN_TIMEOUT_MS, every email is sent once,
 * and no job is left active in the queue to stall (read from an api process started afterwards, which runs no jobs).
 */
describe.each<Backend>(['postgres', 'redis'])('SIGTERM with 50 jobs in flight (%s queue backend)', (backend) => {
  const peer = new SmtpPeer({ delayMs: SMTP_ANSWER_MS });
  const sandbox = processSandbox(peer, 'keepwarm-fault-shutdown-');

  it('exits 0 within the shutdown timeout, sends all 50 once, leaves no active job', async () => {
    const random = seededRandom(faultSeed(`graceful-shutdown-${backend}`));
    const env = {
      PORT: '0',
      DATA_DIR: sandbox.dataDir,
      DATABASE_URL: sandbox.databaseUrl,
      SMTP_URL: peer.url,
      WORKER_CONCURRENCY: String(JOBS),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      QUEUE_PREFIX: `kwt-fault-shutdown-${Date.now().toString(36)}`,
      ...(backend === 'redis' ? { REDIS_URL: testRedisUrl() } : {}),
    };
    const rows = await query<{ id: string }>(
      sandbox.databaseUrl,
      `INSERT INTO outbox_email (recipient, subject, text) SELECT 'inflight-' || i || '@example.org', 'In flight ' || i, 'Body' FROM generate_series(1, $1) i RETURNING id`,
      [JOBS],
    );
    const worker = spawnKeepwarm({ ...env, ROLE: 'worker' });
    sandbox.processes.push(worker);
    await worker.ready(120_000);
    await waitFor('all 50 messages at the server, waiting for its answer', () => peer.dataStarted >= JOBS, 60_000);
    // Anywhere in the answers' wait, not at its start only.
    await new Promise((r) => setTimeout(r, random() * (SMTP_ANSWER_MS - 500)));

    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const stoppedAfterMs = Date.now() - signalledAt;
    process.stdout.write(
      `SHUTDOWN ${backend}: exited ${stoppedAfterMs} ms after SIGTERM with ${JOBS} jobs in flight\n`,
    );
    expect(stoppedAfterMs).toBeLessThan(scaled(SHUTDOWN_TIMEOUT_MS));

    expect(rows.filter((r) => peer.count(`<${r.id}@localhost>`) !== 1)).toEqual([]);
    const outbox = await query<{ status: string; attempts: number; n: number }>(
      sandbox.databaseUrl,
      `SELECT status, attempts, count(*)::int AS n FROM outbox_email GROUP BY status, attempts`,
    );
    expect(outbox).toEqual([{ status: 'sent', attempts: 1, n: JOBS }]);

    // With no worker running, a job still "active" would be one the stopped worker left to stall.
    const api = spawnKeepwarm({ ...env, ROLE: 'api' });
    sandbox.processes.push(api);
    const ready = (await (await fetch(`${await api.ready(120_000)}/health/ready`)).json()) as {
      checks: { queue: { mail: Record<string, number> } };
    };
    expect(ready.checks.queue.mail).toMatchObject({ active: 0, waiting: 0, failed: 0 });
  }, 240_000);
});
