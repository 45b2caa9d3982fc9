import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { call } from '../utils/api.js';
import type { TestApp } from '../utils/app.js';
import { bootWebApp, checkPage, launchBrowser, openContext, signIn } from '../utils/browser.js';
import { TestClock } from '../utils/clock.js';
import { seedMember, seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';

/** Contacts logged (/engagements): filters in the URL, editing and deleting your own, errors next to fields. */
describe('Contacts logged in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let t: TwoCentres;
  let colleague: Member;
  const partners: Record<string, string> = {};
  let n = 0;

  const partner = async (name: string, sector: string) => {
    const res = await call(app, 'POST', '/api/v1/partners', { token: t.aManager.token, body: { name, sector } });
    if (res.status !== 201) throw new Error(`partner: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string }).id;
  };
  const log = async (who: Member, body: Record<string, unknown>) => {
    const res = await call(app, 'POST', '/api/v1/engagements', { token: who.token, body });
    if (res.status !== 201) throw new Error(`engagement: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; summary: string; updatedAt: string; followUpAt: string | null };
  };
  const get = async (id: string) =>
    (await call(app, 'GET', `/api/v1/engagements/${id}`, { token: t.aManager.token })).body as {
      summary: string;
      followUpAt: string | null;
      sidYear: number | null;
      updatedAt: string;
    };
  /** The summaries of the table's rows, in order. */
  const summaries = async (page: Page) =>
    page.locator('table tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[3]!.textContent));

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootWebApp({ clock: new TestClock() }), launchBrowser()]);
    t = await seedTwoCentres(app);
    colleague = await seedMember(app, t.a, 'coordinator', { name: 'Dana Colleague' });
    partners.acme = await partner('Acme Telecom', 'telecom');
    partners.school = await partner('Brussels School', 'education');
    await log(t.aCoordinator, {
      partnerIds: [partners.acme],
      type: 'call',
      occurredAt: '2027-05-03',
      summary: 'Call about the SID follow-up',
    });
    await log(t.aCoordinator, {
      partnerIds: [partners.school],
      type: 'meeting',
      occurredAt: '2027-04-20',
      summary: 'Meeting with the head teacher',
    });
    await log(colleague, {
      partnerIds: [partners.acme, partners.school],
      type: 'email',
      occurredAt: '2027-05-10',
      summary: 'Invitation to the roundtable',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('narrows the list with filters kept in the URL', async () => {
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login?next=%2Fengagements');
    await signIn(page, t.aCoordinator.email);
    expect(await summaries(page)).toEqual([
      'Invitation to the roundtable',
      'Call about the SID follow-up',
      'Meeting with the head teacher',
    ]);
    const first = page.locator('table tbody tr').first();
    expect(await first.locator('a[href^="/partners/"]').allTextContents()).toEqual(['Acme Telecom', 'Brussels School']);
    expect(await first.textContent()).toContain('Dana Colleague');
    await checkPage(watched, 'engagements-list');

    await page.getByLabel('Type').selectOption('call');
    await Promise.all([page.waitForURL(/type=call/), page.getByRole('button', { name: 'Filter' }).click()]);
    expect(await summaries(page)).toEqual(['Call about the SID follow-up']);

    await page.goto(`/engagements?partnerId=${partners.school}&from=2027-04-01&to=2027-04-30`);
    expect(await summaries(page)).toEqual(['Meeting with the head teacher']);
    expect(await page.getByLabel('Partner').inputValue()).toBe(partners.school);
    expect(await page.getByLabel('From').inputValue()).toBe('2027-04-01');

    await page.goto(`/engagements?loggedById=${colleague.id}`);
    expect(await summaries(page)).toEqual(['Invitation to the roundtable']);

    await page.goto('/engagements?type=training');
    expect(await page.getByText('No contacts logged match these filters').count()).toBe(1);
    await watched.context.close();
  });

  it("lets a coordinator edit their own contact logged, not a colleague's (no button; posting anyway is refused)", async () => {
    const mine = await log(t.aCoordinator, {
      partnerIds: [partners.acme],
      type: 'meeting',
      occurredAt: '2027-05-11',
      summary: `Workshop plans ${++n}`,
    });
    const theirs = await log(colleague, {
      partnerIds: [partners.acme],
      type: 'call',
      occurredAt: '2027-05-11',
      summary: `Colleague's call ${n}`,
    });
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto(`/login?next=${encodeURIComponent(`/engagements?partnerId=${partners.acme}`)}`);
    await signIn(page, t.aCoordinator.email);
    expect(await page.getByRole('link', { name: `Edit: ${theirs.summary}` }).count()).toBe(0);
    expect(await page.getByRole('button', { name: `Delete: ${theirs.summary}` }).count()).toBe(0);

    await page.getByRole('link', { name: `Edit: ${mine.summary}` }).click();
    await page.waitForURL((url) => url.pathname === `/engagements/${mine.id}/edit`);
    expect(await page.getByLabel('Summary').inputValue()).toBe(mine.summary);
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe('2027-05-11');
    await page.getByLabel('Summary').fill('Workshop plans agreed');
    await page.getByLabel(/^Outcome/).fill('Two workshops in June');
    await page.getByLabel(/^Safer Internet Day year/).fill('2027');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/engagements'),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    // Back to the list as it was (its filter kept), with the change.
    expect(new URL(page.url()).searchParams.get('partnerId')).toBe(partners.acme);
    expect(await page.getByRole('status').textContent()).toBe('The contact logged is saved.');
    expect(await page.locator(`#engagement-${mine.id}`).textContent()).toContain('Two workshops in June');
    const saved = await get(mine.id);
    expect(saved.summary).toBe('Workshop plans agreed');
    expect(saved.sidYear).toBe(2027);
    // The day did not change, so the time of day did not either.
    expect(
      (await call(app, 'GET', `/api/v1/engagements/${mine.id}`, { token: t.aManager.token })).body.occurredAt,
    ).toBe((await call(app, 'GET', `/api/v1/engagements/${theirs.id}`, { token: t.aManager.token })).body.occurredAt);

    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const before = await get(theirs.id);
    for (const path of [`/engagements/${theirs.id}`, `/engagements/${theirs.id}/delete`]) {
      const refused = await page.request.post(path, { form: { _csrf: csrf, summary: 'Not mine' }, maxRedirects: 0 });
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toContain('Not allowed');
    }
    const edit = await page.goto(`/engagements/${theirs.id}/edit`);
    expect(edit?.status()).toBe(403);
    expect(await get(theirs.id)).toEqual(before);
    await watched.context.close();
  });

  it('deletes your own contact logged after asking, and the list no longer shows it', async () => {
    const doomed = await log(t.aCoordinator, {
      partnerIds: [partners.school],
      type: 'other',
      occurredAt: '2027-05-09',
      summary: `Logged by mistake ${++n}`,
    });
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto('/login?next=%2Fengagements');
    await signIn(page, t.aCoordinator.email);
    expect(await summaries(page)).toContain(doomed.summary);
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/engagements'),
      page.getByRole('button', { name: `Delete: ${doomed.summary}` }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toBe('The contact logged is deleted.');
    expect(await summaries(page)).not.toContain(doomed.summary);
    expect((await call(app, 'GET', `/api/v1/engagements/${doomed.id}`, { token: t.aManager.token })).status).toBe(404);
    await watched.context.close();
  });

  it('shows an error next to its field, with status 400 and nothing written', async () => {
    const mine = await log(t.aCoordinator, {
      partnerIds: [partners.school],
      type: 'training',
      occurredAt: '2027-05-06',
      summary: `Teacher training ${++n}`,
    });
    const before = await get(mine.id);
    const watched = await openContext(browser, app);
    const { page } = watched;
    await page.goto(`/login?next=${encodeURIComponent(`/engagements/${mine.id}/edit`)}`);
    await signIn(page, t.aCoordinator.email);
    await page.getByLabel('Summary').fill('Changed, but not saved');
    await page.getByLabel(/^Follow-up date/).fill('2027-05-01');
    const [answer] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(answer.status()).toBe(400);
    await page.locator('#f-followUpAt-error').waitFor();
    expect(await page.locator('#f-followUpAt-error').textContent()).toContain(
      'FollowUpAt cannot be before the day of the engagement',
    );
    expect(await page.getByLabel(/^Follow-up date/).getAttribute('aria-describedby')).toContain('f-followUpAt-error');
    expect(await page.getByLabel('Summary').inputValue()).toBe('Changed, but not saved');
    expect(await get(mine.id)).toEqual(before);
    await checkPage(
      { ...watched, problems: watched.problems.filter((p) => !p.includes('400')) },
      'engagement-edit-error',
    );
    await watched.context.close();
  });
});
