import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateDatabase, revertLastMigration } from '../../src/database/migrate.js';
import { createTestDatabase, dropTestDatabase, query } from '../utils/database.js';

/**
 * Rows the previous version committed as sent before writing the final dot, and whose worker died there, read
 * "sent" with a send log still waiting for the server. The migration makes them visibly uncertain.
 */
describe('migrating rows recorded as sent whose server answer never came', () => {
  let url: string;

  beforeAll(async () => {
    url = await createTestDatabase();
    // Back to the schema just before UncertainDeliveries (and whatever came after it).
    for (;;) {
      const [last] = await query<{ name: string }>(url, `SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
      await revertLastMigration(url);
      if (last!.name === 'UncertainDeliveries1795840000001') break;
    }
  });

  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('sends again the recent ones, holds the old ones for an admin, and leaves confirmed ones sent', async () => {
    const rows = await query<{ id: string; subject: string }>(
      url,
      `INSERT INTO outbox_email (recipient, subject, text, status, attempts, sent_at)
       VALUES ('a@example.org', 'recent', 't', 'sent', 1, now()), ('b@example.org', 'old', 't', 'sent', 1, now() - interval '3 days'),
              ('c@example.org', 'confirmed', 't', 'sent', 1, now())
       RETURNING id, subject`,
    );
    const id = (subject: string) => rows.find((r) => r.subject === subject)!.id;
    await query(
      url,
      `INSERT INTO outbox_send_attempt (outbox_id, attempt, started_at, finished_at, outcome, detail) VALUES
         ($1, 1, now() - interval '1 minute', NULL, 'sent', 'Recorded as sent; waiting for the server to accept the message'),
         ($2, 1, now() - interval '3 days', NULL, 'sent', 'Recorded as sent; waiting for the server to accept the message'),
         ($3, 1, now(), now(), 'sent', '250 OK')`,
      [id('recent'), id('old'), id('confirmed')],
    );

    await migrateDatabase(url);

    const after = await query<{
      subject: string;
      status: string;
      uncertain_deliveries: number;
      sent: boolean;
      outcome: string;
      detail: string;
    }>(
      url,
      `SELECT o.subject, o.status, o.uncertain_deliveries, o.sent_at IS NOT NULL AS sent, a.outcome, a.detail
         FROM outbox_email o JOIN outbox_send_attempt a ON a.outbox_id = o.id ORDER BY o.subject`,
    );
    expect(after).toEqual([
      expect.objectContaining({
        subject: 'confirmed',
        status: 'sent',
        uncertain_deliveries: 0,
        sent: true,
        outcome: 'sent',
        detail: '250 OK',
      }),
      expect.objectContaining({
        subject: 'old',
        status: 'uncertain',
        uncertain_deliveries: 1,
        sent: false,
        outcome: 'uncertain',
        detail: expect.stringMatching(/Held for an admin/),
      }),
      // A worker finds it 'sending' with no live owner and applies MAIL_UNCERTAIN_DELIVERY (resend by default).
      expect.objectContaining({
        subject: 'recent',
        status: 'sending',
        uncertain_deliveries: 0,
        sent: false,
        outcome: 'handed-over',
      }),
    ]);
  });
});
