import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, localDate } from '../../src/common/dates.js';
import { RequestContext } from '../../src/common/request-context.js';
import { CentreScope } from '../../src/database/centre-scope.js';
import { DigestService } from '../../src/digests/digest.service.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, signIn } from '../utils/api.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';

const TZ = 'Europe/Brussels';

/** The "Mark done" and "Snooze a week" links of a digest: GET only shows, POST acts, as the user the link was sent to. */
describe('one-click reminder links', () => {
  const clock = new TestClock();
  let app: TestApp;
  let centre: string;
  const today = () => localDate(clock.now(), TZ);

  /** A user with one reminder, digested today; returns the links of that reminder as paths. */
  async function digested(partnerName = 'Linked partner') {
    const user = await seedUser(app, centre, 'coordinator');
    const [partner] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, 'media') RETURNING id`,
      [centre, partnerName],
    );
    const dueDate = addDays(today(), -3);
    const [reminder] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO reminder (centre_id, recipient_id, partner_id, kind, due_date, dedupe_key) VALUES ($1, $2, $3, 'cadence_overdue', $4, $5) RETURNING id`,
      [centre, user.id, partner!.id, dueDate, `cadence_overdue:${partner!.id}:${dueDate}`],
    );
    await app.app
      .get(CentreScope)
      .transaction(RequestContext.system(centre), async (tx) =>
        app.app.get(DigestService).stageDailyDigests(tx, await tx.centre(), today()),
      );
    const [mail] = await query<{ text: string }>(
      app.databaseUrl,
      `SELECT text FROM outbox_email WHERE dedupe_key = $1`,
      [`digest:${user.id}:${today()}`],
    );
    const link = (label: string) => new URL(new RegExp(`${label}: (\\S+)`).exec(mail!.text)![1]!).pathname;
    return { user, reminderId: reminder!.id, done: link('Mark done'), snooze: link('Snooze a week') };
  }
  const reminderRow = async (id: string) =>
    (
      await query<{ state: string; snoozed_until: string | null }>(
        app.databaseUrl,
        `SELECT state, to_char(snoozed_until, 'YYYY-MM-DD') AS snoozed_until FROM reminder WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    app = await bootApp({ clock });
    centre = await firstCentreId(app);
    await query(app.databaseUrl, `UPDATE centre SET timezone = $2 WHERE id = $1`, [centre, TZ]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the reminder on GET and changes nothing; the confirming POST marks it done, audited as the user', async () => {
    const { user, reminderId, done } = await digested('Scanner & <Sons>');
    const page = await call(app, 'GET', done);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('Scanner &amp; &lt;Sons>');
    expect(page.body).toContain(`<form method="post" action="${done}"`);
    // No inline script: only the app's own assets.
    expect((page.body as string).match(/<script[^>]*>/g)?.every((tag) => / src="\/assets\//.test(tag))).toBe(true);
    expect(await reminderRow(reminderId)).toMatchObject({ state: 'sent' });

    const confirmed = await call(app, 'POST', done, { form: {} });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toContain('Marked done');
    expect(await reminderRow(reminderId)).toMatchObject({ state: 'done' });
    const [audit] = await query<{ actor_id: string; entity_type: string }>(
      app.databaseUrl,
      `SELECT actor_id, entity_type FROM audit_event WHERE entity_id = $1`,
      [reminderId],
    );
    expect(audit).toEqual({ actor_id: user.id, entity_type: 'reminder' });
    // Once done there is nothing left to confirm.
    expect((await call(app, 'GET', done)).body).not.toContain('<form');
  });

  it('snoozes to the chosen day, a week from today by default; a past or malformed day is refused with the form again', async () => {
    const { reminderId, snooze } = await digested();
    const page = await call(app, 'GET', snooze);
    expect(page.body).toContain(`name="until" type="date" value="${addDays(today(), 7)}"`);
    const past = await call(app, 'POST', snooze, { form: { until: today() } });
    expect(past.status).toBe(400);
    expect(past.body).toContain('role="alert"');
    expect(past.body).toContain('Choose a day after today.');
    expect(past.body).toContain(`<form method="post" action="${snooze}"`);
    expect((await call(app, 'POST', snooze, { form: { until: '2027-02-30' } })).status).toBe(400);
    // The same accepted range as the API's snooze (YYYY-MM-DD up to 2199-12-31).
    expect((await call(app, 'POST', snooze, { form: { until: '9999-12-31' } })).status).toBe(400);
    expect(await reminderRow(reminderId)).toMatchObject({ state: 'sent', snoozed_until: null });

    const until = addDays(today(), 10);
    const snoozed = await call(app, 'POST', snooze, { form: { until } });
    expect(snoozed.status).toBe(200);
    expect(await reminderRow(reminderId)).toEqual({ state: 'snoozed', snoozed_until: until });
  });

  it("speaks the user's language, else the centre's", async () => {
    const { user, done } = await digested();
    await query(app.databaseUrl, `UPDATE app_user SET locale = 'fr' WHERE id = $1`, [user.id]);
    const page = await call(app, 'GET', done);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('<h1>Marquer ce rappel comme fait ?</h1>');
    expect((await call(app, 'POST', done, { form: {} })).body).toContain('Marqué comme fait. Merci !');
  });

  it('works from a browser that is signed in, without a CSRF token: the link is the credential', async () => {
    const { user, reminderId, done } = await digested();
    const { cookie } = await signIn(app, user.email);
    expect((await call(app, 'POST', done, { cookie, form: {} })).status).toBe(200);
    expect(await reminderRow(reminderId)).toMatchObject({ state: 'done' });
  });

  it('refuses a tampered link, a link for another action, and the link of a deactivated user, changing nothing', async () => {
    const { user, reminderId, done, snooze } = await digested();
    const [token] = done.split('/').slice(-1);
    const parts = token!.split('.');
    const swapped = `/r/${[parts[0], 'snooze', ...parts.slice(2, 5), parts[5]].join('.')}`;
    const flipped = `/r/${token!.slice(0, -1)}${token!.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [swapped, flipped, '/r/not-a-token']) {
      const res = await call(app, 'POST', path, { form: { until: addDays(today(), 9) } });
      expect(res.status).toBe(400);
      expect(res.body).toContain('This link cannot be used');
      expect((await call(app, 'GET', path)).status).toBe(400);
    }
    await query(app.databaseUrl, 'UPDATE app_user SET active = false WHERE id = $1', [user.id]);
    expect((await call(app, 'GET', snooze)).status).toBe(403);
    expect((await call(app, 'POST', done, { form: {} })).status).toBe(403);
    expect(await reminderRow(reminderId)).toMatchObject({ state: 'sent' });
  });

  it('refuses a link past its 30 days with 410 Gone', async () => {
    const { reminderId, done } = await digested();
    clock.advance(31 * 24 * 60 * 60 * 1000);
    const res = await call(app, 'POST', done, { form: {} });
    expect(res.status).toBe(410);
    expect(res.body).toContain('expired');
    expect((await call(app, 'GET', done)).status).toBe(410);
    expect(await reminderRow(reminderId)).toMatchObject({ state: 'sent' });
  });
});
