import { describe, expect, it } from '@jest/globals';
import type { Backend } from '../utils/app.js';
import { query, testRedisUrl } from '../utils/database.js';
import { leaksIn } from '../utils/log-leaks.js';
import { runCli, spawnKeepwarm } from '../utils/process.js';
import { processSandbox } from '../utils/process-sandbox.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { scaled, waitFor } from '../utils/wait.js';

describe.each<Backend>(['postgres', 'redis'])('SIGTERM while a job runs (%s queue backend)', (backend) => {
  // A slow SMTP server keeps the mail job in flight for 3 s.
  const peer = new SmtpPeer({ delayMs: 3000 });
  const sandbox = processSandbox(peer);

  it('finishes the job, delivers the email once and exits 0 within 10 s', async () => {
    const env = {
      DATA_DIR: sandbox.dataDir,
      PORT: '0',
      DATABASE_URL: sandbox.databaseUrl,
      SMTP_URL: peer.url,
      QUEUE_PREFIX: `kwt-shutdown-${Date.now()}`,
      ...(backend === 'redis' ? { REDIS_URL: testRedisUrl() } : {}),
    };
    const app = spawnKeepwarm(env);
    await app.ready();

    const cli = await runCli(env, ['mail:test', 'operator@example.org']);
    expect(cli.code).toBe(0);
    const outboxId = /Queued test email ([0-9a-f-]{36})/.exec(cli.stdout)?.[1];
    expect(outboxId).toBeDefined();

    await waitFor('the SMTP transaction to start', () => peer.dataStarted > 0);
    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(scaled(10_000));

    expect(peer.received.map((m) => m.messageId)).toEqual([`<${outboxId}@localhost>`]);
    const [row] = await query<{ status: string; attempts: number }>(
      sandbox.databaseUrl,
      'SELECT status, attempts FROM outbox_email WHERE id = $1',
      [outboxId],
    );
    expect(row).toEqual({ status: 'sent', attempts: 1 });
    expect(app.logLines().some((l) => l.msg === 'Stopped cleanly')).toBe(true);
    expect(leaksIn([...app.stdout, ...app.stderr, cli.stdout, cli.stderr])).toEqual([]);
  });
});
