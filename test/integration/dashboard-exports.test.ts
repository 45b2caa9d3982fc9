import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { DashboardResponse } from '../../src/dashboard/dto/dashboard.dto.js';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

const AS_OF = '2027-03-20';

/** Each download and the rows of GET /dashboard it must hold, the same order. */
const TABLES: Record<string, (dashboard: DashboardResponse) => object[]> = {
  'engagements-by-month': (d) => d.engagementsByMonth,
  retention: (d) => d.retention,
  'seasonal-partners': (d) => d.seasonal.items,
  'overdue-partners': (d) => d.overdue.items,
  'cadence-compliance': (d) => d.compliance,
  'sector-activity': (d) => d.bySector,
  'board-coverage': (d) => d.boards,
};

/** A JSON row as the CSV writes it: snake_case headers; text a spreadsheet would run gets a leading quote. */
function asCsvRecord(row: object): Record<string, string> {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const text = Array.isArray(value) ? value.join('; ') : String(value);
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), cell(value)]),
  );
}

describe('dashboard tables as CSV', () => {
  let app: TestApp;
  let t: TwoCentres;

  async function seedPartner(centreId: string, name: string, sector: string, ownerId: string | null = null) {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector, owner_id, search_text, created_at)
       VALUES ($1, $2, $3, $4, keepwarm_fold($2), '2025-01-01T00:00:00Z') RETURNING id`,
      [centreId, name, sector, ownerId],
    );
    return row!.id;
  }

  async function engage(centreId: string, partnerId: string, type: string, at: string) {
    await query(
      app.databaseUrl,
      `WITH e AS (INSERT INTO engagement (centre_id, type, occurred_at, summary) VALUES ($1, $3, $4, 'Seeded') RETURNING id)
       INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at) SELECT id, $2, $1, $4 FROM e`,
      [centreId, partnerId, type, at],
    );
  }

  async function download(name: string, token = t.aCoordinator.token, search = `asOf=${AS_OF}`) {
    const res = await fetch(`${app.url}/api/v1/export/dashboard/${name}.csv?${search}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { res, bytes, rows: res.ok ? (parse(bytes, { bom: true, columns: true }) as Record<string, string>[]) : [] };
  }

  beforeAll(async () => {
    app = await bootApp({ clock: new TestClock(new Date('2027-05-12T10:30:00Z')) });
    t = await seedTwoCentres(app);
    const formula = await seedPartner(t.a, '=HYPERLINK("x")', 'industry', t.aCoordinator.id);
    const school = await seedPartner(t.a, 'École Saint-Exupéry', 'education', t.aCoordinator.id);
    const quiet = await seedPartner(t.a, 'Quiet NGO', 'ngo', t.aManager.id);
    const other = await seedPartner(t.b, 'Centre B partner', 'education');
    await engage(t.a, formula, 'sid_activity', '2027-02-09T10:00:00Z'); // only inside window 2027: seasonal
    await engage(t.a, school, 'meeting', '2026-02-10T10:00:00Z');
    await engage(t.a, school, 'call', '2026-06-10T10:00:00Z');
    await engage(t.a, school, 'call', '2026-09-10T10:00:00Z');
    await engage(t.a, quiet, 'email', '2025-03-10T10:00:00Z'); // long ago: overdue
    await engage(t.b, other, 'call', '2027-02-09T10:00:00Z');
    const [board] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO advisory_board (centre_id, name) VALUES ($1, '+Board') RETURNING id`,
      [t.a],
    );
    await query(
      app.databaseUrl,
      `INSERT INTO board_membership (centre_id, board_id, partner_id, role, term_start) VALUES ($1, $2, $3, 'member', '2026-01-01')`,
      [t.a, board!.id, school],
    );
    await query(app.databaseUrl, `UPDATE centre SET required_board_sectors = '{education,industry}' WHERE id = $1`, [
      t.a,
    ]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("matches the dashboard's JSON for the same asOf, table by table", async () => {
    const dashboard = await call<DashboardResponse>(app, 'GET', `/api/v1/dashboard?asOf=${AS_OF}`, {
      token: t.aCoordinator.token,
    });
    expect(dashboard.status).toBe(200);
    for (const [name, rowsOf] of Object.entries(TABLES)) {
      const expected = rowsOf(dashboard.body).map(asCsvRecord);
      const { res, rows } = await download(name);
      expect([name, res.status]).toEqual([name, 200]);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="dashboard-${name}-${AS_OF}.csv"`);
      expect([name, rows]).toEqual([name, expected]);
    }
    // Not every table is empty: the comparison above compares figures.
    for (const name of Object.keys(TABLES))
      expect([name, (await download(name)).rows.length > 0]).toEqual([name, true]);
  });

  it('writes UTF-8 with a BOM and neutralises formulas', async () => {
    const { res, bytes, rows } = await download('seasonal-partners');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe('\uFEFFid,name,sector,last_engagement_at');
    expect(rows.map((r) => r.name)).toEqual(['\'=HYPERLINK("x")']);
    const boards = await download('board-coverage');
    expect(boards.rows[0]).toMatchObject({
      name: "'+Board",
      required_sectors: 'education; industry',
      covered_sectors: 'education',
      missing_sectors: 'industry',
    });
  });

  it("narrows to an owner's partners like the dashboard", async () => {
    const { rows } = await download('overdue-partners', t.aManager.token, `asOf=${AS_OF}&ownerId=${t.aManager.id}`);
    expect(rows.map((r) => r.name)).toEqual(['Quiet NGO']);
  });

  it("never shows another centre's figures", async () => {
    const a = (await download('sector-activity')).bytes.toString('utf8');
    const b = await download('seasonal-partners', t.bCoordinator.token);
    expect(b.rows.map((r) => r.name)).toEqual(['Centre B partner']);
    expect(b.bytes.toString('utf8')).not.toContain('HYPERLINK');
    const bSectors = await download('sector-activity', t.bManager.token);
    expect(bSectors.bytes.toString('utf8')).not.toBe(a);
    expect(bSectors.rows.find((r) => r.sector === 'education')).toMatchObject({ partners: '1', engaged: '1' });
  });

  it('answers 404 problem+json for an unknown table and 400 naming asOf for a bad date', async () => {
    const unknown = await call(app, 'GET', `/api/v1/export/dashboard/nope.csv?asOf=${AS_OF}`, {
      token: t.aCoordinator.token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const bad = await call(app, 'GET', '/api/v1/export/dashboard/retention.csv?asOf=2027-02-30', {
      token: t.aCoordinator.token,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['asOf']);
    expect((await call(app, 'GET', '/api/v1/export/dashboard/retention.csv')).status).toBe(401);
  });

  it('is linked from the dashboard page, for the figures shown; the annual report for managers and admins', async () => {
    const page = async (token: string) => {
      const res = await fetch(`${app.url}/dashboard?asOf=${AS_OF}&ownerId=${t.aManager.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const coordinator = await page(t.aCoordinator.token);
    for (const name of Object.keys(TABLES))
      expect(coordinator).toContain(
        `href="/api/v1/export/dashboard/${name}.csv?asOf=${AS_OF}&amp;ownerId=${t.aManager.id}"`,
      );
    expect(coordinator).not.toContain('/api/v1/reports/annual');
    const manager = await page(t.aManager.token);
    expect(manager).toContain('href="/api/v1/reports/annual?year=2027&amp;format=html"');
    expect(manager).toContain('href="/api/v1/reports/annual?year=2027&amp;format=csv"');
  });
});
