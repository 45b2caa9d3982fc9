import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { addDays, localDate } from '../../src/common/dates.js';
import { RequestContext } from '../../src/common/request-context.js';
import { CentreScope } from '../../src/database/centre-scope.js';
import { DigestService } from '../../src/digests/digest.service.js';
import { call, firstCentreId, seedUser } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import {
  bootWebApp,
  checkPage,
  launchBrowser,
  openContext,
  screenshot,
  scrollsSideways,
  type WatchedContext,
} from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { waitForEmails } from '../utils/outbox.js';

const PHONE = { width: 390, height: 844 };

/** The pages the links of emails open, at phone width (where emails are read), and a digest as a mail client shows it. */
describe('The pages of emailed links', () => {
  const clock = new TestClock();
  let app: TestApp;
  let browser: Browser;
  let centre: string;

  /** A user with one overdue reminder, digested today: the digest staged in the outbox, and its links as paths. */
  async function digested(locale: string | null) {
    const user = await seedUser(app, centre, 'coordinator', { name: 'Noor' });
    await query(app.databaseUrl, 'UPDATE app_user SET locale = $2 WHERE id = $1', [user.id, locale]);
    const [partner] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector) VALUES ($1, 'Bibliothèque & <Médias>', 'media') RETURNING id`,
      [centre],
    );
    const today = localDate(clock.now(), 'UTC');
    const dueDate = addDays(today, -3);
    await query(
      app.databaseUrl,
      `INSERT INTO reminder (centre_id, recipient_id, partner_id, kind, due_date, dedupe_key) VALUES ($1, $2, $3, 'cadence_overdue', $4, $5)`,
      [centre, user.id, partner!.id, dueDate, `cadence_overdue:${partner!.id}:${dueDate}`],
    );
    await app.app
      .get(CentreScope)
      .transaction(RequestContext.system(centre), async (tx) =>
        app.app.get(DigestService).stageDailyDigests(tx, await tx.centre(), today),
      );
    const [mail] = await query<{ text: string; html: string }>(
      app.databaseUrl,
      `SELECT text, html FROM outbox_email WHERE dedupe_key = $1`,
      [`digest:${user.id}:${today}`],
    );
    const urls = [...mail!.html.matchAll(/href="([^"]+\/r\/[^"]+)"/g)].map((m) => new URL(m[1]!).pathname);
    const preferences = /href="([^"]+\/email-preferences\/[^"]+)"/.exec(mail!.html)![1]!;
    return { mail: mail!, done: urls[0]!, snooze: urls[1]!, preferences: new URL(preferences).pathname };
  }

  /** Console messages that are not the page's problems: a page answered 400 on purpose logs the failed request. */
  const expected = (watched: WatchedContext, status: string) => ({
    ...watched,
    problems: watched.problems.filter((p) => !p.includes(`status of ${status}`)),
  });
  const without400 = (watched: WatchedContext) => expected(watched, '400');

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock }), launchBrowser()]);
    centre = await firstCentreId(app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('reads the digest in French, then marks its reminder done from the link, in French', async () => {
    const { mail, done } = await digested('fr');
    const watched = await openContext(browser, app, { ...PHONE, locale: 'en-GB' });
    const { page } = watched;
    await page.setContent(mail.html);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('link', { name: 'Bibliothèque & <Médias>' }).count()).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'email-digest-fr');

    await page.goto(done);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Marquer ce rappel comme fait ?');
    expect(await page.locator('main').textContent()).toContain('Contact en retard : Bibliothèque & <Médias>');
    expect(await scrollsSideways(page)).toBe(false);
    await checkPage(expected(watched, '404'), 'email-reminder-done');
    await page.getByRole('button', { name: 'Marquer comme fait' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Marqué comme fait. Merci !');
    await checkPage(expected(watched, '404'), 'email-reminder-done-result');
    await watched.context.close();
  });

  it('snoozes from the link, naming a refused day next to its field', async () => {
    const { snooze } = await digested(null);
    const watched = await openContext(browser, app, PHONE);
    const { page } = watched;
    await page.goto(snooze);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Snooze this reminder?');
    const until = page.getByLabel('Snooze until');
    await until.fill(localDate(clock.now(), 'UTC'));
    await page.getByRole('button', { name: 'Snooze' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.field-error').textContent()).toBe('Choose a day after today.');
    expect(await until.getAttribute('aria-describedby')).toBe('f-until-error');
    await checkPage(without400(watched), 'email-reminder-snooze-refused');
    await until.fill(addDays(localDate(clock.now(), 'UTC'), 5));
    await page.getByRole('button', { name: 'Snooze' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Reminder snoozed');
    await watched.context.close();
  });

  it('changes the reminder email preference from the link', async () => {
    const { preferences } = await digested(null);
    const watched = await openContext(browser, app, PHONE);
    const { page } = watched;
    await page.goto(preferences);
    expect(await page.getByLabel('A daily digest, on days something is due').isChecked()).toBe(true);
    await checkPage(watched, 'email-preferences');
    await page.getByLabel('A weekly digest, on Mondays').check();
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Saved: you get a weekly digest, on Mondays.');
    expect(await page.getByLabel('A weekly digest, on Mondays').isChecked()).toBe(true);
    await watched.context.close();
  });

  it('sets a new password from the reset link, in the browser’s language', async () => {
    const user = await seedUser(app, centre, 'coordinator', { name: 'Rosa' });
    expect((await call(app, 'POST', '/api/v1/auth/password-reset', { body: { email: user.email } })).status).toBe(202);
    const [email] = await waitForEmails(app, user.email);
    const link = new URL(/http:\/\/\S+\/reset-password\?token=\S+/.exec(email!.text)![0]);
    const watched = await openContext(browser, app, { ...PHONE, locale: 'fr-BE' });
    const { page } = watched;
    await page.goto(`${link.pathname}${link.search}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Choisir un nouveau mot de passe');
    await page.getByLabel('Nouveau mot de passe (au moins 12 caractères)').fill('a-brand-new-password');
    await page.getByLabel('Le même mot de passe une seconde fois').fill('something-else-entirely');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.field-error').textContent()).toBe('Les deux mots de passe ne sont pas identiques.');
    await checkPage(without400(watched), 'email-reset-password-refused');
    await page.getByLabel('Nouveau mot de passe (au moins 12 caractères)').fill('a-brand-new-password');
    await page.getByLabel('Le même mot de passe une seconde fois').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mot de passe modifié');
    await checkPage(without400(watched), 'email-reset-password-done');
    await watched.context.close();
  });
});
