import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { call, firstCentreId, signIn as apiSignIn } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import {
  bootWebApp,
  checkPage,
  launchBrowser,
  openContext,
  screenshot,
  scrollsSideways,
  signIn,
} from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { seedMember, type Member } from '../utils/tenants.js';

interface Role {
  id: string;
  partnerId: string;
  partnerName: string;
  role: string;
  status: string;
}

/**
 * The SID campaign board as of 2027-05-12: SID 2027 (9 February) has passed, so /sid is the 2028 campaign, and
 * "last year" is 2027.
 */
describe('The SID campaign in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let coordinator: Member;
  const partners: Record<string, string> = {};
  let acmeRole: Role;

  const api = <T>(method: string, path: string, body?: unknown) =>
    call<T>(app, method, path, { token: coordinator.token, body });
  const rolesOf = async (year: number) => (await api<{ items: Role[] }>('GET', `/api/v1/sid/${year}/roles`)).body.items;

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    coordinator = await seedMember(app, await firstCentreId(app), 'coordinator', { name: 'Camille Coordinator' });
    for (const name of ['Acme Telecom', 'Bright Schools', 'City Police', 'Daily News', 'Echo Radio']) {
      const res = await api<{ id: string }>('POST', '/api/v1/partners', { name, sector: 'education' });
      expect(res.status).toBe(201);
      partners[name] = res.body.id;
    }
    // SID 2027: Bright Schools delivered, City Police declined, Acme Telecom supported.
    const role = async (year: number, partner: string, kind: string, status?: string) => {
      const res = await api<Role>('POST', `/api/v1/sid/${year}/roles`, {
        partnerId: partners[partner],
        role: kind,
        status,
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const delivered = await role(2027, 'Bright Schools', 'activity_host', 'confirmed');
    expect((await api('PATCH', `/api/v1/sid/2027/roles/${delivered.id}`, { status: 'delivered' })).status).toBe(200);
    const declined = await role(2027, 'City Police', 'speaker');
    expect((await api('PATCH', `/api/v1/sid/2027/roles/${declined.id}`, { status: 'declined' })).status).toBe(200);
    await role(2027, 'Acme Telecom', 'supporter', 'confirmed');
    // SID 2028 so far: Acme Telecom invited as sponsor.
    acmeRole = await role(2028, 'Acme Telecom', 'sponsor');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("moves a role from invited to confirmed in place, and invites one of last year's participants", async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login?next=%2Fsid');
    await signIn(page, coordinator.email, coordinator.password);
    expect(new URL(page.url()).pathname).toBe('/sid');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Safer Internet Day 2028');
    expect(await page.locator('.sid-facts').textContent()).toContain('8 February 2028');

    const invited = page.locator('#sid-col-invited');
    const confirmed = page.locator('#sid-col-confirmed');
    expect(await invited.textContent()).toContain('Acme Telecom');
    expect(await confirmed.textContent()).not.toContain('Acme Telecom');
    // Last year's participants without a role in 2028: Bright Schools and City Police, not Acme Telecom.
    const lastYear = page.locator('.sid-last-year');
    expect(await lastYear.locator('li').allTextContents()).toEqual([
      expect.stringContaining('Bright Schools'),
      expect.stringContaining('City Police'),
    ]);
    await checkPage(watched, 'sid-campaign');

    // A mark on the window: a page load would wipe it.
    await page.evaluate(() => ((globalThis as unknown as { keepwarmMark: number }).keepwarmMark = 1));
    const url = page.url();
    await page.getByRole('button', { name: 'Mark confirmed: Acme Telecom (Sponsor)' }).click();
    await confirmed.locator(`#sid-role-${acmeRole.id}`).waitFor();
    expect(await invited.textContent()).not.toContain('Acme Telecom');
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (globalThis as unknown as { keepwarmMark?: number }).keepwarmMark)).toBe(1);
    // The moved card has the focus (htmx moves it when the swap settles, just after the card appears), and offers
    // the next moves.
    const cardId = `sid-role-${acmeRole.id}`;
    await page.waitForFunction((id) => document.activeElement?.id === id, cardId, { timeout: 5000 }).catch(() => {});
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(cardId);
    expect(await page.getByRole('button', { name: 'Mark delivered: Acme Telecom (Sponsor)' }).count()).toBe(1);
    expect((await rolesOf(2028)).find((r) => r.id === acmeRole.id)?.status).toBe('confirmed');

    await page.getByRole('button', { name: 'Invite: Bright Schools (Activity host)' }).click();
    await invited.getByText('Bright Schools').waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('Bright Schools is invited');
    expect(await lastYear.locator('li').allTextContents()).toEqual([expect.stringContaining('City Police')]);
    expect(page.url()).toBe(url);
    const bright = (await rolesOf(2028)).find((r) => r.partnerId === partners['Bright Schools']);
    expect(bright).toMatchObject({ role: 'activity_host', status: 'invited' });

    // The invite form: Daily News as media.
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Daily News' });
    await page.getByLabel('Role', { exact: true }).selectOption('media');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await invited.getByText('Daily News').waitFor();
    expect((await rolesOf(2028)).find((r) => r.partnerId === partners['Daily News'])).toMatchObject({
      role: 'media',
      status: 'invited',
    });
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });

  it('works without JavaScript: inviting, moving and removing post, redirect back and say so', async () => {
    const session = await apiSignIn(app, coordinator.email, coordinator.password);
    const invited = await call(app, 'POST', '/sid/2028/roles', {
      cookie: session.cookie,
      form: { _csrf: session.csrfToken, partnerId: partners['Echo Radio']!, role: 'media' },
    });
    expect(invited.status).toBe(303);
    expect(invited.headers.get('location')).toBe('/sid/2028');
    const role = (await rolesOf(2028)).find((r) => r.partnerId === partners['Echo Radio'])!;
    expect(role).toMatchObject({ role: 'media', status: 'invited' });
    // The same invitation again is refused next to its field, on the page again (400).
    const again = await call<string>(app, 'POST', '/sid/2028/roles', {
      cookie: session.cookie,
      form: { _csrf: session.csrfToken, partnerId: partners['Echo Radio']!, role: 'media' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toContain('already has this role');
    const moved = await call(app, 'POST', `/sid/2028/roles/${role.id}`, {
      cookie: session.cookie,
      form: { _csrf: session.csrfToken, status: 'declined' },
    });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe('/sid/2028');
    expect((await rolesOf(2028)).find((r) => r.id === role.id)?.status).toBe('declined');
    // Declined cannot become delivered: refused, nothing changes, the board says so after the redirect.
    const refused = await call(app, 'POST', `/sid/2028/roles/${role.id}`, {
      cookie: session.cookie,
      form: { _csrf: session.csrfToken, status: 'delivered' },
    });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('set-cookie')).toContain('sid.flash.refused');
    expect((await rolesOf(2028)).find((r) => r.id === role.id)?.status).toBe('declined');
    // A declined role can be removed from the campaign.
    const removed = await call(app, 'POST', `/sid/2028/roles/${role.id}/delete`, {
      cookie: session.cookie,
      form: { _csrf: session.csrfToken },
    });
    expect(removed.status).toBe(303);
    expect((await rolesOf(2028)).some((r) => r.id === role.id)).toBe(false);
  });

  it('answers a bad year with a 400 page, and fits a phone', async () => {
    const watched = await openContext(browser, app, { width: 390, height: 844 });
    const { page } = watched;
    await page.goto('/login?next=%2Fsid%2F2027');
    await signIn(page, coordinator.email, coordinator.password);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Safer Internet Day 2027');
    expect(await page.locator('#sid-col-delivered').textContent()).toContain('Bright Schools');
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'sid-campaign-phone');
    for (const bad of ['abc', '1800', '2027.5', '0x7eb']) {
      const res = await page.goto(`/sid/${bad}`);
      expect(res?.status()).toBe(400);
      expect(await page.locator('main').textContent()).toContain('a whole year from 2004 to 2100');
    }
    await watched.context.close();
  });
});
