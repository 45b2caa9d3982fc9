import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MailService } from '../../src/mail/mail.service.js';
import { QUEUES } from '../../src/queue/queue-names.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

describe('without SMTP_URL, mail is written as .eml files', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('writes one readable .eml file per email under DATA_DIR/outbox and marks it sent', async () => {
    const id = await app.app.get(MailService).sendFromInstallation({
      to: 'coordinator@example.org',
      subject: 'Partners due this week',
      text: 'Three partners are due.',
      html: '<p>Three partners are due.</p>',
    });
    const dir = join(app.dataDir, 'outbox');
    const files = await waitFor('the .eml file', async () => {
      const names = await readdir(dir).catch(() => [] as string[]);
      return names.filter((n) => n.endsWith('.eml')).length > 0 ? names : undefined;
    });
    expect(files).toEqual([`${id}localhost.eml`]);
    const parsed = await simpleParser(await readFile(join(dir, files[0]!)));
    expect(parsed.subject).toBe('Partners due this week');
    expect(parsed.text?.trim()).toBe('Three partners are due.');
    expect(parsed.html).toContain('<p>Three partners are due.</p>');
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Keepwarm', address: 'keepwarm@localhost' });
    await waitFor(
      'the row marked sent',
      async () =>
        (await query<{ status: string }>(app.databaseUrl, 'SELECT status FROM outbox_email WHERE id = $1', [id]))[0]
          ?.status === 'sent',
    );
  });
});

describe('SMTP failures', () => {
  const peer = new SmtpPeer({ rejectWith: 550 });
  let app: TestApp;

  beforeAll(async () => {
    await peer.start();
    app = await bootApp({ env: { SMTP_URL: peer.url } });
  });

  afterAll(async () => {
    await app?.close();
    await peer.stop();
  });

  const row = async (id: string) =>
    (
      await query<{ status: string; attempts: number; last_error: string | null }>(
        app.databaseUrl,
        'SELECT status, attempts, last_error FROM outbox_email WHERE id = $1',
        [id],
      )
    )[0];

  it('a permanent rejection (550) marks the email failed after one attempt, with the reason', async () => {
    peer.options = { rejectWith: 550 };
    const id = await app.app
      .get(MailService)
      .sendFromInstallation({ to: 'gone@example.org', subject: 'Rejected', text: 'x' });
    const failed = await waitFor('the row marked failed', async () =>
      (await row(id))?.status === 'failed' ? row(id) : undefined,
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed!.last_error).toContain('550');
    // Its job (id = outbox id) finished for good instead of waiting for a retry: nothing will try this email again.
    const queue = app.app.get<Queue>(getQueueToken(QUEUES.mail));
    await waitFor('the mail job to finish for good', async () =>
      ['completed', 'failed'].includes(await queue.getJobState(id)),
    );
    expect(await queue.getJobState(id)).toBe('completed');
    expect(peer.dataStarted).toBe(1);
  });

  it('a transient refusal (451) is retried with backoff until the server accepts', async () => {
    peer.options = { rejectWith: 451 };
    const id = await app.app
      .get(MailService)
      .sendFromInstallation({ to: 'later@example.org', subject: 'Retried', text: 'x' });
    // One read per poll, settled: a row in flight reads as sent until the server's refusal is recorded.
    const pending = await waitFor('a failed first attempt', async () => {
      const current = await row(id);
      return current && current.attempts >= 1 && current.last_error?.includes('451') ? current : undefined;
    });
    expect(pending).toMatchObject({ status: 'pending' });
    expect(pending!.last_error).toContain('451');
    peer.options = {};
    await waitFor('the email delivered', () => peer.received.find((m) => m.subject === 'Retried'), 30_000);
    const sent = await waitFor('the row marked sent', async () =>
      (await row(id))?.status === 'sent' ? row(id) : undefined,
    );
    expect(sent!.attempts).toBeGreaterThanOrEqual(2);
    expect(sent!.last_error).toBeNull();
    expect(peer.received.filter((m) => m.subject === 'Retried')).toHaveLength(1);
  });
});
