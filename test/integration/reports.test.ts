import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

/**
 * The annual partnership report against data made here. The clock is pinned to 12 May 2027; the centre's SID
 * windows are the defaults (42 days before, 14 after): window 2026 is 2025-12-30 … 2026-02-24 and window 2027
 * opens 2026-12-29, so SID year 2026 runs from 2025-12-30 to 2026-12-28.
 */
describe('annual partnership report', () => {
  let app: TestApp;
  let t: TwoCentres;
  const clock = new TestClock(new Date('2027-05-12T10:30:00Z'));

  let yearRound: string;
  let seasonal: string;
  let delivering: string;
  let boardMember: string;

  async function seedPartner(centreId: string, name: string, sector: string): Promise<string> {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector, search_text) VALUES ($1, $2, $3, keepwarm_fold($2)) RETURNING id`,
      [centreId, name, sector],
    );
    return row!.id;
  }

  async function engage(centreId: string, partnerIds: string[], at: string): Promise<void> {
    await query(
      app.databaseUrl,
      `WITH e AS (INSERT INTO engagement (centre_id, type, occurred_at, summary) VALUES ($1, 'meeting', $3, 'Seeded') RETURNING id)
       INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at)
       SELECT e.id, p, $1, $3 FROM e, unnest($2::uuid[]) p`,
      [centreId, partnerIds, at],
    );
  }

  const report = (path: string, token: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  async function csvOf(path: string, token = t.aManager.token): Promise<Record<string, string>[]> {
    const res = await report(path, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    return parse(Buffer.from(await res.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
  }

  beforeAll(async () => {
    app = await bootApp({ clock });
    t = await seedTwoCentres(app);
    yearRound = await seedPartner(t.a, 'Year-round school', 'education');
    seasonal = await seedPartner(t.a, 'Seasonal bank', 'industry');
    delivering = await seedPartner(t.a, '=Delivering media', 'media');
    boardMember = await seedPartner(t.a, 'Board police', 'law_enforcement');
    const bPartner = await seedPartner(t.b, 'Centre B school', 'education');

    await engage(t.a, [yearRound], '2026-02-01T12:00:00Z'); // inside window 2026
    await engage(t.a, [yearRound, seasonal], '2026-02-03T12:00:00Z'); // one engagement, two partners
    await engage(t.a, [seasonal], '2026-02-05T12:00:00Z');
    await engage(t.a, [yearRound], '2026-06-15T12:00:00Z'); // off-season: year-round, retained
    await engage(t.a, [delivering], '2026-09-10T12:00:00Z'); // off-season only, with a delivered role
    await engage(t.a, [boardMember], '2025-06-10T12:00:00Z'); // SID year 2025: not counted
    await engage(t.a, [boardMember], '2027-01-10T12:00:00Z'); // window 2027: not counted
    await engage(t.b, [bPartner], '2026-03-10T12:00:00Z');
    await query(
      app.databaseUrl,
      `INSERT INTO sid_role (centre_id, partner_id, year, role, status, status_changed_at)
       VALUES ($1, $2, 2026, 'speaker', 'delivered', '2026-02-11T12:00:00Z'),
              ($1, $3, 2027, 'sponsor', 'confirmed', '2026-11-01T12:00:00Z')`,
      [t.a, delivering, seasonal],
    );
    const [board] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO advisory_board (centre_id, name) VALUES ($1, 'Advisory board') RETURNING id`,
      [t.a],
    );
    await query(
      app.databaseUrl,
      `INSERT INTO board_membership (centre_id, board_id, partner_id, role, term_start, term_end)
       VALUES ($1, $2, $3, 'member', '2025-01-01', '2027-12-31'), ($1, $2, $4, 'member', '2024-01-01', '2025-06-30')`,
      [t.a, board!.id, boardMember, yearRound],
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists each partner with its engagements, pattern, SID roles, board seats and retention for the SID year', async () => {
    const rows = await csvOf('/api/v1/reports/annual?year=2026&format=csv');
    const partners = rows.filter((r) => r.section === 'partner');
    expect(partners.map((r) => r.partner).sort()).toEqual(
      ["'=Delivering media", 'Board police', 'Seasonal bank', 'Year-round school'].sort(),
    );
    const byName = new Map(partners.map((r) => [r.partner, r]));
    expect(byName.get('Year-round school')).toMatchObject({
      sid_year: '2026',
      partner_id: yearRound,
      sector: 'education',
      engagements: '3',
      pattern: 'year_round',
      board_seats: '0', // the term ended before the SID year began
      retention_cohort: '1',
      retained: '1',
    });
    expect(byName.get('Seasonal bank')).toMatchObject({
      engagements: '2',
      pattern: 'seasonal',
      sid_roles: '0', // the 2027 role is another year's
      retention_cohort: '1',
      retained: '0',
    });
    expect(byName.get("'=Delivering media")).toMatchObject({
      partner_id: delivering,
      engagements: '1',
      pattern: 'year_round',
      sid_roles: '1',
      sid_roles_delivered: '1',
      sid_role_list: 'speaker (delivered)',
      retention_cohort: '1', // by its delivered role
      retained: '1',
    });
    expect(byName.get('Board police')).toMatchObject({
      partner_id: boardMember,
      engagements: '0',
      pattern: 'not_engaged',
      board_seats: '1',
      retention_cohort: '0',
    });
  });

  it('adds up sectors and the centre, an engagement with two partners counting once', async () => {
    const rows = await csvOf('/api/v1/reports/annual?year=2026');
    expect(rows[0]).toMatchObject({
      section: 'total',
      partners: '4',
      engagements: '5',
      engaged: '3',
      year_round: '2',
      seasonal: '1',
      sid_roles: '1',
      sid_roles_delivered: '1',
      board_seats: '1',
      retention_cohort: '3',
      retained: '2',
    });
    const sectors = new Map(rows.filter((r) => r.section === 'sector').map((r) => [r.sector, r]));
    expect(sectors.get('education')).toMatchObject({ partners: '1', engagements: '3', year_round: '1' });
    expect(sectors.get('industry')).toMatchObject({ partners: '1', engagements: '2', seasonal: '1', retained: '0' });
    expect(sectors.get('law_enforcement')).toMatchObject({ partners: '1', engagements: '0', board_seats: '1' });
    expect(sectors.get('health')).toMatchObject({ partners: '0', engagements: '0' });
    // The year's retention is the dashboard's own figure for SID 2026.
    const dashboard = await call(app, 'GET', '/api/v1/dashboard?asOf=2027-05-12', { token: t.aManager.token });
    expect(dashboard.body.retention.find((r: { sidYear: number }) => r.sidYear === 2026)).toMatchObject({
      cohort: 3,
      retained: 2,
    });
  });

  it("defaults to the current SID year and shows only the caller's centre", async () => {
    const current = await csvOf('/api/v1/reports/annual', t.aAdmin.token);
    expect(current[0]).toMatchObject({ section: 'total', sid_year: '2027', engagements: '1' });
    const b = await csvOf('/api/v1/reports/annual?year=2026', t.bManager.token);
    expect(b.filter((r) => r.section === 'partner').map((r) => r.partner)).toEqual(['Centre B school']);
    expect(b[0]).toMatchObject({ engagements: '1', engaged: '1' });
    const network = await csvOf('/api/v1/reports/annual?year=2026', t.network.token);
    expect(network[0]).toMatchObject({ engagements: '5' });
  });

  it('is for managers and admins', async () => {
    expect((await report('/api/v1/reports/annual?year=2026', t.aCoordinator.token)).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/reports/annual?year=2026')).status).toBe(401);
  });

  it('refuses a bad year or format with a 400 naming it', async () => {
    for (const [search, fields] of [
      ['year=abc', ['year']],
      ['year=2026.5', ['year']],
      ['year=1999', ['year']],
      ['year=2029', ['year']],
      ['year=2026&format=pdf', ['format']],
      ['year=x&format=pdf', ['format', 'year']],
    ] as const) {
      const res = await call(app, 'GET', `/api/v1/reports/annual?${search}`, { token: t.aManager.token });
      expect([search, res.status]).toEqual([search, 400]);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(res.body).sort()).toEqual(fields);
    }
    expect((await report('/api/v1/reports/annual?year=2028', t.aManager.token)).status).toBe(200);
  });

  it('prints as a standalone HTML document: a title page, then Totals, By sector and By partner', async () => {
    const res = await report('/api/v1/reports/annual?year=2026&format=html', t.aManager.token, {
      'accept-language': 'en',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).not.toMatch(/<script|<nav|<form/);
    expect(html).toContain('<h1>Annual partnership report</h1>');
    expect(html).toMatch(/<p class="centre">[^<]+<\/p>/);
    expect(html).toContain('Safer Internet Day 2026');
    expect([...html.matchAll(/<section id="(\w+)" class="report-section"/g)].map((m) => m[1])).toEqual([
      'totals',
      'sectors',
      'partners',
    ]);
    expect(html).toContain('break-before: page');
    expect(html.match(/<thead>/g)).toHaveLength(3);
    expect(html).toContain('<td>=Delivering media</td>');
    expect(html).toContain('Speaker (Delivered)');
  });

  it("speaks the reader's language", async () => {
    const res = await report('/api/v1/reports/annual?year=2026&format=html', t.aManager.token, {
      'accept-language': 'fr-BE,fr;q=0.9',
    });
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Rapport annuel des partenariats');
    expect(html).toContain('Par secteur');
  });
});
