import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../../src/queue/queue-names.js';
import { bootApp, type Backend, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, signIn, type SignedIn } from '../utils/api.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

interface SendLogEntry {
  attempt: number;
  outcome: string;
  detail: string | null;
}

async function signInAs(app: TestApp, role: 'admin' | 'coordinator'): Promise<SignedIn> {
  const user = await seedUser(app, await firstCentreId(app), role);
  return signIn(app, user.email);
}

/** A user of the first centre with this address: the test send mails only the centre's own users. */
async function seedRecipient(app: TestApp, email: string): Promise<void> {
  await seedUser(app, await firstCentreId(app), 'coordinator', { email });
}

/** Stages a test email through the admin endpoint and returns its outbox id. */
async function sendTest(app: TestApp, admin: SignedIn, to: string): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/admin/mail/test', { token: admin.token, body: { to } });
  expect(res.status).toBe(201);
  expect(res.body.to).toBe(to);
  return res.body.id as string;
}

async function outboxEmail(app: TestApp, admin: SignedIn, id: string) {
  const res = await call(app, 'GET', `/api/v1/admin/mail/outbox/${id}`, { token: admin.token });
  expect(res.status).toBe(200);
  return res.body as { status: string; attempts: number; lastError: string | null; sendLog: SendLogEntry[] };
}

/** Outage and permanent refusal on one BullMQ backend, watched the way an admin would (the admin mail API). */
export function describeMailDelivery(backend: Backend): void {
  describe(`an SMTP outage (${backend} queue backend)`, () => {
    let port: number;
    let peer: SmtpPeer;
    let app: TestApp;
    let admin: SignedIn;

    beforeAll(async () => {
      // The app starts while nothing listens on the SMTP port: connections are refused.
      port = await SmtpPeer.freePort();
      peer = new SmtpPeer();
      app = await bootApp({ backend, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, WORKER_CONCURRENCY: '4' } });
      admin = await signInAs(app, 'admin');
      for (let i = 0; i < 5; i++) await seedRecipient(app, `outage-${i}@example.org`);
    });

    afterAll(async () => {
      await app?.close();
      await peer.stop();
    });

    it('delays mail while the server refuses connections, then delivers every email once and fails none', async () => {
      const ids = await Promise.all(
        Array.from({ length: 5 }, (_, i) => sendTest(app, admin, `outage-${i}@example.org`)),
      );
      for (const id of ids) {
        const email = await waitFor(`a refused attempt of ${id} in its send log`, async () => {
          const found = await outboxEmail(app, admin, id);
          return found.sendLog.length > 0 ? found : undefined;
        });
        expect(email.status).toBe('pending');
        expect(email.sendLog[0]).toMatchObject({ attempt: 1, outcome: 'retry' });
        expect(email.sendLog[0]!.detail).toMatch(/ECONNREFUSED/);
      }

      await peer.start(port);
      for (const id of ids)
        await waitFor(`${id} sent`, async () => (await outboxEmail(app, admin, id)).status === 'sent', 60_000);

      expect(ids.map((id) => peer.count(`<${id}@localhost>`))).toEqual([1, 1, 1, 1, 1]);
      const failed = await call(app, 'GET', '/api/v1/admin/mail/outbox?status=failed', { token: admin.token });
      expect(failed.body.total).toBe(0);
      const status = await call(app, 'GET', '/api/v1/admin/mail/status', { token: admin.token });
      expect(status.body).toMatchObject({ pending: 0, failed: 0 });
      expect(status.body.lastSentAt).toEqual(expect.any(String));
      const sent = await outboxEmail(app, admin, ids[0]!);
      expect(sent.sendLog.at(-1)).toMatchObject({ outcome: 'sent', detail: expect.stringMatching(/^250 /) });
      expect(sent.attempts).toBe(sent.sendLog.length);
    });
  });

  describe(`a permanent refusal (${backend} queue backend)`, () => {
    const peer = new SmtpPeer({ rejectWith: 550 });
    let app: TestApp;
    let admin: SignedIn;
    let coordinator: SignedIn;
    let id: string;

    beforeAll(async () => {
      await peer.start();
      app = await bootApp({ backend, env: { SMTP_URL: peer.url } });
      admin = await signInAs(app, 'admin');
      coordinator = await signInAs(app, 'coordinator');
      await seedRecipient(app, 'nobody@example.org');
    });

    afterAll(async () => {
      await app?.close();
      await peer.stop();
    });

    it('marks a 550 failed after one attempt, stops retrying, and shows it to admins with the reply', async () => {
      id = await sendTest(app, admin, 'nobody@example.org');
      const email = await waitFor('the email marked failed', async () => {
        const found = await outboxEmail(app, admin, id);
        return found.status === 'failed' ? found : undefined;
      });
      expect(email.attempts).toBe(1);
      expect(email.lastError).toMatch(/^550 /);
      expect(email.sendLog).toEqual([
        expect.objectContaining({ attempt: 1, outcome: 'failed', detail: expect.stringMatching(/550/) }),
      ]);
      // The job finished (the queue records that just after the row is written): nothing will try again unless
      // an admin asks.
      const queue = app.app.get<Queue>(getQueueToken(QUEUES.mail));
      const state = await waitFor('the mail job settled', async () => {
        const current = await queue.getJobState(id);
        return current === 'active' ? undefined : current;
      });
      expect(state).toBe('completed');

      const failed = await call(app, 'GET', '/api/v1/admin/mail/outbox?status=failed', { token: admin.token });
      expect(failed.status).toBe(200);
      expect(failed.body.items).toEqual([
        expect.objectContaining({
          id,
          recipient: 'nobody@example.org',
          status: 'failed',
          attempts: 1,
          lastError: expect.stringMatching(/^550 /),
        }),
      ]);
      const status = await call(app, 'GET', '/api/v1/admin/mail/status', { token: admin.token });
      expect(status.body).toMatchObject({ failed: 1, pending: 0 });
    });

    it('is not shown to a coordinator', async () => {
      expect(
        (await call(app, 'GET', '/api/v1/admin/mail/outbox?status=failed', { token: coordinator.token })).status,
      ).toBe(403);
      expect((await call(app, 'GET', `/api/v1/admin/mail/outbox/${id}`, { token: coordinator.token })).status).toBe(
        403,
      );
      expect(
        (await call(app, 'POST', `/api/v1/admin/mail/outbox/${id}/retry`, { token: coordinator.token })).status,
      ).toBe(403);
    });

    it('sends a failed email again when an admin retries it, once, and refuses to retry one that was sent', async () => {
      peer.options = {};
      const retried = await call(app, 'POST', `/api/v1/admin/mail/outbox/${id}/retry`, { token: admin.token });
      expect(retried.status).toBe(200);
      expect(retried.body.status).toMatch(/pending|sent/);
      const email = await waitFor('the retried email sent', async () => {
        const found = await outboxEmail(app, admin, id);
        return found.status === 'sent' ? found : undefined;
      });
      expect(peer.count(`<${id}@localhost>`)).toBe(1);
      expect(email.sendLog.map((l) => l.outcome)).toEqual(['failed', 'sent']);
      expect((await call(app, 'POST', `/api/v1/admin/mail/outbox/${id}/retry`, { token: admin.token })).status).toBe(
        409,
      );
    });

    it('rejects a test address that is not an email, naming the field', async () => {
      const res = await call(app, 'POST', '/api/v1/admin/mail/test', {
        token: admin.token,
        body: { to: 'not-an-address' },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('to must be an email address');
    });
  });
}
