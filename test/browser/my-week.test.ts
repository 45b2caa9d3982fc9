import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { call, firstCentreId, seedCentre } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import {
  bootWebApp,
  checkPage,
  launchBrowser,
  openContext,
  scrollsSideways,
  signIn,
  type WatchedContext,
} from '../utils/browser.js';
import { translator } from '../../src/ui/i18n/translator.js';
import { TestClock } from '../utils/clock.js';
import { seedMember, type Member } from '../utils/tenants.js';

/** Pinned at 2027-05-12 10:30Z (a Wednesday): "today" in the centre is 2027-05-12. */
const en = translator('en');

describe('My week in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let coordinator: Member;
  const partners: Record<'acme' | 'bright' | 'civic', string> = { acme: '', bright: '', civic: '' };

  async function partner(name: string): Promise<string> {
    const res = await call(app, 'POST', '/api/v1/partners', {
      token: coordinator.token,
      body: { name, sector: 'education', ownerId: coordinator.id },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function logWithFollowUp(partnerId: string, followUpAt: string): Promise<void> {
    const res = await call(app, 'POST', '/api/v1/engagements', {
      token: coordinator.token,
      body: { partnerIds: [partnerId], type: 'call', occurredAt: '2027-04-20', summary: 'First call', followUpAt },
    });
    expect(res.status).toBe(201);
  }

  async function myReminders(state: string): Promise<{ partnerId: string; snoozedUntil: string | null }[]> {
    const res = await call(app, 'GET', `/api/v1/reminders?state=${state}`, { token: coordinator.token });
    return res.body.items;
  }

  async function engagementsOf(partnerId: string): Promise<{ summary: string; type: string; followUpAt: string }[]> {
    const res = await call(app, 'GET', `/api/v1/engagements?partnerId=${partnerId}`, { token: coordinator.token });
    return res.body.items;
  }

  /** A reminder's row on the page, found by the partner it is about. */
  const rowOf = (page: Page, name: string) => page.locator('li.reminder', { hasText: name });

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    const centre = await firstCentreId(app);
    const admin = await seedMember(app, centre, 'admin');
    coordinator = await seedMember(app, centre, 'coordinator', { name: 'Camille Coordinator' });
    partners.acme = await partner('Acme Telecom');
    partners.bright = await partner('Brightschool');
    // Never contacted since it was added (months before the pinned day): overdue for contact.
    partners.civic = await partner('Civic Library');
    await logWithFollowUp(partners.acme, '2027-05-10');
    await logWithFollowUp(partners.bright, '2027-05-12');
    const scan = await call(app, 'POST', '/api/v1/admin/reminders/run', { token: admin.token, body: {} });
    expect(scan.status).toBe(200);
    expect((await myReminders('sent')).map((r) => r.partnerId).sort()).toEqual(Object.values(partners).sort());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('groups my reminders like the digest, and marks one done and snoozes another in place', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/');
    await signIn(page, coordinator.email);
    expect(new URL(page.url()).pathname).toBe('/');

    const groups = await page.locator('.my-week-reminders h3').allTextContents();
    expect(groups).toEqual(['Follow-ups due', 'Overdue for contact']);
    expect(await page.locator('.reminder-group').first().locator('.reminder-subject').allTextContents()).toEqual([
      'Acme Telecom',
      'Brightschool',
    ]);
    expect(await rowOf(page, 'Acme Telecom').textContent()).toContain(`Overdue since ${en.date('2027-05-10')}`);
    expect(await rowOf(page, 'Brightschool').textContent()).toContain('Due today');
    const status = await call(app, 'GET', '/api/v1/reminders/status', { token: coordinator.token });
    expect(await page.locator('#scan-banner').count()).toBe(status.body.scanOverdue ? 1 : 0);
    // My partners due for contact: the one never contacted is overdue.
    const due = page.locator('.my-week-partners');
    expect(await due.getByRole('link', { name: 'Civic Library' }).getAttribute('href')).toBe(
      `/partners/${partners.civic}`,
    );
    expect(await due.textContent()).toContain('Overdue');
    await checkPage(watched, 'home-my-week');

    // In place: no page load (a value set on the window survives), the row becomes a notice.
    await page.evaluate(() => ((globalThis as unknown as { kwMarker: number }).kwMarker = 42));
    const url = page.url();
    await page.getByRole('button', { name: 'Done Acme Telecom Follow-up due' }).click();
    await rowOf(page, 'Done: Acme Telecom.').waitFor();
    expect(await page.locator('#reminders-live').textContent()).toBe('Done: Acme Telecom.');

    const snoozeDate = rowOf(page, 'Brightschool').getByLabel('Snooze until');
    expect(await snoozeDate.inputValue()).toBe('2027-05-19');
    await page.getByRole('button', { name: 'Snooze Brightschool Follow-up due' }).click();
    await rowOf(page, `Snoozed until ${en.date('2027-05-19')}: Brightschool.`).waitFor();
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (globalThis as unknown as { kwMarker?: number }).kwMarker)).toBe(42);
    expect(watched.problems).toEqual([]);

    await page.reload();
    expect(await page.locator('.my-week-reminders .reminder-subject').allTextContents()).toEqual(['Civic Library']);
    expect((await myReminders('done')).map((r) => r.partnerId)).toEqual([partners.acme]);
    expect(await myReminders('snoozed')).toEqual([
      expect.objectContaining({ partnerId: partners.bright, snoozedUntil: '2027-05-19' }),
    ]);
    await watched.context.close();
  });

  it('logs a contact with a follow-up from the quick form, finding the partner as I type (at phone width)', async () => {
    const watched = await openContext(browser, app, { width: 390 });
    const { page } = watched;
    await page.goto('/');
    await signIn(page, coordinator.email);
    expect(await scrollsSideways(page)).toBe(false);

    const select = page.getByLabel('Partner', { exact: true });
    expect(await select.locator('option').count()).toBe(4); // "Choose a partner" and the three
    await page.getByLabel('Find a partner').fill('civic');
    await page.locator('#partner-picker-status', { hasText: '1 partner found.' }).waitFor();
    expect(await select.locator('option').allTextContents()).toEqual(['Choose a partner', 'Civic Library']);
    expect(await select.inputValue()).toBe(partners.civic);

    await page.getByLabel('Type of contact').selectOption('call');
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe('2027-05-12');
    await page.getByLabel('Summary').fill('Called about their Safer Internet Day reading corner');
    await page.getByLabel(/^Follow-up date/).fill('2027-06-01');
    await page.getByRole('button', { name: 'Log the contact' }).click();
    await page.getByRole('status').filter({ hasText: 'Contact logged.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await scrollsSideways(page)).toBe(false);

    expect(await engagementsOf(partners.civic)).toEqual([
      expect.objectContaining({
        type: 'call',
        summary: 'Called about their Safer Internet Day reading corner',
        followUpAt: '2027-06-01',
      }),
    ]);
    // Contacted today: no longer due for contact soon.
    expect(await page.locator('.my-week-partners').getByRole('link', { name: 'Civic Library' }).count()).toBe(0);
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });

  it('shows each refused field next to the field, keeps what was typed and writes nothing', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/?q=acme');
    await signIn(page, coordinator.email);
    const select = page.getByLabel('Partner', { exact: true });
    expect(await select.inputValue()).toBe(partners.acme);
    const before = (await engagementsOf(partners.acme)).length;

    // A summary of spaces passes the browser's "required" but not the API's rule.
    await page.getByLabel('Summary').fill('   ');
    await page.getByRole('button', { name: 'Log the contact' }).click();
    await page.locator('#f-summary-error').waitFor();
    expect(await page.getByLabel('Summary').getAttribute('aria-describedby')).toContain('f-summary-error');
    expect(await page.locator('.error-summary').textContent()).toContain('Summary');

    // A follow-up before the day of the contact: the service refuses it, on its field.
    await page.getByLabel('Date', { exact: true }).fill('2027-05-10');
    await page.getByLabel('Summary').fill('Met at the conference');
    await page.getByLabel(/^Follow-up date/).fill('2027-05-01');
    await page.getByRole('button', { name: 'Log the contact' }).click();
    await page.locator('#f-followUpAt-error').waitFor();
    expect(await page.locator('#f-followUpAt-error').textContent()).toContain('before the day of the engagement');
    expect(await page.locator('#f-summary-error').count()).toBe(0);
    expect(await page.getByLabel('Summary').inputValue()).toBe('Met at the conference');
    expect(await select.inputValue()).toBe(partners.acme);

    expect(await engagementsOf(partners.acme)).toHaveLength(before);
    // The refusals answered 400, which the browser logs; nothing else went wrong.
    expect(watched.problems.filter((p) => !p.includes('400'))).toEqual([]);
    await watched.context.close();
  });

  it("shows a new centre's empty states, with the way to add the first partner", async () => {
    const centre = await seedCentre(app, 'Brand new centre');
    const newcomer = await seedMember(app, centre, 'coordinator');
    const watched: WatchedContext = await openContext(browser, app, { width: 390 });
    const { page } = watched;
    await page.goto('/');
    await signIn(page, newcomer.email);
    expect(await page.getByText('Nothing due this week').count()).toBe(1);
    expect(await page.getByText('No partners yet').count()).toBe(1);
    expect(
      await page.locator('.my-week-partners').getByRole('link', { name: 'Add a partner' }).getAttribute('href'),
    ).toBe('/partners/new');
    // A centre added before today's reminder hour whose scan has not run: the calm banner says reminders may be late.
    const status = await call(app, 'GET', '/api/v1/reminders/status', { token: newcomer.token });
    expect(await page.locator('#scan-banner').count()).toBe(status.body.scanOverdue ? 1 : 0);
    expect(await scrollsSideways(page)).toBe(false);
    await checkPage(watched, 'home-my-week-new-centre');
    await watched.context.close();
  });
});
