import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootApp, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, signIn, type SignedIn } from '../utils/api.js';
import { query } from '../utils/database.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

interface OutboxDetail {
  status: string;
  uncertainDeliveries: number;
  messageId: string | null;
  sendLog: { outcome: string; detail: string | null }[];
}

/**
 * The server keeps a message but its answer is lost (the connection breaks after the final dot): the outcome is
 * unknown, and MAIL_UNCERTAIN_DELIVERY decides, visibly, in the send log and the admin API.
 */
describe.each(['resend', 'hold'] as const)(
  'a reply lost after the end of the message (MAIL_UNCERTAIN_DELIVERY=%s)',
  (rule) => {
    const peer = new SmtpPeer();
    let app: TestApp;
    let admin: SignedIn;

    beforeAll(async () => {
      await peer.start();
      app = await bootApp({ backend: 'postgres', env: { SMTP_URL: peer.url, MAIL_UNCERTAIN_DELIVERY: rule } });
      admin = await signIn(app, (await seedUser(app, await firstCentreId(app), 'admin')).email);
    });

    afterAll(async () => {
      await app?.close();
      await peer.stop();
    });

    const detail = async (id: string) =>
      (await call<OutboxDetail>(app, 'GET', `/api/v1/admin/mail/outbox/${id}`, { token: admin.token })).body;
    const listed = async (status: string) =>
      (
        (await call(app, 'GET', `/api/v1/admin/mail/outbox?status=${status}`, { token: admin.token })).body.items as {
          id: string;
        }[]
      ).map((i) => i.id);
    const status = async () => (await call(app, 'GET', '/api/v1/admin/mail/status', { token: admin.token })).body;

    it(
      rule === 'resend'
        ? 'sends it again with the same Message-ID and lists it as resent'
        : 'holds it for an admin, who sends it again',
      async () => {
        peer.options = { loseReplies: 1 };
        // To the admin: a test send reaches only the centre's own users.
        const sent = await call(app, 'POST', '/api/v1/admin/mail/test', { token: admin.token, body: {} });
        expect(sent.status).toBe(201);
        const id = sent.body.id as string;
        const messageId = `<${id}@localhost>`;

        if (rule === 'hold') {
          const held = await waitFor('the email held as uncertain', async () =>
            (await detail(id)).status === 'uncertain' ? detail(id) : undefined,
          );
          expect(peer.count(messageId)).toBe(1);
          expect(held.uncertainDeliveries).toBe(1);
          expect(held.sendLog).toEqual([
            expect.objectContaining({ outcome: 'uncertain', detail: expect.stringMatching(/Held for an admin/) }),
          ]);
          expect(await listed('uncertain')).toEqual([id]);
          expect(await status()).toMatchObject({ uncertain: 1, resent: 0, pending: 0, sending: 0 });
          expect(
            (await call(app, 'POST', `/api/v1/admin/mail/outbox/${id}/retry`, { token: admin.token })).status,
          ).toBe(200);
        }

        const email = await waitFor(
          'the email sent again',
          async () => ((await detail(id)).status === 'sent' ? detail(id) : undefined),
          30_000,
        );
        expect(peer.count(messageId)).toBe(2);
        expect(email.messageId).toBe(messageId);
        expect(email.uncertainDeliveries).toBe(1);
        expect(email.sendLog.map((l) => l.outcome)).toEqual(['uncertain', 'sent']);
        if (rule === 'resend') expect(email.sendLog[0]!.detail).toMatch(/Sending it again with the same Message-ID/);
        expect(await listed('resent')).toEqual([id]);
        expect(await status()).toMatchObject({ uncertain: 0, resent: 1, pending: 0, sending: 0, failed: 0 });
      },
    );

    it('shows an email pending for more than five minutes on the status, /health/ready and /metrics', async () => {
      // Committed ten minutes ago and never queued: the sweep leaves it alone for 45 s, long enough to look.
      const [row] = await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO outbox_email (centre_id, recipient, subject, text, created_at) VALUES ($1, 'stale@example.org', 'Stale', 'Stale', now() - interval '10 minutes') RETURNING id`,
        [await firstCentreId(app)],
      );
      expect(await status()).toMatchObject({ pending: 1, stalePending: 1 });
      const ready = (await call(app, 'GET', '/health/ready')).body;
      expect(ready.checks.mail).toMatchObject({
        status: 'up',
        outbox: { pending: 1, stalePending: 1, oldestPendingSeconds: expect.any(Number) },
      });
      expect(ready.checks.mail.outbox.oldestPendingSeconds).toBeGreaterThanOrEqual(600);
      const metrics = (await fetch(`${app.url}/metrics`).then((r) => r.text())).split('\n');
      const gauge = metrics.find((line) => line.startsWith('keepwarm_outbox_pending_oldest_seconds '));
      expect(Number(gauge?.split(' ')[1])).toBeGreaterThanOrEqual(600);
      await query(app.databaseUrl, `DELETE FROM outbox_email WHERE id = $1`, [row!.id]);
    });
  },
);
