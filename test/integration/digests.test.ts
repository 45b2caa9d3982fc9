import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RequestContext } from '../../src/common/request-context.js';
import { CentreScope } from '../../src/database/centre-scope.js';
import { DigestService } from '../../src/digests/digest.service.js';
import { ReminderSchedules } from '../../src/reminder-scan/reminder-schedules.service.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { call, firstCentreId, seedCentre, seedUser, signIn } from '../utils/api.js';
import { query } from '../utils/database.js';
import { waitForEmails } from '../utils/outbox.js';

/** 2027-03-01 is a Monday. */
const MONDAY = '2027-03-01';
const TUESDAY = '2027-03-02';

interface StagedRow {
  recipient: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  dedupe_key: string;
}

describe('reminder emails: daily digests, weekly summaries, preferences', () => {
  let app: TestApp;
  let centre: string;
  // Pinned, so whether a staged day is "today" for the app never depends on the day the suite runs.
  const clock = new TestClock();

  const stage = (kind: 'daily' | 'weekly', asOf: string, centreId = centre) =>
    app.app.get(CentreScope).transaction(RequestContext.system(centreId), async (tx) => {
      const digests = app.app.get(DigestService);
      return kind === 'daily'
        ? digests.stageDailyDigests(tx, await tx.centre(), asOf)
        : digests.stageWeeklySummaries(tx, await tx.centre(), asOf);
    });
  const partner = async (
    name: string,
    centreId = centre,
    extra: { cadenceDays?: number; createdAt?: string; archived?: boolean } = {},
  ) => {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector, cadence_days, created_at, archived_at) VALUES ($1, $2, 'media', $3, COALESCE($4::timestamptz, now()), CASE WHEN $5 THEN now() END) RETURNING id`,
      [centreId, name, extra.cadenceDays ?? null, extra.createdAt ?? null, extra.archived ?? false],
    );
    return row!.id;
  };
  const reminder = async (recipientId: string, partnerId: string, kind: string, dueDate: string, state = 'pending') => {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO reminder (centre_id, recipient_id, partner_id, kind, due_date, state, dedupe_key)
        SELECT centre_id, $1, id, $3, $4::date, $5, $3::text || ':' || $2::text || ':' || $4::text FROM partner WHERE id = $2::uuid RETURNING id`,
      [recipientId, partnerId, kind, dueDate, state],
    );
    return row!.id;
  };
  const staged = (userId: string, prefix = 'digest') =>
    query<StagedRow>(
      app.databaseUrl,
      `SELECT recipient, subject, text, html, headers, dedupe_key FROM outbox_email WHERE dedupe_key LIKE $1 ORDER BY created_at`,
      [`${prefix}:${userId}:%`],
    );
  const states = async (ids: string[]) =>
    (
      await query<{ id: string; state: string }>(app.databaseUrl, 'SELECT id, state FROM reminder WHERE id = ANY($1)', [
        ids,
      ])
    )
      .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
      .map((r) => r.state);
  const setDigest = (userId: string, digest: string) =>
    query(app.databaseUrl, 'UPDATE app_user SET digest = $2 WHERE id = $1', [userId, digest]);
  const setLocale = (userId: string, locale: string) =>
    query(app.databaseUrl, 'UPDATE app_user SET locale = $2 WHERE id = $1', [userId, locale]);

  beforeAll(async () => {
    app = await bootApp({ clock });
    centre = await firstCentreId(app);
    // The test clock pins what a scan sees, not when BullMQ's schedulers fire (real time): this suite runs its scans itself.
    await app.app.get(ReminderSchedules).unschedule(centre);
    await query(
      app.databaseUrl,
      `UPDATE centre SET name = 'SIC Belgique', locale = 'fr-BE', timezone = 'Europe/Brussels' WHERE id = $1`,
      [centre],
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sends each recipient one digest, grouped by kind, most urgent first, oldest due first; the reminders it reports become sent', async () => {
    const ana = await seedUser(app, centre, 'coordinator', { name: 'Ana' });
    // Her own language wins over her (French) centre's.
    await setLocale(ana.id, 'en');
    const [telco, school, police, later, old] = await Promise.all(
      ['Telco', 'School', 'Police', 'Later', 'Old news'].map((name) => partner(name)),
    );
    const reported = [
      await reminder(ana.id, telco, 'cadence_overdue', '2027-02-01'),
      await reminder(ana.id, school, 'cadence_overdue', '2027-01-15'),
      await reminder(ana.id, police, 'follow_up_due', '2027-02-27'),
    ];
    const notYet = await reminder(ana.id, later, 'cadence_overdue', '2027-03-05');
    await reminder(ana.id, old, 'cadence_overdue', '2027-01-01', 'sent');

    expect(await stage('daily', TUESDAY)).toBeGreaterThanOrEqual(1);
    const [mail, ...others] = await staged(ana.id);
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      recipient: ana.email,
      subject: 'Keepwarm: 3 partners need you today (SIC Belgique)',
      dedupe_key: `digest:${ana.id}:${TUESDAY}`,
    });
    const order = ['Police', 'School', 'Telco'].map((name) => mail!.text.indexOf(`- ${name}:`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(mail!.text.indexOf('Follow-ups due')).toBeLessThan(mail!.text.indexOf('Overdue for contact'));
    expect(mail!.text).not.toContain('Later');
    expect(mail!.text).toContain('1 more open reminder from earlier days: http://localhost:0/reminders');
    expect(mail!.text).toContain(`Open: http://localhost:0/partners/${telco}`);
    expect(mail!.html).toContain('<h2');
    expect(await states([...reported, notYet])).toEqual(['sent', 'sent', 'sent', 'pending']);
  });

  it('sends nothing when nothing is due, and nothing more when the same day runs again', async () => {
    const bob = await seedUser(app, centre, 'coordinator');
    await reminder(bob.id, await partner('Future partner'), 'cadence_overdue', '2027-04-01');
    await stage('daily', TUESDAY);
    expect(await staged(bob.id)).toEqual([]);

    const carla = await seedUser(app, centre, 'coordinator');
    await reminder(carla.id, await partner('Due partner'), 'cadence_overdue', '2027-02-01');
    await stage('daily', '2027-03-03');
    // A reminder written later the same day waits for the next digest instead of a second email.
    const lateSameDay = await reminder(carla.id, await partner('Late the same day'), 'follow_up_due', '2027-03-03');
    await stage('daily', '2027-03-03');
    expect(await staged(carla.id)).toHaveLength(1);
    expect(await states([lateSameDay])).toEqual(['pending']);
    await stage('daily', '2027-03-04');
    const mails = await staged(carla.id);
    expect(mails).toHaveLength(2);
    // Carla chose no language: her centre's, French.
    expect(mails[1]!.subject).toBe('Keepwarm : 1 partenaire a besoin de vous aujourd’hui (SIC Belgique)');
    expect(mails[1]!.text).toContain('Late the same day');
  });

  it('sends the weekly preference its digest on Mondays only, and nothing to "off"; their reminders wait', async () => {
    const weekly = await seedUser(app, centre, 'coordinator');
    const off = await seedUser(app, centre, 'coordinator');
    await setDigest(weekly.id, 'weekly');
    await setDigest(off.id, 'off');
    const weeklyReminder = await reminder(weekly.id, await partner('Weekly partner'), 'cadence_overdue', '2027-02-01');
    const offReminder = await reminder(off.id, await partner('Off partner'), 'cadence_overdue', '2027-02-01');
    await stage('daily', TUESDAY);
    expect(await staged(weekly.id)).toEqual([]);
    expect(await states([weeklyReminder])).toEqual(['pending']);
    await stage('daily', '2027-03-08');
    expect(await staged(weekly.id)).toEqual([
      expect.objectContaining({ dedupe_key: `digest:${weekly.id}:2027-03-08` }),
    ]);
    expect(await staged(off.id)).toEqual([]);
    expect(await states([offReminder])).toEqual(['pending']);
  });

  it('never mails a user whose address belongs to a contact flagged do-not-contact', async () => {
    const dnc = await seedUser(app, centre, 'coordinator', { email: `dnc-${Date.now()}@example.org` });
    const p = await partner('Partner with a careful contact');
    await query(
      app.databaseUrl,
      `INSERT INTO contact (centre_id, partner_id, name, email, do_not_contact) VALUES ($1, $2, 'Careful', $3, true)`,
      [centre, p, dnc.email.toUpperCase()],
    );
    const id = await reminder(dnc.id, p, 'cadence_overdue', '2027-02-01');
    await stage('daily', TUESDAY);
    await stage('weekly', MONDAY);
    expect(await staged(dnc.id)).toEqual([]);
    expect(await states([id])).toEqual(['pending']);
  });

  it("writes in the centre's language to a user who chose none, and escapes partner names in the HTML part", async () => {
    const dora = await seedUser(app, centre, 'coordinator', { name: 'Dora' });
    await reminder(dora.id, await partner('<b>Évian & "Co"</b>'), 'cadence_overdue', '2027-02-01');
    await stage('daily', TUESDAY);
    const [mail] = await staged(dora.id);
    expect(mail!.subject).toBe('Keepwarm : 1 partenaire a besoin de vous aujourd’hui (SIC Belgique)');
    expect(mail!.text).toContain('Bonjour Dora,');
    expect(mail!.text).toContain('Contacts en retard');
    expect(mail!.text).toContain('- <b>Évian & "Co"</b> : à faire pour le 1 février 2027');
    expect(mail!.text).toContain('(SIC Belgique, 2 mars 2027)');
    expect(mail!.html).toContain('<html lang="fr">');
    expect(mail!.html).toContain('&lt;b>Évian &amp; &quot;Co&quot;&lt;/b>');
    expect(mail!.html).not.toContain('<b>Évian');
  });

  it('writes in the language the user chose, whatever their centre speaks: subject and body, as delivered', async () => {
    const english = await seedCentre(app, 'English centre');
    await app.app.get(ReminderSchedules).unschedule(english);
    const elise = await seedUser(app, english, 'coordinator', { name: 'Élise' });
    await setLocale(elise.id, 'fr');
    const edward = await seedUser(app, english, 'coordinator', { name: 'Edward' });
    const p = await partner('Médiathèque & Co', english);
    await reminder(elise.id, p, 'follow_up_due', '2027-02-26');
    await reminder(edward.id, p, 'cadence_overdue', '2027-02-26');
    await stage('daily', TUESDAY, english);

    const [delivered] = await waitForEmails(app, elise.email);
    expect(delivered!.subject).toBe('Keepwarm : 1 partenaire a besoin de vous aujourd’hui (English centre)');
    expect(delivered!.text).toContain('Bonjour Élise,');
    expect(delivered!.text).toContain('Relances prévues');
    expect(delivered!.text).toContain('- Médiathèque & Co : à faire pour le 26 février 2027');
    expect(delivered!.text).toMatch(/Marquer comme fait : http:\/\/localhost:0\/r\/\S+/);
    expect(delivered!.html).toContain('<html lang="fr">');
    expect(delivered!.html).toContain('>Médiathèque &amp; Co</a> : à faire pour le 26 février 2027');
    expect(delivered!.html).toContain('>Marquer comme fait</a>');
    const [theirs] = await waitForEmails(app, edward.email);
    expect(theirs!.subject).toBe('Keepwarm: 1 partner needs you today (English centre)');
    expect(theirs!.text).toContain('- Médiathèque & Co: due 26 February 2027');
  });

  it('carries List-Unsubscribe headers; the one-click POST turns reminder email off, audited as the user', async () => {
    const eve = await seedUser(app, centre, 'coordinator');
    await reminder(eve.id, await partner('Unsubscribe partner'), 'cadence_overdue', '2027-02-01');
    await stage('daily', TUESDAY);
    const [delivered] = await waitForEmails(app, eve.email);
    const parsed = await simpleParser(await readFile(join(app.dataDir, 'outbox', delivered!.file)));
    const header = (name: string) =>
      parsed.headerLines
        .find((h) => h.key === name)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\r?\n\s+/g, ' ');
    const unsubscribe = header('list-unsubscribe');
    expect(unsubscribe).toMatch(/^<http:\/\/localhost:0\/email-preferences\/[^>]+>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const path = new URL(unsubscribe!.slice(1, -1)).pathname;
    const page = await call(app, 'GET', path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="daily" checked');
    expect(await digestOf(eve.id)).toBe('daily');

    const oneClick = await call(app, 'POST', path, { form: { 'List-Unsubscribe': 'One-Click' } });
    expect(oneClick.status).toBe(200);
    expect(await digestOf(eve.id)).toBe('off');
    const [audit] = await query<{ actor_id: string; after: { digest: string } }>(
      app.databaseUrl,
      `SELECT actor_id, after FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [eve.id],
    );
    expect(audit).toMatchObject({ actor_id: eve.id, after: expect.objectContaining({ digest: 'off' }) });

    expect((await call(app, 'POST', path, { form: { digest: 'weekly' } })).status).toBe(200);
    expect(await digestOf(eve.id)).toBe('weekly');
    expect((await call(app, 'POST', path, { form: { digest: 'hourly' } })).status).toBe(400);
    const tampered = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await call(app, 'POST', tampered, { form: { 'List-Unsubscribe': 'One-Click' } })).status).toBe(400);
    expect(await digestOf(eve.id)).toBe('weekly');
  });

  it('lets a signed-in user read and change the preference through the API, naming a bad value', async () => {
    const frank = await seedUser(app, centre, 'manager');
    const { token } = await signIn(app, frank.email);
    expect((await call(app, 'GET', '/api/v1/me/preferences', { token })).body).toEqual({ digest: 'daily' });
    expect((await call(app, 'PATCH', '/api/v1/me/preferences', { token, body: { digest: 'weekly' } })).body).toEqual({
      digest: 'weekly',
    });
    expect(await digestOf(frank.id)).toBe('weekly');
    const bad = await call(app, 'PATCH', '/api/v1/me/preferences', { token, body: { digest: 'sometimes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['digest']);
    expect((await call(app, 'GET', '/api/v1/me/preferences')).status).toBe(401);
  });

  describe('the weekly summary', () => {
    let weeklyCentre: string;
    const asOf = MONDAY;

    beforeAll(async () => {
      weeklyCentre = await seedCentre(app, 'Weekly & Co');
    });

    it("goes to the managers with escalations (more than twice the cadence), most overdue first, and the week's numbers", async () => {
      const manager = await seedUser(app, weeklyCentre, 'manager', { name: 'Maria' });
      const offManager = await seedUser(app, weeklyCentre, 'manager');
      await setDigest(offManager.id, 'off');
      const coordinator = await seedUser(app, weeklyCentre, 'coordinator');
      const engage = async (partnerId: string, day: string) => {
        const [e] = await query<{ id: string }>(
          app.databaseUrl,
          `INSERT INTO engagement (centre_id, type, occurred_at, summary) VALUES ($1, 'call', $2, 'Call') RETURNING id`,
          [weeklyCentre, `${day}T10:00:00Z`],
        );
        await query(
          app.databaseUrl,
          `INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at) VALUES ($1, $2, $3, $4)`,
          [e!.id, partnerId, weeklyCentre, `${day}T10:00:00Z`],
        );
      };
      const created = { createdAt: '2026-06-01T10:00:00Z' };
      const silent = await partner('Silent <Ltd>', weeklyCentre, { cadenceDays: 10, ...created }); // 25 days > 2 × 10
      await engage(silent, '2027-02-04');
      const slightly = await partner('Slightly late', weeklyCentre, { cadenceDays: 10, ...created }); // 15 days: overdue, not escalated
      await engage(slightly, '2027-02-14');
      await partner('Never contacted', weeklyCentre, { cadenceDays: 30, createdAt: '2026-11-01T10:00:00Z' }); // 120 days > 60
      const archived = await partner('Archived and silent', weeklyCentre, {
        cadenceDays: 10,
        archived: true,
        ...created,
      });
      await engage(archived, '2026-12-01');
      const fresh = await partner('Fresh', weeklyCentre, { cadenceDays: 30, ...created });
      await engage(fresh, '2027-02-23'); // first day of the week
      await engage(fresh, '2027-03-01'); // last day
      await engage(await partner('Outside the week', weeklyCentre, { cadenceDays: 365, ...created }), '2027-02-22'); // the day before: not counted
      const done = await reminder(coordinator.id, fresh, 'cadence_overdue', '2027-02-20');
      await query(
        app.databaseUrl,
        `UPDATE reminder SET state = 'done', done_at = '2027-02-25T10:00:00Z', created_at = '2027-02-24T10:00:00Z' WHERE id = $1`,
        [done],
      );
      await reminder(coordinator.id, slightly, 'cadence_overdue', '2027-02-24'); // created now: outside that week

      expect(await stage('weekly', asOf, weeklyCentre)).toBe(1);
      expect(await staged(offManager.id, 'summary')).toEqual([]);
      expect(await staged(coordinator.id, 'summary')).toEqual([]);
      const [mail] = await staged(manager.id, 'summary');
      expect(mail!.subject).toBe('Keepwarm weekly summary: 2 escalations (Weekly & Co)');
      expect(mail!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
      const text = mail!.text;
      expect(text).toContain('- Never contacted: never contacted, 120 days ago; cadence 30 days');
      expect(text).toContain('- Silent <Ltd>: last contact 4 February 2027, 25 days ago; cadence 10 days');
      expect(text.indexOf('Never contacted')).toBeLessThan(text.indexOf('Silent <Ltd>'));
      expect(text).not.toContain('Slightly late');
      expect(text).not.toContain('Archived');
      for (const line of [
        'Engagements logged: 2',
        'Partners contacted: 1',
        'Reminders created: 1',
        'Reminders done: 1',
        'Partners overdue now: 3',
      ])
        expect(text).toContain(line);
      expect(mail!.html).toContain('Silent &lt;Ltd>');

      expect(await stage('weekly', asOf, weeklyCentre)).toBe(0);
    });

    it('goes to the admins of a centre without managers', async () => {
      const noManagers = await seedCentre(app, 'Small centre');
      const admin = await seedUser(app, noManagers, 'admin');
      const frenchAdmin = await seedUser(app, noManagers, 'admin');
      await setLocale(frenchAdmin.id, 'fr');
      const coordinator = await seedUser(app, noManagers, 'coordinator');
      expect(await stage('weekly', asOf, noManagers)).toBe(2);
      expect(await staged(admin.id, 'summary')).toEqual([
        expect.objectContaining({ subject: 'Keepwarm weekly summary: 0 escalations (Small centre)' }),
      ]);
      const [french] = await staged(frenchAdmin.id, 'summary');
      expect(french!.subject).toBe('Keepwarm, résumé de la semaine : 0 alerte (Small centre)');
      expect(french!.text).toContain('Aucun partenaire n’a dépassé le double de son rythme de contact.');
      expect(await staged(coordinator.id, 'summary')).toEqual([]);
    });
  });

  async function digestOf(userId: string): Promise<string> {
    return (await query<{ digest: string }>(app.databaseUrl, 'SELECT digest FROM app_user WHERE id = $1', [userId]))[0]!
      .digest;
  }
});
