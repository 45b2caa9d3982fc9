import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { firstCentreId, seedUser } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, signIn } from '../utils/browser.js';

describe('Signing in and out in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let coordinator: { email: string; password: string };

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp(), launchBrowser()]);
    coordinator = await seedUser(app, await firstCentreId(app), 'coordinator', { name: 'Camille Coordinator' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sends an anonymous deep link to sign-in and back to the same page afterwards', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/reminders?kind=follow_up');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/reminders?kind=follow_up');
    await checkPage(watched, 'sign-in');

    await signIn(page, coordinator.email, coordinator.password);
    const landed = new URL(page.url());
    expect(`${landed.pathname}${landed.search}`).toBe('/reminders?kind=follow_up');
    await watched.context.close();
  });

  it('says so when the password is wrong, next to a form that keeps the email', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login');
    await page.getByLabel('Email').fill(coordinator.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('The email or the password is not correct');
    expect(await page.getByLabel('Email').inputValue()).toBe(coordinator.email);
    expect(new URL(page.url()).pathname).toBe('/login');
    await checkPage({ ...watched, problems: watched.problems.filter((p) => !p.includes('400')) }, 'sign-in-failed');
    await watched.context.close();
  });

  it('shows the sign-in page in French to a French browser', async () => {
    const watched = await openContext(browser, app, { locale: 'fr-BE' });
    const { page } = watched;
    await page.goto('/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
    await signIn(page, coordinator.email, coordinator.password);
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);
    await watched.context.close();
  });

  it('signs out: the session ends and pages ask to sign in again', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login?next=%2Faccount');
    await signIn(page, coordinator.email, coordinator.password);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByRole('status').textContent()).toBe('You are signed out.');
    await page.goto('/account');
    expect(new URL(page.url()).pathname).toBe('/login');
    await watched.context.close();
  });
});
