import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { MailService } from '../../src/mail/mail.service.js';
import { QUEUES } from '../../src/queue/queue-names.js';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

describe('process roles share one database and queue', () => {
  const peer = new SmtpPeer();
  let api: TestApp;
  let worker: TestApp | undefined;

  beforeAll(async () => {
    await peer.start();
    api = await bootApp({ env: { ROLE: 'api', SMTP_URL: peer.url } });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await peer.stop();
  });

  it('an api process queues mail but does not send it', async () => {
    const id = await api.app
      .get(MailService)
      .sendFromInstallation({ to: 'a@example.org', subject: 'Queued by api', text: 'x' });
    // Queued (job id = outbox id), and no process works the mail queue: nothing can send it until a worker starts.
    const queue = api.app.get<Queue>(getQueueToken(QUEUES.mail));
    await waitFor('the mail job to be queued', async () => (await queue.getJobState(id)) === 'waiting');
    expect(await queue.getWorkersCount()).toBe(0);
    expect(peer.received).toHaveLength(0);
    const [row] = await query<{ status: string }>(api.databaseUrl, 'SELECT status FROM outbox_email WHERE id = $1', [
      id,
    ]);
    expect(row!.status).toBe('pending');
  });

  it('a worker process sends what the api queued, and serves only health and metrics', async () => {
    worker = await bootApp({ databaseUrl: api.databaseUrl, env: { ROLE: 'worker', SMTP_URL: peer.url } });
    await waitFor('the queued email', () => peer.received.find((m) => m.subject === 'Queued by api'));
    // The count the first test relied on does see a worker when there is one.
    expect(await api.app.get<Queue>(getQueueToken(QUEUES.mail)).getWorkersCount()).toBeGreaterThan(0);

    expect((await call(worker, 'GET', '/health/ready')).status).toBe(200);
    expect((await call(worker, 'GET', '/metrics')).status).toBe(200);
    const docs = await fetch(`${worker.url}/api/docs-json`);
    expect(docs.status).toBe(404);
    expect(((await docs.json()) as { detail: string }).detail).toContain('ROLE=worker');
    // The api process keeps serving its routes.
    expect((await call(api, 'GET', '/api/docs-json')).status).toBe(200);
  });

  it('creates the first centre exactly once however many processes start', async () => {
    const rows = await query<{ count: string }>(api.databaseUrl, 'SELECT count(*) FROM centre');
    expect(rows[0]!.count).toBe('1');
  });
});
