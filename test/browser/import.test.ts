import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { translator } from '../../src/ui/i18n/translator.js';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, signIn } from '../utils/browser.js';
import { query } from '../utils/database.js';
import { seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

const en = translator('en');
const fr = translator('fr');

const GOOD =
  'Organisation;Sector;Contact name;Contact email;Shoe size\r\nÉcole Ouverte;education;Zoë Dupré;zoe@ecole.example;42\r\n';
const BAD = 'name,sector,website\nGood School,education,\nBad Sector,aviation,not a url\n';

describe('Importing partners in the browser (/partners/import)', () => {
  let app: TestApp;
  let browser: Browser;
  let t: TwoCentres;

  const partnersOfA = async () =>
    (
      await query<{ name: string }>(app.databaseUrl, 'SELECT name FROM partner WHERE centre_id = $1 ORDER BY name', [
        t.a,
      ])
    ).map((row) => row.name);

  /** Chooses `content` as the file, ticks the onMatch choice, presses `button`; answers the POST's status. */
  async function send(page: Page, content: string, button: string, onMatch?: string): Promise<number> {
    await page
      .getByLabel(/^(CSV file|Fichier CSV)/)
      .setInputFiles({ name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
    if (onMatch) await page.getByLabel(onMatch).check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    await page.waitForLoadState('load');
    return response.status();
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp(), launchBrowser()]);
    t = await seedTwoCentres(app);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('checks a file, shows what it would do and the ignored column, then imports it', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await signIn(page, t.aManager.email);
    await page.goto('/partners');
    // The list's heading offers it, and so does the empty list's invitation.
    await page
      .getByRole('link', { name: en.t('partners.list.import') })
      .first()
      .click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(en.t('partners.import.title'));
    await checkPage(watched, 'partners-import');

    expect(await send(page, GOOD, en.t('partners.import.check'))).toBe(200);
    expect(await page.getByRole('heading', { name: en.t('partners.import.checked') }).count()).toBe(1);
    const counts = await page.locator('.import-counts').innerText();
    expect(counts).toContain(`${en.t('partners.import.created')}\n1`);
    expect(await page.getByRole('table', { name: en.t('partners.import.warnings') }).innerText()).toContain(
      'Shoe size',
    );
    expect(await partnersOfA()).toEqual([]); // a check writes nothing
    await checkPage(watched, 'partners-import-checked');

    expect(await send(page, GOOD, en.t('partners.import.commit'))).toBe(303);
    expect(new URL(page.url()).pathname).toBe('/partners');
    expect(await page.getByText(en.t('partners.flash.imported')).count()).toBe(1);
    expect(await partnersOfA()).toEqual(['École Ouverte']);
    await watched.context.close();
  });

  it('shows every problem of a refused file by row and column, in French too, and imports nothing', async () => {
    const watched = await openContext(browser, app, { locale: 'fr-FR' });
    const { page } = watched;
    await signIn(page, t.aAdmin.email);
    await page.goto('/partners/import');
    expect(await send(page, BAD, fr.t('partners.import.commit'), fr.t('partners.import.onMatch.update'))).toBe(400);
    const table = page.getByRole('table', { name: fr.t('partners.import.problems') });
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t').slice(0, 2))).toEqual([
      ['3', 'website'],
      ['3', 'sector'],
    ]);
    // The choice survives the refusal.
    expect(await page.getByLabel(fr.t('partners.import.onMatch.update')).isChecked()).toBe(true);
    expect(await partnersOfA()).toEqual(['École Ouverte']);
    // The refused form's own 400 is the expected answer, not a console problem of the page.
    watched.problems.splice(
      0,
      watched.problems.length,
      ...watched.problems.filter((p) => !p.includes('status of 400')),
    );
    await checkPage(watched, 'partners-import-refused-fr');
    await watched.context.close();
  });

  it('is not offered to coordinators, and refuses them', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await signIn(page, t.aCoordinator.email);
    await page.goto('/partners');
    expect(await page.getByRole('link', { name: en.t('partners.list.import') }).count()).toBe(0);
    const response = await page.goto('/partners/import');
    expect(response?.status()).toBe(403);
    await watched.context.close();
  });
});
