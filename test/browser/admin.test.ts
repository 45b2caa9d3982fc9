import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { call, firstCentreId } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, scrollsSideways, signIn } from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { seedMember, type Member } from '../utils/tenants.js';

describe('Admin pages in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let centreId: string;
  let admin: Member;
  let coordinator: Member;
  let failedEmailId: string;

  const centre = async () => (await call(app, 'GET', `/api/v1/centres/${centreId}`, { token: admin.token })).body;

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    centreId = await firstCentreId(app);
    admin = await seedMember(app, centreId, 'admin', { name: 'Ada Admin' });
    coordinator = await seedMember(app, centreId, 'coordinator', { name: 'Colin Coordinator' });
    // A reminder that could not be delivered (as test/integration/mail-admin.test.ts seeds them).
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO outbox_email (centre_id, recipient, subject, text, status, attempts, last_error)
       VALUES ($1, $2, 'Your reminders for today', 'Call Acme', 'failed', 5, '550 mailbox unavailable') RETURNING id`,
      [centreId, coordinator.email],
    );
    failedEmailId = row!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('edits centre settings: saved and visible through the API; a bad value is named at its field and nothing changes', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/admin/settings');
    await signIn(page, admin.email, admin.password);
    expect(new URL(page.url()).pathname).toBe('/admin/settings');
    expect(await page.locator('.admin-nav [aria-current="page"]').textContent()).toBe('Centre settings');
    await checkPage(watched, 'admin-settings');

    await page.getByLabel('Reminder hour').selectOption('7');
    await page.getByLabel('Time zone').selectOption('Europe/Lisbon');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/admin/settings'),
      page.getByRole('button', { name: 'Save the settings' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    expect(await centre()).toMatchObject({ reminderHour: 7, timezone: 'Europe/Lisbon' });
    expect(await page.getByLabel('Reminder hour').inputValue()).toBe('7');

    const before = await centre();
    await page.getByLabel('Keep-warm plan').fill('60, 400');
    await page.getByLabel('Reminder hour').selectOption('11');
    const [answer] = await Promise.all([
      page.waitForResponse((res) => res.url().endsWith('/admin/settings') && res.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save the settings' }).click(),
    ]);
    expect(answer.status()).toBe(400);
    const plan = page.getByLabel('Keep-warm plan');
    expect(await plan.getAttribute('aria-invalid')).toBe('true');
    expect(await plan.getAttribute('aria-describedby')).toContain('f-keepWarmPlan-error');
    expect(await page.locator('#f-keepWarmPlan-error').textContent()).toMatch(/keepWarmPlan.*365/);
    // The form keeps what was typed, and nothing was written.
    expect(await plan.inputValue()).toBe('60, 400');
    expect(await centre()).toEqual(before);
    await watched.context.close();
  });

  it('invites a user, who is then listed, and deactivates them after asking', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/admin/users');
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Invite a user' }).click();
    await page.getByLabel('Name').fill('Nora Newcomer');
    await page.getByLabel('Email').fill('nora.newcomer@example.org');
    await page.getByLabel('Role').selectOption('manager');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/admin/users'),
      page.getByRole('button', { name: 'Send the invitation' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('Invitation sent.');
    const row = page.locator('tr', { hasText: 'nora.newcomer@example.org' });
    expect(await row.textContent()).toContain('Nora Newcomer');
    expect(await row.getByLabel('Role of Nora Newcomer', { exact: true }).inputValue()).toBe('manager');
    await checkPage(watched, 'admin-users');

    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/admin/users'),
      row.getByRole('button', { name: 'Deactivate Nora Newcomer' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('User deactivated.');
    expect(await page.locator('tr', { hasText: 'nora.newcomer@example.org' }).textContent()).toContain('Deactivated');
    const users = await call(app, 'GET', '/api/v1/users?search=nora.newcomer', { token: admin.token });
    expect(users.body.items).toEqual([expect.objectContaining({ role: 'manager', active: false })]);
    await watched.context.close();
  });

  it('shows a coordinator the "not allowed" page for /admin/users', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login');
    await signIn(page, coordinator.email, coordinator.password);
    const answer = await page.goto('/admin/users');
    expect(answer?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not allowed');
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await watched.context.close();
  });

  it('lists a failed email on the mail page and retries it', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/admin/mail');
    await signIn(page, admin.email, admin.password);
    const row = page.locator(`#mail-${failedEmailId}`);
    expect(await row.textContent()).toContain('550 mailbox unavailable');
    expect(await page.locator('.figure', { hasText: 'Failed' }).locator('dd').textContent()).toBe('1');
    await checkPage(watched, 'admin-mail');

    await Promise.all([
      page.waitForURL((url) => url.pathname === '/admin/mail'),
      row.getByRole('button', { name: `Retry "Your reminders for today" to ${coordinator.email}` }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('The email is queued again.');
    const email = await call(app, 'GET', `/api/v1/admin/mail/outbox/${failedEmailId}`, { token: admin.token });
    expect(email.body.status).not.toBe('failed');
    await watched.context.close();
  });

  it('lists the settings change in the audit trail, filtered in the URL', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/admin/audit');
    await signIn(page, admin.email, admin.password);
    await page.getByLabel('Record').selectOption('centre');
    await page.getByLabel('Action').selectOption('update');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('entity') === 'centre'),
      page.getByRole('button', { name: 'Filter' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('action')).toBe('update');
    const change = page.locator('tbody tr', { hasText: 'reminderHour' });
    expect(await change.count()).toBe(1);
    expect(await change.textContent()).toContain('9 → 7');
    expect(await change.textContent()).toContain('Ada Admin');
    await checkPage(watched, 'admin-audit');
    await watched.context.close();
  });

  it('fits a phone: no admin page scrolls sideways', async () => {
    const watched = await openContext(browser, app, { width: 390, height: 844 });
    const { page } = watched;
    await page.goto('/login');
    await signIn(page, admin.email, admin.password);
    for (const path of ['/admin/users', '/admin/settings', '/admin/mail', '/admin/audit']) {
      await page.goto(path);
      expect({ path, sideways: await scrollsSideways(page) }).toEqual({ path, sideways: false });
    }
    await watched.context.close();
  });
});
