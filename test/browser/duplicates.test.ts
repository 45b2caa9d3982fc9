import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { call } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, signIn } from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';

describe('Duplicate partners in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let centres: TwoCentres;
  let older: string;
  let newer: string;

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
    const { aManager } = centres;
    older = (
      await api(aManager, 'POST', '/api/v1/partners', {
        name: 'Lumen Youth ASBL',
        sector: 'youth',
        website: 'https://www.lumen-youth.example',
      })
    ).id;
    newer = (await api(aManager, 'POST', '/api/v1/partners', { name: 'LUMEN YOUTH', sector: 'youth' })).id;
    await api(aManager, 'POST', `/api/v1/partners/${older}/contacts`, { name: 'Lina Moved', primary: true });
    await api(aManager, 'POST', '/api/v1/partners', {
      name: 'Safe Clicks',
      sector: 'ngo',
      website: 'https://safeclicks.example',
    });
    await api(aManager, 'POST', '/api/v1/partners', {
      name: 'Safe Clicks Academy',
      sector: 'education',
      website: 'http://www.safeclicks.example/academy',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a manager merge a pair: choose the survivor, confirm, and land on it with everything moved', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await signIn(page, centres.aManager.email);
    await page.goto('/partners');
    await page.getByRole('link', { name: 'Find duplicates' }).click();
    await page.waitForURL('**/partners/duplicates');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Possible duplicates');
    const pair = page.getByRole('region', { name: 'Lumen Youth ASBL and LUMEN YOUTH' });
    expect(await pair.getByText('Same name').count()).toBe(1);
    const domainPair = page.getByRole('region', { name: 'Safe Clicks and Safe Clicks Academy' });
    expect(await domainPair.getByText('Same website').count()).toBe(1);
    await checkPage(watched, 'duplicates');

    // Without the confirmation, nothing happens: the page says what is missing, next to the box.
    await pair.getByRole('radio', { name: 'Keep LUMEN YOUTH (Youth)' }).check();
    const refused = page.waitForResponse((r) => r.url().endsWith('/partners/duplicates/merge'));
    await pair.getByRole('button', { name: 'Merge' }).click();
    expect((await refused).status()).toBe(400);
    const box = page
      .getByRole('region', { name: 'Lumen Youth ASBL and LUMEN YOUTH' })
      .getByRole('checkbox', { name: 'I have checked that these two are one organisation' });
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toContain('Tick the box to confirm the merge');
    expect(await page.getByRole('radio', { name: 'Keep LUMEN YOUTH (Youth)' }).isChecked()).toBe(true);
    // The refused form answers 400 on purpose, which the browser logs as a failed request: not a page problem.
    const answered400 = (problem: string) => problem.includes('status of 400');
    await checkPage({ ...watched, problems: watched.problems.filter((p) => !answered400(p)) }, 'duplicates-refused');
    // In place: the page's console listener keeps adding to this array.
    watched.problems.splice(0, watched.problems.length, ...watched.problems.filter((p) => !answered400(p)));

    await box.check();
    await Promise.all([
      page.waitForURL(`**/partners/${newer}`),
      page
        .getByRole('region', { name: 'Lumen Youth ASBL and LUMEN YOUTH' })
        .getByRole('button', { name: 'Merge' })
        .click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('LUMEN YOUTH');
    expect(await page.getByRole('status').first().textContent()).toBe(
      'The partners are merged: this record now holds the other’s contacts and history.',
    );
    expect(await page.getByText('Lina Moved').count()).toBeGreaterThan(0);
    expect(await page.getByText('https://www.lumen-youth.example').count()).toBeGreaterThan(0);
    await checkPage(watched, 'duplicates-merged');

    // The pair is gone from the list; the other pair stays.
    await page.goto('/partners/duplicates');
    expect(await page.getByRole('region', { name: 'Lumen Youth ASBL and LUMEN YOUTH' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Safe Clicks and Safe Clicks Academy' }).count()).toBe(1);
    expect((await api(centres.aManager, 'GET', `/api/v1/partners/${older}`)).archived).toBe(true);
    await watched.context.close();
  });

  it('shows a coordinator the pairs without a merge form, and in French', async () => {
    const watched = await openContext(browser, app, { locale: 'fr-FR' });
    const { page } = watched;
    await signIn(page, centres.aCoordinator.email);
    await page.goto('/partners');
    expect(await page.getByRole('link', { name: 'Trouver les doublons' }).count()).toBe(0);
    await page.goto('/partners/duplicates');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Doublons possibles');
    const pair = page.getByRole('region', { name: 'Safe Clicks et Safe Clicks Academy' });
    expect(await pair.getByText('Même site web').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Fusionner' }).count()).toBe(0);
    await checkPage(watched, 'duplicates-coordinator-fr');
    await watched.context.close();
  });
});
