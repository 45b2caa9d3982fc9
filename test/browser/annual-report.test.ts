import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, SCREENSHOTS, signIn } from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object per page (the tree's root is `/Type /Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

/** The annual report from the dashboard's link, printed on A4 by Chromium (clock pinned to 12 May 2027). */
describe('The annual partnership report in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let t: TwoCentres;

  async function seedPartners(count: number, prefix: string): Promise<void> {
    await query(
      app.databaseUrl,
      `WITH p AS (
         INSERT INTO partner (centre_id, name, sector, search_text)
         SELECT $1, $2 || ' ' || lpad(n::text, 3, '0'), (ARRAY['education', 'industry', 'ngo', 'media'])[1 + n % 4],
           keepwarm_fold($2 || ' ' || n) FROM generate_series(1, $3::int) n
         RETURNING id),
       e AS (
         INSERT INTO engagement (centre_id, type, occurred_at, summary)
         SELECT $1, 'meeting', timestamptz '2027-02-01T10:00:00Z', 'SID meeting' FROM p
         RETURNING id, occurred_at)
       INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at)
       SELECT e.id, p.id, $1, e.occurred_at
       FROM (SELECT id, row_number() OVER () AS n FROM p) p JOIN (SELECT *, row_number() OVER () AS n FROM e) e USING (n)`,
      [t.a, prefix, count],
    );
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    t = await seedTwoCentres(app);
    await seedPartners(6, 'Partner');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens from the dashboard and prints on A4: a title page, then one page per section', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await signIn(page, t.aManager.email);
    await page.goto('/dashboard');
    await page.getByRole('link', { name: 'Annual partnership report, SID 2027 (printable)' }).click();
    await page.waitForURL(/\/api\/v1\/reports\/annual\?year=2027&format=html$/);
    expect(await page.locator('h1').textContent()).toBe('Annual partnership report');
    expect(await page.locator('h2').allTextContents()).toEqual(['Totals', 'By sector', 'By partner']);
    expect(await page.locator('nav, script').count()).toBe(0);
    await checkPage(watched, 'annual-report');

    await page.emulateMedia({ media: 'print' });
    const breaks = await page
      .locator('section')
      .evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks).toEqual(['page', 'page', 'page']);
    const pdf = await page.pdf({ format: 'A4' });
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(join(SCREENSHOTS, 'annual-report.pdf'), pdf);
    // Title page + Totals + By sector + By partner, each fitting its page here.
    expect(pdfPageCount(pdf)).toBe(4);
    await watched.context.close();
  });

  it('runs a long partner table over several pages, its header row set to repeat, in French', async () => {
    await seedPartners(120, 'Long list partner');
    const watched = await openContext(browser, app, { locale: 'fr-FR' });
    const { page } = watched;
    await signIn(page, t.aAdmin.email);
    await page.goto('/api/v1/reports/annual?year=2027&format=html');
    expect(await page.locator('h2').allTextContents()).toEqual(['Totaux', 'Par secteur', 'Par partenaire']);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#partners-table thead').evaluate((head) => getComputedStyle(head).display)).toBe(
      'table-header-group',
    );
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdfPageCount(pdf)).toBeGreaterThan(4);
    await checkPage(watched, 'annual-report-fr');
    await watched.context.close();
  });
});
