import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { call } from '../utils/api.js';
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
import { seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';

interface Dashboard {
  asOf: string;
  partners: { total: number; engaged: number; overdue: number };
  yearRound: { rate: number | null; yearRound: number; engaged: number };
  seasonal: { count: number };
  overdue: { count: number };
  engagementsByMonth: { month: string; type: string; count: number }[];
}

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const rateText = (rate: number | null) => (rate === null ? '—' : percent.format(rate));

/** The headline figure with this id, as the page shows it. */
async function figure(page: Page, id: string): Promise<string> {
  return ((await page.locator(`#${id} .figure-value`).textContent()) ?? '').trim();
}

/** The dashboard as of 2027-05-12 (SID 2027 was 9 February; its window 2026-12-29 … 2027-02-23). */
describe('The dashboard and the network roll-up in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let t: TwoCentres;

  const dashboardOf = async (member: Member, query = '') =>
    (await call<Dashboard>(app, 'GET', `/api/v1/dashboard${query}`, { token: member.token })).body;

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    t = await seedTwoCentres(app);
    const partner = async (name: string, sector: string, ownerId: string) => {
      const res = await call<{ id: string }>(app, 'POST', '/api/v1/partners', {
        token: t.aManager.token,
        body: { name, sector, ownerId },
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const log = async (partnerId: string, type: string, occurredAt: string) => {
      const res = await call(app, 'POST', '/api/v1/engagements', {
        token: t.aManager.token,
        body: { partnerIds: [partnerId], type, occurredAt, summary: `${type} on ${occurredAt}` },
      });
      expect(res.status).toBe(201);
    };
    const yearRound = await partner('Year-round Schools', 'education', t.aCoordinator.id);
    const seasonal = await partner('Seasonal Media', 'media', t.aCoordinator.id);
    const quiet = await partner('Quiet Industry', 'industry', t.aManager.id);
    const ngo = await partner('New NGO', 'ngo', t.aManager.id);
    await log(yearRound, 'meeting', '2027-01-20'); // inside the SID 2027 window
    await log(yearRound, 'call', '2026-09-15'); // off-season
    await log(yearRound, 'email', '2027-04-28'); // off-season
    await log(seasonal, 'sid_activity', '2027-02-09'); // SID day
    await log(seasonal, 'event', '2026-02-10'); // SID 2026, more than a year ago
    await log(quiet, 'call', '2025-11-10'); // off-season, more than a year ago
    await log(ngo, 'training', '2026-03-15'); // off-season, more than a year ago
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("shows its chart and tables with the API's figures, and the asOf and owner pickers change them", async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login?next=%2Fdashboard');
    await signIn(page, t.aCoordinator.email, t.aCoordinator.password);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');

    const today = await dashboardOf(t.aCoordinator);
    expect(today.asOf).toBe('2027-05-12');
    expect(await figure(page, 'figure-partners')).toBe(String(today.partners.total));
    expect(await figure(page, 'figure-year-round')).toBe(rateText(today.yearRound.rate));
    expect(await figure(page, 'figure-overdue')).toBe(String(today.overdue.count));
    expect(await figure(page, 'figure-seasonal')).toBe(String(today.seasonal.count));
    expect(today.yearRound).toMatchObject({ engaged: 2, yearRound: 1 });

    const chart = page.locator('svg[role="img"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('title').textContent()).toContain('Contacts per month by type');
    // Two SID windows touch June 2025 … May 2027 (2026 and 2027), shaded and named.
    expect(await chart.locator('.chart-shades rect').count()).toBe(2);
    expect(await chart.locator('.chart-bars rect').count()).toBe(today.engagementsByMonth.length);
    // The figures beside it: February 2027 holds the SID day's activity.
    const february = page.locator('#month-table tr', { hasText: 'Feb 2027' });
    expect(await february.locator('td').last().textContent()).toBe('1');
    expect(await february.textContent()).toContain('SID 2027');
    expect(await page.locator('#retention-table').count()).toBe(1);
    expect(await page.locator('#sector-table').textContent()).toContain('Education');
    expect(await page.locator('#overdue').textContent()).toContain('Quiet Industry');
    await checkPage(watched, 'dashboard');

    // As of 30 June 2026: Quiet Industry's call of November 2025 is in the trailing year then.
    await page.getByLabel('As of').fill('2026-06-30');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('asOf') === '2026-06-30'),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    const past = await dashboardOf(t.aCoordinator, '?asOf=2026-06-30');
    expect(past.yearRound).toMatchObject({ engaged: 3, yearRound: 2 });
    expect(await page.locator('#dashboard-as-of').textContent()).toContain('30 June 2026');
    expect(await figure(page, 'figure-year-round')).toBe(rateText(past.yearRound.rate));
    expect(await page.locator('#f-asOf').inputValue()).toBe('2026-06-30');

    // The coordinator's own partners.
    await page.getByLabel('Partners of').selectOption(t.aCoordinator.id);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('ownerId') === t.aCoordinator.id),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    const mine = await dashboardOf(t.aCoordinator, `?asOf=2026-06-30&ownerId=${t.aCoordinator.id}`);
    expect(mine.partners.total).toBe(2);
    expect(await figure(page, 'figure-partners')).toBe('2');
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });

  it('fits a phone (the tables scroll inside their boxes), and shows a bad asOf next to its field with a 400', async () => {
    const watched = await openContext(browser, app, { width: 390, height: 844 });
    const { page } = watched;
    await page.goto('/login?next=%2Fdashboard');
    await signIn(page, t.aCoordinator.email, t.aCoordinator.password);
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'dashboard-phone');

    const res = await page.goto('/dashboard?asOf=2026-02-30');
    expect(res?.status()).toBe(400);
    expect(await page.locator('#f-asOf-error').textContent()).toMatch(/asOf must be a date/i);
    expect(await page.locator('#f-asOf').getAttribute('aria-describedby')).toContain('f-asOf-error');
    expect(await page.locator('.figure').count()).toBe(0);
    await watched.context.close();
  });

  it('makes sense for a new centre: zeros and dashes, never NaN', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login?next=%2Fdashboard');
    await signIn(page, t.bCoordinator.email, t.bCoordinator.password);
    expect(await figure(page, 'figure-partners')).toBe('0');
    expect(await figure(page, 'figure-year-round')).toBe('—');
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined|Infinity/);
    expect(await page.getByText('No partners yet').count()).toBe(1);
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    expect(await page.locator('svg[role="img"]').innerHTML()).not.toMatch(/NaN|Infinity/);
    await screenshot(page, 'dashboard-empty');
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });

  it('shows the network roll-up to a network admin, and a 403 page to a coordinator', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login?next=%2Fnetwork');
    await signIn(page, t.network.email, t.network.password);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Network');
    const network = (
      await call<{ centres: { name: string; partners: number }[]; total: { partners: number } }>(
        app,
        'GET',
        '/api/v1/network/dashboard',
        { token: t.network.token },
      )
    ).body;
    const table = page.locator('#network-centres');
    for (const centre of network.centres) {
      const row = table.locator('tbody tr', { hasText: centre.name });
      expect(await row.locator('td').nth(2).textContent()).toBe(String(centre.partners));
    }
    expect(await table.locator('tr.total-row td').nth(2).textContent()).toBe(String(network.total.partners));
    // Nothing personal: no partner's name.
    expect(await page.locator('main').textContent()).not.toContain('Year-round Schools');
    await checkPage(watched, 'network');

    await page.getByLabel('As of').fill('2026-06-30');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('asOf') === '2026-06-30'),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    expect(await page.locator('#network-as-of').textContent()).toContain('30 June 2026');
    await watched.context.close();

    const coordinator = await openContext(browser, app);
    await coordinator.page.goto('/login?next=%2Fnetwork');
    await signIn(coordinator.page, t.aCoordinator.email, t.aCoordinator.password);
    const refused = await coordinator.page.goto('/network');
    expect(refused?.status()).toBe(403);
    expect(await coordinator.page.getByRole('heading', { level: 1 }).textContent()).toBe('Not allowed');
    await coordinator.context.close();
  });
});
