import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { call, firstCentreId, signIn as apiSignIn } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, scrollsSideways, signIn } from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { seedMember, type Member } from '../utils/tenants.js';

/** Pinned at 2027-05-12 10:30Z: every follow-up below is due. */
describe('The reminders page in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let manager: Member;
  let camille: Member;
  let dominique: Member;

  /** A partner owned by `owner`, with a contact logged by them whose follow-up is due: one reminder for them. */
  async function followUpFor(owner: Member, name: string, followUpAt: string): Promise<void> {
    const partner = await call(app, 'POST', '/api/v1/partners', {
      token: owner.token,
      body: { name, sector: 'ngo', ownerId: owner.id },
    });
    const engagement = await call(app, 'POST', '/api/v1/engagements', {
      token: owner.token,
      body: {
        partnerIds: [partner.body.id],
        type: 'meeting',
        occurredAt: '2027-05-03',
        summary: 'Kick-off',
        followUpAt,
      },
    });
    expect(engagement.status).toBe(201);
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    const centre = await firstCentreId(app);
    const admin = await seedMember(app, centre, 'admin');
    manager = await seedMember(app, centre, 'manager', { name: 'Morgan Manager' });
    camille = await seedMember(app, centre, 'coordinator', { name: 'Camille Coordinator' });
    dominique = await seedMember(app, centre, 'coordinator', { name: 'Dominique Coordinator' });
    await followUpFor(camille, 'Acme Telecom', '2027-05-10');
    await followUpFor(camille, 'Brightschool', '2027-05-12');
    await followUpFor(dominique, 'Delta Media', '2027-05-11');
    const scan = await call(app, 'POST', '/api/v1/admin/reminders/run', { token: admin.token, body: {} });
    expect(scan.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("lets a manager see everyone's reminders and filter by person, the filters kept in the URL", async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/reminders');
    await signIn(page, manager.email);
    // Mine by default: a manager has none here.
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Your reminders');
    expect(await page.getByText('No reminders here').count()).toBe(1);

    await page.getByLabel('Person').selectOption({ label: 'Everyone' });
    await Promise.all([page.waitForURL(/person=all/), page.getByRole('button', { name: 'Filter' }).click()]);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe("Everyone's reminders");
    expect(await page.locator('.reminder-subject').allTextContents()).toEqual([
      'Acme Telecom',
      'Delta Media',
      'Brightschool',
    ]);
    expect(await page.locator('li.reminder', { hasText: 'Delta Media' }).textContent()).toContain(
      'For Dominique Coordinator',
    );
    await checkPage(watched, 'reminders');

    await page.getByLabel('Person').selectOption({ label: 'Dominique Coordinator' });
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('person') === dominique.id),
      page.getByRole('button', { name: 'Filter' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Reminders for Dominique Coordinator');
    expect(await page.locator('.reminder-subject').allTextContents()).toEqual(['Delta Media']);
    expect(await page.getByLabel('Person').inputValue()).toBe(dominique.id);

    // The same URL opened again shows the same list.
    await page.reload();
    expect(await page.locator('.reminder-subject').allTextContents()).toEqual(['Delta Media']);
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });

  it('shows a coordinator only their own, and marks one done without JavaScript (back to the same list)', async () => {
    const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/reminders?kind=follow_up_due');
    await signIn(page, camille.email);
    expect(await page.getByLabel('Person').count()).toBe(0);
    expect(await page.locator('.reminder-subject').allTextContents()).toEqual(['Acme Telecom', 'Brightschool']);
    // Asking for someone else's list still shows one's own.
    await page.goto(`/reminders?person=${dominique.id}`);
    expect(await page.locator('.reminder-subject').allTextContents()).toEqual(['Acme Telecom', 'Brightschool']);

    await page.goto('/reminders?kind=follow_up_due');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/reminders' && url.search === '?kind=follow_up_due'),
      page.getByRole('button', { name: 'Done Acme Telecom Follow-up due' }).click(),
    ]);
    expect(await page.getByRole('status').first().textContent()).toBe('Reminder marked done.');
    expect(await page.locator('.reminder-subject').allTextContents()).toEqual(['Brightschool']);
    const done = await call(app, 'GET', '/api/v1/reminders?state=done', { token: camille.token });
    expect(done.body.items.map((r: { partnerName: string }) => r.partnerName)).toEqual(['Acme Telecom']);
    await context.close();
  });

  it('refuses a snooze day that is not after today: the form again for htmx, a message after a plain post', async () => {
    const session = await apiSignIn(app, camille.email, camille.password);
    const open = await call(app, 'GET', '/api/v1/reminders', { token: camille.token });
    const reminder = open.body.items.find((r: { partnerName: string }) => r.partnerName === 'Brightschool');
    const form = { _csrf: session.csrfToken, _back: '/reminders?kind=follow_up_due', until: '2027-05-12' };
    const path = `/reminders/${reminder.id}/snooze`;

    const htmx = await call(app, 'POST', path, { cookie: session.cookie, form, headers: { 'HX-Request': 'true' } });
    expect(htmx.status).toBe(400);
    expect(htmx.headers.get('hx-retarget')).toBe(`#reminder-${reminder.id}-snooze`);
    expect(htmx.body).toContain('Choose a day after today.');
    expect(htmx.body).toContain('aria-invalid="true"');

    const plain = await call(app, 'POST', path, { cookie: session.cookie, form });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe('/reminders?kind=follow_up_due');
    expect(plain.headers.getSetCookie().join()).toContain('reminders.snooze.later');

    // Another site as "back" is never followed.
    const away = await call(app, 'POST', `/reminders/${reminder.id}/done`, {
      cookie: session.cookie,
      form: { _csrf: session.csrfToken, _back: '//elsewhere.example/' },
    });
    expect(away.headers.get('location')).toBe('/');
    const after = await call(app, 'GET', '/api/v1/reminders?state=done', { token: camille.token });
    expect(after.body.items.map((r: { partnerName: string }) => r.partnerName).sort()).toEqual([
      'Acme Telecom',
      'Brightschool',
    ]);
  });

  it('fits a phone: nothing scrolls sideways', async () => {
    const watched = await openContext(browser, app, { width: 390 });
    const { page } = watched;
    await page.goto('/reminders');
    await signIn(page, manager.email);
    await page.goto('/reminders?person=all');
    expect(await page.locator('li.reminder').count()).toBeGreaterThan(0);
    expect(await scrollsSideways(page)).toBe(false);
    await checkPage(watched, 'reminders-phone');
    await watched.context.close();
  });
});
