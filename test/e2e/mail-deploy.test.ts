import { describe, expect, it } from '@jest/globals';
import type { Backend } from '../utils/app.js';
import { query, testRedisUrl } from '../utils/database.js';
import { runCli, spawnKeepwarm } from '../utils/process.js';
import { processSandbox } from '../utils/process-sandbox.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

/**
 * A deploy whose shutdown outlives SHUTDOWN_TIMEOUT_MS: the old process gives up on a send still waiting for the
 * server and exits; its job is left active with the old process's lock. The next worker sends the email, once,
 * within a minute of starting, on both backends.
 */
describe.each<Backend>(['postgres', 'redis'])(
  'SIGTERM with a send longer than SHUTDOWN_TIMEOUT_MS (%s queue backend)',
  (backend) => {
    // The server holds RCPT TO for 8 s: longer than the 1 s the old process waits on SIGTERM.
    const peer = new SmtpPeer({ rcptDelayMs: 8000 });
    const sandbox = processSandbox(peer);

    it('sends the abandoned email once, within a minute of the next worker starting', async () => {
      const env = {
        ROLE: 'worker',
        DATA_DIR: sandbox.dataDir,
        PORT: '0',
        DATABASE_URL: sandbox.databaseUrl,
        SMTP_URL: peer.url,
        SHUTDOWN_TIMEOUT_MS: '1000',
        QUEUE_PREFIX: `kwt-deploy-${Date.now()}`,
        ...(backend === 'redis' ? { REDIS_URL: testRedisUrl() } : {}),
      };
      const old = spawnKeepwarm(env);
      sandbox.processes.push(old);
      await old.ready();
      const cli = await runCli(env, ['mail:test', 'operator@example.org']);
      expect(cli.code).toBe(0);
      const outboxId = /Queued test email ([0-9a-f-]{36})/.exec(cli.stdout)?.[1];
      expect(outboxId).toBeDefined();

      await waitFor('the send to wait at RCPT TO', () => peer.waitingAtRcpt > 0);
      old.child.kill('SIGTERM');
      expect(await old.exited).toBe(0);
      expect(old.logLines().some((l) => typeof l.msg === 'string' && l.msg.includes('were left in the queue'))).toBe(
        true,
      );
      const [left] = await query<{ status: string }>(
        sandbox.databaseUrl,
        'SELECT status FROM outbox_email WHERE id = $1',
        [outboxId],
      );
      expect(left!.status).toBe('pending');

      peer.options = {};
      const next = spawnKeepwarm(env);
      sandbox.processes.push(next);
      await next.ready();
      await waitFor(
        'the email sent by the next worker',
        async () =>
          (
            await query<{ status: string }>(sandbox.databaseUrl, 'SELECT status FROM outbox_email WHERE id = $1', [
              outboxId,
            ])
          )[0]!.status === 'sent',
        60_000,
        250,
      );
      // The old session never got past RCPT TO: nothing of it can arrive late.
      await new Promise((r) => setTimeout(r, 9000));
      expect(peer.count(`<${outboxId}@localhost>`)).toBe(1);
      expect(peer.received).toHaveLength(1);

      next.child.kill('SIGTERM');
      expect(await next.exited).toBe(0);
    }, 150_000);
  },
);
