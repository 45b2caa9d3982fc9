import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { addDays, daysBetween, isMonday, zonedTime } from '../../src/common/dates.js';
import { QUEUES } from '../../src/queue/queue-names.js';
import { ReminderSchedules } from '../../src/reminder-scan/reminder-schedules.service.js';
import { call, firstCentreId, seedUser, signIn } from '../utils/api.js';
import { bootApp, type Backend, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { QueueJobs } from '../utils/queue-jobs.js';
import { ReminderLog } from '../utils/reminder-log.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

const TZ = 'Europe/Brussels';
/** The Tuesdays between 5 and 11 February: the centre keeps the default SID dates (window SID − 42 … SID + 14). */
const SID = '2027-02-09';
const NEXT_SID = '2028-02-08';

type UserKey = 'admin' | 'anna' | 'bram' | 'mia';
type PartnerKey =
  | 'cadence'
  | 'unowned'
  | 'followUp'
  | 'delivered'
  | 'confirmed'
  | 'declined'
  | 'lapsed'
  | 'member'
  | 'keyMinistry'
  | 'keyRegulator'
  | 'keyUniversity'
  | 'former';

/** What the 'scan' job of the reminders queue returns (src/reminders/reminder.processor.ts). */
interface ScanJobResult {
  asOf: string;
  due: number;
  created: number;
  resolved: number;
  emails: number;
}

/**
 * A year of one centre's reminders, day by day from SID 2027 to the eve of SID 2028, each day's scan run by the
 * reminders queue's worker on the given BullMQ backend (as the centre's job scheduler would), then a second time
 * to show that a rerun adds nothing. Every reminder expected below was worked out by hand from
 * the rules of src/reminders/reminder-rules.sql.ts; the comments at the seed say why each one comes when it does.
 */
export function describeSimulatedYear(backend: Backend): void {
  describe(`a simulated year of reminders on the ${backend} queue backend`, () => {
    const peer = new SmtpPeer();
    const clock = new TestClock();
    let app: TestApp;
    let db: pg.Client;
    let jobs: QueueJobs;
    let log: ReminderLog;
    let centreId: string;
    let today = SID;
    const users = {} as Record<UserKey, { id: string; email: string }>;
    const partners = {} as Record<PartnerKey, string>;
    let boardId: string;
    const sessions = new Map<UserKey, { token: string; since: string }>();

    /** Sessions expire by the test clock: sign in again each week of the walk. */
    const tokenOf = async (who: UserKey) => {
      const session = sessions.get(who);
      if (session && daysBetween(session.since, today) < 7) return session.token;
      const token = (await signIn(app, users[who].email)).token;
      sessions.set(who, { token, since: today });
      return token;
    };
    // JSON bodies of any shape; each caller reads the fields it needs.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const api = async (who: UserKey, method: string, path: string, body?: unknown): Promise<any> => {
      const res = await call(app, method, path, { token: await tokenOf(who), body });
      if (res.status !== 200 && res.status !== 201)
        throw new Error(`${method} ${path} on ${today}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    /** Sets the clock to 10:00 in Brussels on `day`. */
    const goTo = (day: string) => {
      today = day;
      clock.advance(zonedTime(day, 10, TZ).getTime() - clock.now().getTime());
    };
    const logCall = (who: UserKey, partner: PartnerKey, day: string, extra: Record<string, unknown> = {}) =>
      api(who, 'POST', '/api/v1/engagements', {
        partnerIds: [partners[partner]],
        type: 'call',
        occurredAt: day,
        summary: 'Call',
        ...extra,
      });
    const reminderOf = async (who: UserKey, kind: string, partner: PartnerKey): Promise<string> => {
      const page = await api(who, 'GET', `/api/v1/reminders?kind=${kind}`);
      const found = (page.items as { id: string; partnerId: string }[]).find((r) => r.partnerId === partners[partner]);
      if (!found) throw new Error(`No open ${kind} reminder for ${partner} on ${today}`);
      return found.id;
    };
    const sql = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
      (await db.query<T>(text, params)).rows;
    const outboxCount = async () =>
      (await sql<{ n: number }>('SELECT count(*)::int AS n FROM outbox_email WHERE centre_id = $1', [centreId]))[0]!.n;

    /**
     * The day's second scan: through the admin route on Mondays, where it would also stage the weekly summary the
     * 'summary' job has just staged, and through the queue on other days (the admin route takes about four times
     * as long as a job, too long to walk a year with it every day).
     */
    const rescan = async (day: string): Promise<ScanJobResult> => {
      if (!isMonday(day)) return jobs.run<ScanJobResult>('scan', { centreId }, `year-rescan-${day}`);
      const run = await api('admin', 'POST', '/api/v1/admin/reminders/run', {});
      expect({ day, reopened: run.reopened }).toEqual({ day, reopened: 0 });
      return { asOf: run.asOf, due: run.dueCount, created: run.created, resolved: run.resolved, emails: run.emails };
    };

    /** What users do during the year, before that day's scan. */
    const actions: Record<string, () => Promise<void>> = {
      // Anna puts the thank-you off for a week; it comes back on the 20th.
      '2027-02-12': async () => {
        const id = await reminderOf('anna', 'sid_thank_you', 'delivered');
        expect(await api('anna', 'POST', `/api/v1/reminders/${id}/snooze`, { until: '2027-02-20' })).toMatchObject({
          state: 'snoozed',
          snoozedUntil: '2027-02-20',
        });
      },
      // The call closes the thank-you, and counts as keeping warm until the second touchpoint.
      '2027-03-01': () => logCall('anna', 'delivered', '2027-03-01'),
      // Marked done without a call: it stays done, though the partner is still overdue.
      '2027-03-15': async () => {
        const id = await reminderOf('anna', 'cadence_overdue', 'cadence');
        expect(await api('anna', 'POST', `/api/v1/reminders/${id}/done`)).toMatchObject({ state: 'done' });
      },
      // The review marked done: the next is due a year after that day, beyond the walk.
      '2027-04-22': async () => {
        const id = await reminderOf('anna', 'contact_review', 'keyMinistry');
        expect(await api('anna', 'POST', `/api/v1/reminders/${id}/done`)).toMatchObject({ state: 'done' });
      },
      // The board meets (90 days after its meeting, the next is due: 2027-08-01).
      '2027-05-03': async () => {
        await api('anna', 'POST', `/api/v1/advisory-boards/${boardId}/meetings`, {
          heldAt: '2027-05-03',
          title: 'Spring meeting',
          attendees: [{ partnerId: partners.member }],
        });
      },
      // Contact at last: next contact due 60 days later, 2027-07-19.
      '2027-05-20': () => logCall('anna', 'cadence', '2027-05-20'),
      // A later engagement closes Bram's follow-up; Anna's own follow-up comes on 2027-07-05.
      '2027-06-14': () => logCall('anna', 'followUp', '2027-06-14', { followUpAt: '2027-07-05' }),
      '2027-07-12': () => logCall('bram', 'followUp', '2027-07-12'),
      // Contact since the third touchpoint (SID + 210) closes it and spares the fourth.
      '2027-10-01': () => logCall('bram', 'confirmed', '2027-10-01'),
      // Signed up for SID 2028: the invitation is moot.
      '2027-12-10': async () => {
        await api('bram', 'POST', '/api/v1/sid/2028/roles', { partnerId: partners.confirmed, role: 'activity_host' });
      },
    };

    beforeAll(async () => {
      await peer.start();
      app = await bootApp({ backend, clock, env: { SMTP_URL: peer.url } });
      db = new pg.Client({ connectionString: app.databaseUrl });
      await db.connect();
      jobs = await QueueJobs.open(app, QUEUES.reminders);
      goTo(SID);
      await seed();
      log = new ReminderLog(db, centreId);
    });

    afterAll(async () => {
      await jobs?.close();
      await db?.end();
      await app?.close();
      await peer.stop();
    });

    async function seed(): Promise<void> {
      const network = await seedUser(app, await firstCentreId(app), 'admin', { networkAdmin: true });
      const centre = await call(app, 'POST', '/api/v1/centres', {
        token: (await signIn(app, network.email)).token,
        body: { name: 'Safer Internet Centre BE', country: 'BE', timezone: TZ },
      });
      expect(centre.status).toBe(201);
      centreId = centre.body.id;
      // The test runs each day's scan itself: no scheduler firing in real time meanwhile.
      await app.app.get(ReminderSchedules).unschedule(centreId);
      users.admin = await seedUser(app, centreId, 'admin', { name: 'Ada', email: 'ada@example.org' });
      users.mia = await seedUser(app, centreId, 'manager', { name: 'Mia', email: 'mia@example.org' });
      users.anna = await seedUser(app, centreId, 'coordinator', { name: 'Anna', email: 'anna@example.org' });
      users.bram = await seedUser(app, centreId, 'coordinator', { name: 'Bram', email: 'bram@example.org' });

      // A cadence of 1000 days keeps cadence reminders out of the way of the partners there for other kinds.
      const partner = async (key: PartnerKey, name: string, fields: Record<string, unknown>) => {
        partners[key] = (
          await api('admin', 'POST', '/api/v1/partners', { name, sector: 'education', cadenceDays: 1000, ...fields })
        ).id;
      };
      await partner('cadence', 'Cadence telco', { ownerId: users.anna.id, cadenceDays: 60 });
      await partner('unowned', 'Unowned NGO', { cadenceDays: 90 });
      await partner('followUp', 'Follow-up school', { ownerId: users.anna.id });
      await partner('delivered', 'Delivered sponsor', { ownerId: users.anna.id });
      await partner('confirmed', 'Confirmed host', { ownerId: users.bram.id });
      await partner('declined', 'Declined media', { ownerId: users.bram.id });
      await partner('lapsed', 'Lapsed speaker', { ownerId: users.bram.id });
      await partner('member', 'Board member', { ownerId: users.anna.id });
      await partner('keyMinistry', 'Key ministry', { ownerId: users.anna.id, tier: 'key' });
      await partner('keyRegulator', 'Key regulator', { ownerId: users.bram.id, tier: 'key' });
      await partner('keyUniversity', 'Key university', { ownerId: users.bram.id, tier: 'key' });
      // Long overdue, but a former partner: never reminded.
      await partner('former', 'Former partner', { ownerId: users.anna.id, cadenceDays: 30, status: 'former' });
      // Partners date from June 2026; the unowned one, never contacted, from New Year: overdue after 2027-04-01, for Mia.
      await sql(`UPDATE partner SET created_at = '2026-06-01 12:00 Europe/Brussels' WHERE centre_id = $1`, [centreId]);
      await sql(`UPDATE partner SET created_at = '2027-01-01 12:00 Europe/Brussels' WHERE id = $1`, [partners.unowned]);

      // Last contact 2027-01-10 + 60 days: overdue from 2027-03-12, due 2027-03-11.
      await logCall('anna', 'cadence', '2027-01-10');
      // Logged by Bram, so Bram is told on 2027-03-01.
      await logCall('bram', 'followUp', '2027-01-20', { followUpAt: '2027-03-01' });
      // Contact on SID itself is inside the SID window: it counts neither for the thank-you nor for keeping warm.
      await logCall('anna', 'delivered', SID, { type: 'sid_activity' });

      await sidRole(2026, 'delivered', 'sponsor', 'delivered');
      await sidRole(2027, 'delivered', 'sponsor', 'delivered');
      await sidRole(2027, 'confirmed', 'activity_host', 'confirmed');
      await sidRole(2027, 'declined', 'media', 'declined');
      // A SID role last year and none this year: the invitation (due 2026-11-29) is still open on SID day.
      await sidRole(2026, 'lapsed', 'speaker', 'confirmed');

      // Meetings every 90 days from the board's creation on 2027-01-15: due 2027-04-15. The term ends 2027-06-30: due 2027-05-31.
      boardId = (await api('admin', 'POST', '/api/v1/advisory-boards', { name: 'Youth panel', meetingCadenceDays: 90 }))
        .id;
      await sql(`UPDATE advisory_board SET created_at = '2027-01-15 12:00 Europe/Brussels' WHERE id = $1`, [boardId]);
      await api('admin', 'POST', `/api/v1/advisory-boards/${boardId}/members`, {
        partnerId: partners.member,
        role: 'member',
        termStart: '2025-07-01',
        termEnd: '2027-06-30',
      });

      // Primary contacts of key partners are reviewed a year after they were added: 2027-04-20, 2028-01-05, and 2028-03-09 (after the walk).
      await primaryContact('keyMinistry', 'Mina Minister', '2026-04-20');
      await primaryContact('keyRegulator', 'Rob Regulator', '2027-01-05');
      await primaryContact('keyUniversity', 'Una Versity', '2027-03-10');
    }

    async function sidRole(
      year: number,
      partner: PartnerKey,
      role: string,
      status: 'confirmed' | 'delivered' | 'declined',
    ): Promise<void> {
      const created = await api('admin', 'POST', `/api/v1/sid/${year}/roles`, {
        partnerId: partners[partner],
        role,
        status: status === 'declined' ? 'invited' : 'confirmed',
      });
      if (status !== 'confirmed') await api('admin', 'PATCH', `/api/v1/sid/${year}/roles/${created.id}`, { status });
    }

    async function primaryContact(partner: PartnerKey, name: string, addedOn: string): Promise<void> {
      const contact = await api('admin', 'POST', `/api/v1/partners/${partners[partner]}/contacts`, {
        name,
        primary: true,
      });
      await sql(
        `UPDATE contact SET created_at = ($2::date + time '12:00') AT TIME ZONE 'Europe/Brussels' WHERE id = $1`,
        [contact.id, addedOn],
      );
    }

    it('scans every day from SID to the eve of the next through the queue, and a second scan of the day adds nothing', async () => {
      for (let day = SID; day < NEXT_SID; day = addDays(day, 1)) {
        goTo(day);
        await actions[day]?.();
        const first = await jobs.run<ScanJobResult>('scan', { centreId }, `year-scan-${day}`);
        // What the weekly job scheduler adds on Mondays.
        if (isMonday(day)) await jobs.run('summary', { centreId }, `year-summary-${day}`);
        const created = await log.record(day);
        expect({ day, asOf: first.asOf, created: first.created }).toEqual({ day, asOf: day, created });

        const states = await log.states();
        const emails = await outboxCount();
        const rerun = await rescan(day);
        expect({ day, ...rerun }).toEqual({ day, asOf: day, due: first.due, created: 0, resolved: 0, emails: 0 });
        expect({ day, states: await log.states(), emails: await outboxCount() }).toEqual({ day, states, emails });
      }
    }, 300_000);

    it('creates each reminder once, on the day it comes due, for the right person, and closes it when its reason goes away', () => {
      expect(log.summary()).toEqual([
        // Created as of the meeting due date; the meeting closes it, and 90 days on the next one comes.
        'board_meeting_due Youth panel due 2027-04-15 to Mia: sent 2027-04-15, done 2027-05-03',
        'board_meeting_due Youth panel due 2027-08-01 to Mia: sent 2027-08-01',
        // 30 days before the term ends, until it has ended.
        'board_term_ending Board member due 2027-05-31 to Anna: sent 2027-05-31, done 2027-07-01',
        // Overdue the day after contact was due; marked done, never back for that date; contact made, due again 60 days later.
        'cadence_overdue Cadence telco due 2027-03-11 to Anna: sent 2027-03-12, done 2027-03-15',
        'cadence_overdue Cadence telco due 2027-07-19 to Anna: sent 2027-07-20',
        'cadence_overdue Unowned NGO due 2027-04-01 to Mia: sent 2027-04-02',
        'contact_review Key ministry due 2027-04-20 to Anna: sent 2027-04-20, done 2027-04-22',
        'contact_review Key regulator due 2028-01-05 to Bram: sent 2028-01-05',
        // To whoever logged the engagement, until a later one.
        'follow_up_due Follow-up school due 2027-03-01 to Bram: sent 2027-03-01, done 2027-06-14',
        'follow_up_due Follow-up school due 2027-07-05 to Anna: sent 2027-07-05, done 2027-07-12',
        // Touchpoints at SID + 60, 120, 210 and 300 days, each open until contact or the next touchpoint.
        'keep_warm Confirmed host due 2027-04-10 to Bram: sent 2027-04-10, done 2027-06-09',
        'keep_warm Confirmed host due 2027-06-09 to Bram: sent 2027-06-09, done 2027-09-07',
        'keep_warm Confirmed host due 2027-09-07 to Bram: sent 2027-09-07, done 2027-10-01',
        'keep_warm Delivered sponsor due 2027-06-09 to Anna: sent 2027-06-09, done 2027-09-07',
        'keep_warm Delivered sponsor due 2027-09-07 to Anna: sent 2027-09-07, done 2027-12-06',
        'keep_warm Delivered sponsor due 2027-12-06 to Anna: sent 2027-12-06',
        // 30 days before the SID 2028 window opens (2027-12-28), for every partner with a 2027 role and none for 2028.
        'sid_invitation Confirmed host due 2027-11-28 to Bram: sent 2027-11-28, done 2027-12-10',
        'sid_invitation Declined media due 2027-11-28 to Bram: sent 2027-11-28',
        'sid_invitation Delivered sponsor due 2027-11-28 to Anna: sent 2027-11-28',
        // Last year's invitation, moot once SID 2027 has passed.
        'sid_invitation Lapsed speaker due 2026-11-29 to Bram: sent 2027-02-09, done 2027-02-10',
        'sid_thank_you Delivered sponsor due 2027-02-10 to Anna: sent 2027-02-10, snoozed 2027-02-12, sent 2027-02-20, done 2027-03-01',
      ]);
    });

    it("stages one digest per person on each day something new was due for them, and the manager's summary each Monday", async () => {
      const rows = await sql<{ key: string; recipient: string }>(
        `SELECT dedupe_key AS key, recipient FROM outbox_email WHERE centre_id = $1`,
        [centreId],
      );
      const userById = new Map(Object.values(users).map((u) => [u.id, u]));
      const digests = rows
        .filter((r) => r.key.startsWith('digest:'))
        .map((r) => {
          const [, userId, day] = r.key.split(':');
          expect(r.recipient).toBe(userById.get(userId!)?.email);
          return `${r.recipient} ${day}`;
        });
      expect(digests.sort()).toEqual([
        ...[
          '2027-02-10',
          '2027-02-20',
          '2027-03-12',
          '2027-04-20',
          '2027-05-31',
          '2027-06-09',
          '2027-07-05',
          '2027-07-20',
          '2027-09-07',
          '2027-11-28',
          '2027-12-06',
        ].map((d) => `anna@example.org ${d}`),
        ...['2027-02-09', '2027-03-01', '2027-04-10', '2027-06-09', '2027-09-07', '2027-11-28', '2028-01-05'].map(
          (d) => `bram@example.org ${d}`,
        ),
        ...['2027-04-02', '2027-04-15', '2027-08-01'].map((d) => `mia@example.org ${d}`),
      ]);
      const summaries = rows
        .filter((r) => r.key.startsWith('summary:'))
        .map((r) => `${r.recipient} ${r.key.split(':')[2]}`);
      const mondays = Array.from({ length: 52 }, (_, week) => `mia@example.org ${addDays('2027-02-15', 7 * week)}`);
      expect(summaries.sort()).toEqual(mondays);
      expect(rows).toHaveLength(digests.length + summaries.length);
    });

    it('delivers every one of those emails once over SMTP, each at its first attempt', async () => {
      const sent = await waitFor(
        'every email of the year sent',
        async () => {
          const rows = await sql<{ status: string; recipient: string; message_id: string; attempts: number }>(
            'SELECT status, recipient, message_id, attempts FROM outbox_email WHERE centre_id = $1',
            [centreId],
          );
          return rows.every((r) => r.status === 'sent') && rows;
        },
        60_000,
      );
      // The SMTP peer takes everything: a second attempt means the worker failed on our side (a deadlock with a scan, say).
      expect(sent.filter((r) => r.attempts !== 1)).toEqual([]);
      // The 21 digests and 52 summaries above.
      expect(sent).toHaveLength(21 + 52);
      for (const row of sent) {
        const received = peer.received.filter((m) => m.messageId === row.message_id);
        expect(received.map((m) => m.to)).toEqual([row.recipient]);
      }
      // Only this centre's: the first-run centre's own schedulers keep real time.
      const ours = new Set(Object.values(users).map((u) => u.email));
      expect(peer.received.filter((m) => ours.has(m.to))).toHaveLength(sent.length);
    });
  });
}
