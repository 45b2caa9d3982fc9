import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../e2e/mail-drill.js';
import { query } from '../utils/database.js';
import { spawnKeepwarm } from '../utils/process.js';
import { processSandbox } from '../utils/process-sandbox.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';
import { faultSeed } from './fault-seed.js';

const EMAILS = 200;
/** Every tenth recipient has no mailbox: the server answers 550 for it. */
const BOUNCING = /^bounce-/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Drill 4: the mail server goes down in the middle of a drain (at a seeded random moment, for a random 8-20 s)
 * and comes back. Every deliverable email arrives exactly once; every 550 is marked failed after the one answer
 * that said so, and not tried again.
 */
describe('SMTP server down during a drain, then back', () => {
  const peer = new SmtpPeer({ delayMs: 50, rejectRecipients: BOUNCING });
  const sandbox = processSandbox(peer, 'keepwarm-fault-smtp-');

  it('delivers every email once after the outage, and fails each 550 once for good', async () => {
    const seed = faultSeed('smtp-outage');
    const random = seededRandom(seed);
    const rows = await query<{ id: string; recipient: string }>(
      sandbox.databaseUrl,
      `INSERT INTO outbox_email (recipient, subject, text)
       SELECT CASE WHEN i % 10 = 0 THEN 'bounce-' ELSE 'partner-' END || i || '@example.org', 'Due ' || i, 'Body'
       FROM generate_series(1, $1) i RETURNING id, recipient`,
      [EMAILS],
    );
    const app = spawnKeepwarm({
      ROLE: 'all',
      PORT: '0',
      DATA_DIR: sandbox.dataDir,
      DATABASE_URL: sandbox.databaseUrl,
      SMTP_URL: peer.url,
      QUEUE_PREFIX: `kwt-smtp-outage-${Date.now().toString(36)}`,
    });
    sandbox.processes.push(app);
    await app.ready(120_000);

    await sleep(random() * 3000);
    const port = peer.port;
    const arrivedBefore = peer.received.length;
    await peer.stop(); // refuses new connections; a message already being answered is finished first
    await sleep(8000 + random() * 12_000);
    await peer.start(port);

    const settled = () =>
      query<{ status: string; n: number }>(
        sandbox.databaseUrl,
        `SELECT status, count(*)::int AS n FROM outbox_email GROUP BY status ORDER BY status`,
      );
    await waitFor(
      'every email sent or failed',
      async () => (await settled()).every((r) => r.status === 'sent' || r.status === 'failed'),
      150_000,
      500,
    );
    await sleep(3000); // a retry that should not happen would show now
    const bouncing = rows.filter((r) => BOUNCING.test(r.recipient));
    const deliverable = rows.filter((r) => !BOUNCING.test(r.recipient));
    process.stdout.write(
      `SMTP OUTAGE seed=${seed} arrivedBeforeOutage=${arrivedBefore} received=${peer.received.length} rejected=${peer.rejected.length}\n`,
    );

    expect(await settled()).toEqual([
      { status: 'failed', n: bouncing.length },
      { status: 'sent', n: deliverable.length },
    ]);
    expect(deliverable.filter((r) => peer.count(`<${r.id}@localhost>`) !== 1)).toEqual([]);
    // Each bounce was answered 550 exactly once: failed on that answer, never retried.
    expect(peer.rejected.sort()).toEqual(bouncing.map((r) => r.recipient).sort());
    const failures = await query<{ attempts: number; last_error: string }>(
      sandbox.databaseUrl,
      `SELECT attempts, last_error FROM outbox_email WHERE status = 'failed'`,
    );
    expect(failures.every((f) => /^550 /.test(f.last_error))).toBe(true);
  }, 300_000);
});
