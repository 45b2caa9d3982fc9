import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { translator } from '../../src/ui/i18n/translator.js';
import { call, seedCentre } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import {
  type WatchedContext,
  bootWebApp,
  checkPage,
  expectAccessible,
  launchBrowser,
  openContext,
  scrollsSideways,
  signIn,
} from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { seedMember, seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';

const en = translator('en');

describe('Partners in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let centres: TwoCentres;
  let emptyCentreCoordinator: Member;
  /** Centre A's partner, overdue (a key partner last met on 1 March, clock on 12 May 2027), with one contact. */
  let northwind: { id: string; contactId: string };
  /** Centre B's 30 partners, named "Partner 01"…"Partner 30"; the first has 22 engagements. */
  let bPartners: { id: string; name: string }[];

  // Test bodies are JSON of any shape; assertions check them field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function api(member: Member, method: string, path: string, body?: unknown): Promise<any> {
    const res = await call(app, method, path, { token: member.token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    centres = await seedTwoCentres(app);
    emptyCentreCoordinator = await seedMember(app, await seedCentre(app, 'Centre C'), 'coordinator');

    const { aCoordinator, bCoordinator, bManager } = centres;
    const partner = await api(aCoordinator, 'POST', '/api/v1/partners', {
      name: 'Northwind Schools',
      sector: 'education',
      tier: 'key',
      ownerId: aCoordinator.id,
      tags: ['sid', 'schools'],
    });
    const contact = await api(aCoordinator, 'POST', `/api/v1/partners/${partner.id}/contacts`, {
      name: 'Zoë Dupré',
      jobTitle: 'Head teacher',
      primary: true,
    });
    await api(aCoordinator, 'POST', '/api/v1/engagements', {
      partnerIds: [partner.id],
      type: 'meeting',
      occurredAt: '2027-03-01',
      summary: 'SID debrief',
    });
    northwind = { id: partner.id, contactId: contact.id };

    bPartners = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api(bCoordinator, 'POST', '/api/v1/partners', {
          name: `Partner ${String(i + 1).padStart(2, '0')}`,
          sector: (i + 1) % 6 === 0 ? 'industry' : 'education',
          ownerId: i % 2 === 0 ? bCoordinator.id : bManager.id,
          tags: (i + 1) % 3 === 0 ? ['sid'] : [],
        }),
      ),
    );
    bPartners.sort((a, b) => a.name.localeCompare(b.name));
    for (let day = 1; day <= 22; day++) {
      await api(bCoordinator, 'POST', '/api/v1/engagements', {
        partnerIds: [bPartners[0]!.id],
        type: 'call',
        occurredAt: `2027-04-${String(day).padStart(2, '0')}`,
        summary: `Call number ${day}`,
      });
    }
  });

  /** A watched browser context. */
  async function open(options: { width?: number; height?: number } = {}): Promise<WatchedContext> {
    return openContext(browser, app, options);
  }

  /** Console problems other than the 400 answer of a refused form (the page it shows is the expected one). */
  const unexpected = (problems: string[]) => problems.filter((p) => !p.includes('status of 400'));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Submits the form of `button` and waits for the answer to the POST (a page: a redirect's target, or the form again). */
  async function submit(page: Page, button: string): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    await page.waitForLoadState('load');
    return response.status();
  }

  it('signs in from a deep link to a partner, then logs a contact with a follow-up: timeline, API and reminder', async () => {
    const { aCoordinator, aAdmin } = centres;
    const watched = await open();
    const { page } = watched;
    await page.goto(`/partners/${northwind.id}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await signIn(page, aCoordinator.email);
    expect(new URL(page.url()).pathname).toBe(`/partners/${northwind.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Northwind Schools');
    expect(await page.locator('.overdue-banner').textContent()).toContain('Contact overdue.');
    expect(await page.locator('#timeline').textContent()).toContain('SID debrief');
    await checkPage(watched, 'partner-page');

    await page.getByLabel('Type', { exact: true }).selectOption('call');
    await page.getByLabel('Summary').fill('Planning the autumn workshop');
    await page.getByRole('checkbox', { name: 'Zoë Dupré' }).check();
    await page.getByLabel(/^Follow-up date/).fill('2027-06-01');
    expect(await submit(page, 'Log the contact')).toBe(303);
    expect(await page.getByRole('status').first().textContent()).toBe('The contact is logged.');
    const newest = page.locator('#timeline .timeline-item').first();
    expect(await newest.textContent()).toContain('Planning the autumn workshop');
    expect(await newest.textContent()).toContain(`Follow-up on ${en.date('2027-06-01')}`);
    expect(await page.locator('.overdue-banner').count()).toBe(0);
    expect(watched.problems).toEqual([]);

    const engagements = await api(aCoordinator, 'GET', `/api/v1/engagements?partnerId=${northwind.id}`);
    const logged = engagements.items.find((e: { summary: string }) => e.summary === 'Planning the autumn workshop');
    expect(logged).toMatchObject({
      type: 'call',
      followUpAt: '2027-06-01',
      loggedById: aCoordinator.id,
      contactIds: [northwind.contactId],
      partnerIds: [northwind.id],
    });
    // The follow-up becomes a reminder for whoever logged it once its day comes (the daily scan, run here for that day).
    await api(aAdmin, 'POST', '/api/v1/admin/reminders/run', { asOf: '2027-06-01' });
    const reminders = await api(aCoordinator, 'GET', '/api/v1/reminders?kind=follow_up_due');
    expect(reminders.items).toEqual([
      expect.objectContaining({
        partnerId: northwind.id,
        engagementId: logged.id,
        recipientId: aCoordinator.id,
        dueDate: '2027-06-01',
      }),
    ]);
    await watched.context.close();
  });

  it('shows a refused log-a-contact form with the message next to its field, and writes nothing', async () => {
    const { aCoordinator } = centres;
    const before = await api(aCoordinator, 'GET', `/api/v1/engagements?partnerId=${northwind.id}`);
    const watched = await open();
    const { page } = watched;
    await page.goto(`/partners/${northwind.id}`);
    await signIn(page, aCoordinator.email);
    await page.getByLabel('Summary').fill('Too early a follow-up');
    await page.getByLabel('Date', { exact: true }).fill('2027-05-10');
    await page.getByLabel(/^Follow-up date/).fill('2027-05-01');
    expect(await submit(page, 'Log the contact')).toBe(400);
    const followUp = page.getByLabel(/^Follow-up date/);
    expect(await followUp.getAttribute('aria-invalid')).toBe('true');
    expect(await followUp.getAttribute('aria-describedby')).toContain('f-followUpAt-error');
    expect(await page.locator('#f-followUpAt-error').textContent()).toBe(
      'FollowUpAt cannot be before the day of the engagement',
    );
    expect(await page.getByLabel('Summary').inputValue()).toBe('Too early a follow-up');
    await expectAccessible(page);
    const after = await api(aCoordinator, 'GET', `/api/v1/engagements?partnerId=${northwind.id}`);
    expect(after.total).toBe(before.total);
    await watched.context.close();
  });

  it("answers 404 to a coordinator of another centre who opens a centre's partner", async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto('/login');
    await signIn(page, centres.bCoordinator.email);
    for (const path of [`/partners/${northwind.id}`, `/partners/${northwind.id}/edit`]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
      expect(await page.content()).not.toContain('Northwind');
    }
    await watched.context.close();
  });

  it('keeps list filters in the URL, pages through them, and says so when a filter is wrong', async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto('/partners');
    await signIn(page, centres.bCoordinator.email);
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await page.locator('.pager-status').textContent()).toContain('1–20 of 30');
    await checkPage(watched, 'partners-list');

    await page.getByLabel('Sector').selectOption('education');
    await Promise.all([page.waitForURL(/sector=education/), page.getByRole('button', { name: 'Filter' }).click()]);
    expect(await page.locator('.pager-status').textContent()).toContain('1–20 of 25');
    await Promise.all([page.waitForURL(/page=2/), page.getByRole('link', { name: 'Next' }).click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('sector')).toBe('education');
    expect(url.searchParams.get('page')).toBe('2');
    expect(await rows.count()).toBe(5);
    expect(await page.getByLabel('Sector').inputValue()).toBe('education');

    await page.goto('/partners?tag=sid&sort=-name');
    expect(await rows.count()).toBe(10);
    expect(await rows.first().textContent()).toContain('Partner 30');
    expect(await page.getByLabel('Tag').inputValue()).toBe('sid');

    const refused = await page.goto('/partners?overdue=maybe');
    expect(refused?.status()).toBe(400);
    expect(await page.locator('#f-overdue-error').textContent()).toBe('This value is not valid.');
    expect(await rows.count()).toBe(0);
    await watched.context.close();
  });

  it('creates and edits a partner through the forms, adds a contact and marks do-not-contact, archives and restores', async () => {
    const { bCoordinator } = centres;
    const watched = await open();
    const { page } = watched;
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/partners/new');
    await signIn(page, bCoordinator.email);
    await checkPage(watched, 'partner-form');

    await page.getByLabel('Name').fill('Lumen Media');
    await page.getByLabel('Sector').selectOption('media');
    await page.getByLabel(/^Tags/).fill('press, sid');
    await page.getByLabel(/^Country/).fill('B1');
    expect(await submit(page, 'Add the partner')).toBe(400);
    expect(await page.locator('#f-country-error').textContent()).toContain('two-letter');
    expect(await page.getByLabel('Name').inputValue()).toBe('Lumen Media');
    expect((await api(bCoordinator, 'GET', '/api/v1/partners?search=Lumen')).total).toBe(0);

    await page.getByLabel(/^Country/).fill('BE');
    expect(await submit(page, 'Add the partner')).toBe(303);
    expect(await page.getByRole('status').first().textContent()).toBe('The partner is added.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lumen Media');
    const id = new URL(page.url()).pathname.split('/')[2]!;

    await page.getByRole('link', { name: 'Edit the partner' }).click();
    await page.getByLabel('Tier').selectOption('key');
    await page.getByLabel(/^Own cadence/).fill('45');
    expect(await submit(page, 'Save')).toBe(303);
    expect(await page.getByRole('status').first().textContent()).toBe('Saved.');
    expect(await page.locator('main').textContent()).toContain('Every 45 days');
    expect(await api(bCoordinator, 'GET', `/api/v1/partners/${id}`)).toMatchObject({
      tier: 'key',
      cadenceDays: 45,
      tags: ['press', 'sid'],
      country: 'BE',
      ownerId: bCoordinator.id,
    });

    await page.getByText('Add a contact', { exact: true }).click();
    await page.getByLabel('Name', { exact: true }).fill('Zoé Martin');
    await page.getByLabel(/^Email/).fill('zoe.martin@example.org');
    await page.getByLabel('Lawful basis').selectOption('consent');
    expect(await submit(page, 'Add the contact')).toBe(400);
    expect(await page.locator('#f-consentDate-error').textContent()).toContain('ConsentDate is required');
    await page.getByLabel('Consent date').fill('2027-01-15');
    expect(await submit(page, 'Add the contact')).toBe(303);
    expect(await page.getByRole('status').first().textContent()).toBe('The contact person is added.');

    await page.getByRole('button', { name: 'Do not contact Zoé Martin' }).click();
    await page.locator('#contacts .tag-stop').waitFor();
    expect(await page.getByRole('button', { name: 'Allow contact again: Zoé Martin' }).count()).toBe(1);
    const contacts = await api(bCoordinator, 'GET', `/api/v1/partners/${id}/contacts`);
    expect(contacts.items).toEqual([
      expect.objectContaining({
        name: 'Zoé Martin',
        lawfulBasis: 'consent',
        consentDate: '2027-01-15',
        doNotContact: true,
      }),
    ]);

    await page.getByRole('link', { name: 'Edit Zoé Martin' }).click();
    await page.getByLabel(/^Job title/).fill('Editor in chief');
    expect(await submit(page, 'Save')).toBe(303);
    expect(await page.locator('#contacts').textContent()).toContain('Editor in chief');
    await api(bCoordinator, 'POST', `/api/v1/partners/${id}/contacts`, { name: 'Ana Silva' });
    await page.reload();
    const makeAnaPrimary = page.getByRole('button', { name: 'Make primary: Ana Silva' });
    await makeAnaPrimary.click();
    await makeAnaPrimary.waitFor({ state: 'detached' });
    expect(await page.locator('#contacts .contact').first().textContent()).toContain('Primary contact');
    const primary = await api(bCoordinator, 'GET', `/api/v1/partners/${id}/contacts`);
    expect(primary.items.map((c: { name: string; primary: boolean }) => [c.name, c.primary])).toEqual([
      ['Ana Silva', true],
      ['Zoé Martin', false],
    ]);

    expect(await submit(page, 'Archive')).toBe(303);
    expect(await page.locator('main').textContent()).toContain('This partner is archived.');
    expect((await api(bCoordinator, 'GET', `/api/v1/partners/${id}`)).archived).toBe(true);
    expect(await submit(page, 'Restore')).toBe(303);
    expect((await api(bCoordinator, 'GET', `/api/v1/partners/${id}`)).archived).toBe(false);
    expect(unexpected(watched.problems)).toEqual([]);
    await watched.context.close();
  });

  it('loads more of the timeline in place, and shows a new centre its empty list', async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto(`/partners/${bPartners[0]!.id}`);
    await signIn(page, centres.bCoordinator.email);
    const items = page.locator('#timeline .timeline-item');
    expect(await items.count()).toBe(20);
    const more = page.getByRole('link', { name: 'Load more' });
    expect(await more.getAttribute('href')).toMatch(/\?before=.+#timeline$/);
    await more.click();
    await items.nth(21).waitFor();
    expect(await items.count()).toBe(22);
    expect(await items.last().textContent()).toContain('Call number 1');
    expect(await more.count()).toBe(0);
    await watched.context.close();

    const fresh = await open();
    await fresh.page.goto('/partners');
    await signIn(fresh.page, emptyCentreCoordinator.email);
    expect(await fresh.page.locator('.empty-state').textContent()).toContain(
      'No partners yet — add one or import a spreadsheet',
    );
    await checkPage(fresh, 'partners-empty');
    await fresh.context.close();
  });

  it('fits a phone: neither the list nor a partner page scrolls sideways', async () => {
    const watched = await open({ width: 390, height: 844 });
    const { page } = watched;
    await page.goto('/partners');
    await signIn(page, centres.bCoordinator.email);
    expect(await scrollsSideways(page)).toBe(false);
    await page.goto(`/partners/${bPartners[0]!.id}`);
    expect(await scrollsSideways(page)).toBe(false);
    await checkPage(watched, 'partner-page-phone');
    await watched.context.close();
  });
});
