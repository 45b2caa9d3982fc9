import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailService } from '../../src/mail/mail.service.js';
import { bootApp, type Backend, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

interface OutboxRow {
  status: string;
  attempts: number;
  message_id: string | null;
  last_error: string | null;
}

/** A job's whole trip on one BullMQ backend: outbox row → queue → worker → real SMTP → row marked sent. */
export function describeMailRoundTrip(backend: Backend): void {
  describe(`mail through the ${backend} queue backend`, () => {
    const peer = new SmtpPeer();
    let app: TestApp;

    beforeAll(async () => {
      await peer.start();
      app = await bootApp({ backend, env: { SMTP_URL: peer.url, WORKER_CONCURRENCY: '4' } });
    });

    afterAll(async () => {
      await app?.close();
      await peer.stop();
    });

    const outbox = async (id: string) =>
      (await query<OutboxRow>(app.databaseUrl, 'SELECT * FROM outbox_email WHERE id = $1', [id]))[0];

    it('reports the queue backend it runs on as ready', async () => {
      const res = await fetch(`${app.url}/health/ready`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { checks: { queue: { status: string; backend: string } } };
      expect(body.checks.queue).toMatchObject({ status: 'up', backend });
    });

    it('delivers a queued email once to the SMTP server and records it as sent', async () => {
      const id = await app.app.get(MailService).sendFromInstallation({
        to: 'coordinator@example.org',
        subject: `Round trip ${backend}`,
        text: 'Hello',
        html: '<p>Hello</p>',
      });

      const mail = await waitFor('the email at the SMTP peer', () =>
        peer.received.find((m) => m.subject === `Round trip ${backend}`),
      );
      expect(mail.to).toBe('coordinator@example.org');
      expect(mail.text?.trim()).toBe('Hello');
      expect(mail.html).toContain('<p>Hello</p>');
      expect(mail.messageId).toBe(`<${id}@localhost>`);

      const row = await waitFor('the outbox row marked sent', async () => {
        const r = await outbox(id);
        return r?.status === 'sent' ? r : undefined;
      });
      expect(row).toMatchObject({ attempts: 1, message_id: `<${id}@localhost>`, last_error: null });
      expect(peer.received.filter((m) => m.messageId === `<${id}@localhost>`)).toHaveLength(1);
    });

    it('sends a dedupe key only once however often it is staged', async () => {
      const mail = app.app.get(MailService);
      const first = await mail.sendFromInstallation({
        to: 'manager@example.org',
        subject: `Weekly ${backend}`,
        text: 'Numbers',
        dedupeKey: `weekly-${backend}`,
      });
      const second = await mail.sendFromInstallation({
        to: 'manager@example.org',
        subject: `Weekly ${backend}`,
        text: 'Numbers',
        dedupeKey: `weekly-${backend}`,
      });
      expect(second).toBe(first);
      await waitFor('the weekly email', async () => (await outbox(first))?.status === 'sent');
      await mail.dispatchPending();
      await new Promise((r) => setTimeout(r, 500));
      expect(peer.received.filter((m) => m.subject === `Weekly ${backend}`)).toHaveLength(1);
    });

    it('sends many emails concurrently, each exactly once', async () => {
      const mail = app.app.get(MailService);
      const ids = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          mail.sendFromInstallation({ to: `user${i}@example.org`, subject: `Batch ${backend} ${i}`, text: `#${i}` }),
        ),
      );
      await waitFor(
        '20 emails',
        () => peer.received.filter((m) => m.subject?.startsWith(`Batch ${backend} `)).length === 20,
      );
      const ids_received = peer.received
        .filter((m) => m.subject?.startsWith(`Batch ${backend} `))
        .map((m) => m.messageId);
      expect(new Set(ids_received)).toEqual(new Set(ids.map((id) => `<${id}@localhost>`)));
    });
  });
}
