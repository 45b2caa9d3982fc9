import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { call, firstCentreId } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, signIn } from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { seedMember } from '../utils/tenants.js';

describe('My account in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let centreId: string;

  const me = async (token: string) => (await call(app, 'GET', '/api/v1/me', { token })).body.user;

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    centreId = await firstCentreId(app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('changes my name and my reminder email', async () => {
    const member = await seedMember(app, centreId, 'coordinator', { name: 'Camille Before' });
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/account');
    await signIn(page, member.email, member.password);
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Camille Before');
    expect(await page.getByLabel('A daily digest, on days something is due').isChecked()).toBe(true);
    await checkPage(watched, 'account');

    await page.getByLabel('Your name').fill('Camille After');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/account'),
      page.getByRole('button', { name: 'Save name and language' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Camille After');
    expect(await me(member.token)).toMatchObject({ name: 'Camille After', locale: null });

    await page.getByLabel('A weekly digest, on Mondays').check();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/account'),
      page.getByRole('button', { name: 'Save reminder choice' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    const preferences = await call(app, 'GET', '/api/v1/me/preferences', { token: member.token });
    expect(preferences.body).toEqual({ digest: 'weekly' });
    await watched.context.close();
  });

  it("switches every page to French, and back to the browser's language", async () => {
    const member = await seedMember(app, centreId, 'admin');
    const watched = await openContext(browser, app, { locale: 'en-GB' });
    const { page } = watched;
    await page.goto('/account');
    await signIn(page, member.email, member.password);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByLabel('Français').check();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/account'),
      page.getByRole('button', { name: 'Save name and language' }).click(),
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mon compte');
    expect(await page.getByRole('status').textContent()).toBe('Enregistré.');
    expect((await me(member.token)).locale).toBe('fr');

    // Every page, not just this one: the navigation of another page is French too.
    await page.goto('/admin/users');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Utilisateurs');
    const nav = page.getByRole('navigation', { name: 'Principale' });
    expect(await nav.getByRole('link', { name: 'Ma semaine' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Mon compte' }).count()).toBe(1);

    await page.goto('/account');
    await page.getByLabel('La langue de mon navigateur').check();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/account'),
      page.getByRole('button', { name: 'Enregistrer le nom et la langue' }).click(),
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await me(member.token)).locale).toBeNull();
    await watched.context.close();
  });

  it('speaks French to a French browser when I chose no language', async () => {
    const member = await seedMember(app, centreId, 'coordinator');
    const watched = await openContext(browser, app, { locale: 'fr-FR' });
    const { page } = watched;
    await page.goto('/account');
    await signIn(page, member.email, member.password);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mon compte');
    expect(await page.getByLabel('La langue de mon navigateur').isChecked()).toBe(true);
    expect(await page.getByRole('link', { name: 'Ma semaine' }).count()).toBe(1);
    await checkPage(watched, 'account-fr');
    await watched.context.close();
  });

  it('names a wrong current password next to its field, and keeps the password', async () => {
    const member = await seedMember(app, centreId, 'coordinator');
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/account');
    await signIn(page, member.email, member.password);
    await page.getByLabel('Current password').fill('not-my-password-at-all');
    await page.getByLabel('New password (at least 12 characters)').fill('a-brand-new-password');
    await page.getByLabel('The new password again').fill('a-brand-new-password');
    const [answer] = await Promise.all([
      page.waitForResponse((res) => res.url().endsWith('/account/password')),
      page.getByRole('button', { name: 'Change my password' }).click(),
    ]);
    expect(answer.status()).toBe(400);
    const current = page.getByLabel('Current password');
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    expect(await current.getAttribute('aria-describedby')).toBe('f-currentPassword-error');
    expect(await page.locator('#f-currentPassword-error').textContent()).toBe('This is not your current password.');
    expect(await current.inputValue()).toBe('');
    // The old password still signs in.
    const login = await call(app, 'POST', '/api/v1/auth/login', {
      body: { email: member.email, password: member.password },
    });
    expect(login.status).toBe(200);

    await page.getByLabel('Current password').fill(member.password);
    await page.getByLabel('New password (at least 12 characters)').fill('a-brand-new-password');
    await page.getByLabel('The new password again').fill('another-new-password');
    await page.getByRole('button', { name: 'Change my password' }).click();
    expect(await page.locator('#f-confirmPassword-error').textContent()).toBe(
      'The two new passwords are not the same.',
    );
    await watched.context.close();
  });
});
