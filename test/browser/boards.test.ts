import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { call, signIn as apiSignIn } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, scrollsSideways, signIn } from '../utils/browser.js';
import { translator } from '../../src/ui/i18n/translator.js';
import { TestClock } from '../utils/clock.js';
import { seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';

/**
 * Advisory boards: the list, a board's page with its members (a term ending soon said in words), the sector
 * coverage matrix, and recording a meeting (one engagement per attending partner). Today is 2027-05-12.
 */
describe('Advisory boards in the browser', () => {
  /** Dates as the pages write them in English. */
  const day = (iso: string) => translator('en').date(iso);
  let app: TestApp;
  let browser: Browser;
  let t: TwoCentres;
  let boardId: string;
  const partners: Record<string, string> = {};
  let contactId: string;

  const ok = async (who: Member, method: string, path: string, body: unknown) => {
    const res = await call(app, method, path, { token: who.token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    t = await seedTwoCentres(app);
    await ok(t.aAdmin, 'PATCH', `/api/v1/centres/${t.a}`, { requiredBoardSectors: ['industry', 'education', 'media'] });
    for (const [key, name, sector] of [
      ['acme', 'Acme Industries', 'industry'],
      ['school', 'Brussels School', 'education'],
      ['ngo', 'Youth Voices', 'ngo'],
      ['press', 'Daily Press', 'media'],
    ] as const) {
      partners[key] = (await ok(t.aManager, 'POST', '/api/v1/partners', { name, sector })).id;
    }
    contactId = (
      await ok(t.aManager, 'POST', `/api/v1/partners/${partners.acme}/contacts`, {
        name: 'Inès Martin',
        jobTitle: 'CSR lead',
      })
    ).id;
    boardId = (
      await ok(t.aManager, 'POST', '/api/v1/advisory-boards', {
        name: 'Youth advisory board',
        description: 'Young people and the organisations that work with them.',
        meetingCadenceDays: 90,
      })
    ).id;
    const seat = (partnerId: string, role: string, termStart: string, termEnd?: string) =>
      ok(t.aManager, 'POST', `/api/v1/advisory-boards/${boardId}/members`, { partnerId, role, termStart, termEnd });
    await seat(partners.acme!, 'chair', '2025-06-04', '2027-06-03');
    await seat(partners.school!, 'member', '2026-01-01');
    await seat(partners.ngo!, 'observer', '2026-01-01', '2028-12-31');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the boards, then a board: members with a term ending soon, and the sector coverage', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login?next=%2Fadvisory-boards');
    await signIn(page, t.aCoordinator.email);
    await checkPage(watched, 'boards-list');

    await Promise.all([
      page.waitForURL((url) => url.pathname === `/advisory-boards/${boardId}`),
      page.getByRole('link', { name: 'Youth advisory board' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Youth advisory board');
    const members = page.locator('#member-list table');
    expect(await members.locator('tbody tr').count()).toBe(3);
    const chair = members.locator('tbody tr', { hasText: 'Acme Industries' });
    expect(await chair.textContent()).toContain('Chair');
    expect(await chair.locator('.term-ending-note').textContent()).toBe(`Term ends ${day('2027-06-03')} — in 22 days`);
    expect(await chair.getAttribute('class')).toContain('term-ending');
    // A coordinator records meetings but does not change seats.
    expect(await page.getByRole('button', { name: /End term today/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Add a member' }).count()).toBe(0);

    const matrix = page.locator('#coverage-matrix table');
    expect(await matrix.locator('caption').textContent()).toBe(
      `Required sectors and the members covering them on ${day('2027-05-12')}`,
    );
    const media = matrix.locator('tbody tr', { hasText: 'Media' });
    expect(await media.locator('td').last().textContent()).toBe('Missing');
    expect(await matrix.locator('tbody tr', { hasText: 'Industry' }).locator('td').last().textContent()).toBe(
      'Covered',
    );
    expect(await page.getByText('1 required sector is missing: Media.').count()).toBe(1);
    await checkPage(watched, 'board-page');
    await watched.context.close();
  });

  it('records a meeting with two attending partners: the meeting shows, and each partner has its engagement', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto(`/login?next=${encodeURIComponent(`/advisory-boards/${boardId}`)}`);
    await signIn(page, t.aCoordinator.email);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Record the meeting' }) });
    expect(await form.getByLabel('Date').inputValue()).toBe('2027-05-12');
    await form.getByLabel('Date').fill('2027-05-10');
    await form.getByLabel('Title').fill('Spring meeting');
    await form.getByLabel(/^Notes/).fill('Agreed the SID 2028 theme.');
    await form.getByRole('checkbox', { name: 'Acme Industries' }).check();
    await form.getByLabel('Inès Martin (CSR lead)').check();
    await form.getByRole('checkbox', { name: 'Brussels School' }).check();
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/advisory-boards/${boardId}`),
      form.getByRole('button', { name: 'Record the meeting' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe(
      'The meeting is recorded, and logged for each attending partner.',
    );
    const meeting = page.locator('#meeting-list tbody tr', { hasText: 'Spring meeting' });
    expect(await meeting.locator('a').allTextContents()).toEqual(['Acme Industries', 'Brussels School']);
    expect(await meeting.textContent()).toContain(day('2027-05-10'));

    const logged = await call(app, 'GET', '/api/v1/engagements?type=board_meeting', { token: t.aManager.token });
    const items = (logged.body as { items: { partnerIds: string[]; contactIds: string[]; summary: string }[] }).items;
    expect(items.map((e) => e.partnerIds).sort()).toEqual([[partners.acme], [partners.school]].sort());
    expect(items.find((e) => e.partnerIds[0] === partners.acme)?.contactIds).toEqual([contactId]);
    expect(items.every((e) => e.summary === 'Board meeting: Spring meeting')).toBe(true);
    await watched.context.close();
  });

  it('lets a manager on a phone add the missing sector: nothing scrolls sideways, and the matrix follows', async () => {
    const watched = await openContext(browser, app, { width: 390, height: 844 });
    const { page } = watched;
    await page.goto(`/login?next=${encodeURIComponent(`/advisory-boards/${boardId}`)}`);
    await signIn(page, t.aManager.email);
    expect(await scrollsSideways(page)).toBe(false);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Add the member' }) });
    await form.getByLabel('Partner').selectOption({ label: 'Daily Press' });
    await form.getByLabel('Role').selectOption('member');
    await form.getByLabel('Term starts').fill('2027-05-01');
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/advisory-boards/${boardId}`),
      form.getByRole('button', { name: 'Add the member' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('The member is added.');
    const media = page.locator('#coverage-matrix tbody tr', { hasText: 'Media' });
    expect(await media.locator('td').last().textContent()).toContain('Covered');
    expect(await page.getByText('Every required sector is covered.').count()).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    await checkPage(watched, 'board-page-phone');
    await watched.context.close();
  });

  it("answers 404 for another centre's board", async () => {
    const other = await apiSignIn(app, t.bCoordinator.email, t.bCoordinator.password);
    const res = await call(app, 'GET', `/advisory-boards/${boardId}`, { cookie: other.cookie });
    expect(res.status).toBe(404);
  });
});
