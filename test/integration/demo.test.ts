import { afterAll, describe, expect, it } from '@jest/globals';
import { DEMO_CENTRE_NAME, DEMO_PASSWORD, seedDemo } from '../../src/demo/demo.js';
import { call, signIn } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { seedTwoCentres } from '../utils/tenants.js';
import { DEMO_TABLES } from '../utils/demo-tables.js';

/**
 * `npm run demo` (issue 14) in process: the same seedDemo the CLI runs, twice on a fresh database and once on one
 * that already has centres, giving the same Valdoria each time, whose dashboards are meaningful.
 */

async function countsOf(app: TestApp): Promise<Record<string, number>> {
  const [centre] = await query<{ id: string }>(app.databaseUrl, 'SELECT id FROM centre WHERE name = $1', [
    DEMO_CENTRE_NAME,
  ]);
  const counts: Record<string, number> = {
    centres: (await query(app.databaseUrl, 'SELECT 1 FROM centre WHERE name = $1', [DEMO_CENTRE_NAME])).length,
    users: (await query(app.databaseUrl, 'SELECT 1 FROM app_user WHERE centre_id = $1', [centre!.id])).length,
  };
  for (const table of DEMO_TABLES) {
    const [row] = await query<{ n: number }>(
      app.databaseUrl,
      `SELECT count(*)::int AS n FROM ${table} WHERE centre_id = $1`,
      [centre!.id],
    );
    counts[table] = row!.n;
  }
  return counts;
}

describe('npm run demo', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });
  let fresh: Record<string, number>;

  it('gives the same Valdoria when run twice on a fresh database', async () => {
    const app = await bootApp();
    apps.push(app);
    const first = await seedDemo(app.app);
    fresh = await countsOf(app);
    const second = await seedDemo(app.app);
    expect(first.reset).toBe(false);
    expect(second.reset).toBe(true);
    expect(second.counts).toEqual(first.counts);
    expect(second.reminders).toBe(first.reminders);
    expect(await countsOf(app)).toEqual(fresh);
    expect(fresh.partner).toBe(40);
    expect(fresh.reminder).toBeGreaterThan(0);
    expect(fresh.users).toBe(3);
    const sectors = await query<{ sector: string }>(
      app.databaseUrl,
      'SELECT DISTINCT p.sector FROM partner p JOIN centre c ON c.id = p.centre_id WHERE c.name = $1',
      [DEMO_CENTRE_NAME],
    );
    expect(sectors.length).toBe(13);
    const years = await query<{ year: number }>(
      app.databaseUrl,
      'SELECT DISTINCT r.year FROM sid_role r JOIN centre c ON c.id = r.centre_id WHERE c.name = $1',
      [DEMO_CENTRE_NAME],
    );
    expect(years.length).toBe(2);
  });

  it('gives the same Valdoria on a database that already has centres, with meaningful dashboards', async () => {
    const app = await bootApp();
    apps.push(app);
    await seedTwoCentres(app);
    const result = await seedDemo(app.app);
    expect(await countsOf(app)).toEqual(fresh);

    const emails = result.accounts.map((a) => a.email);
    expect(result.accounts.map((a) => a.role)).toEqual(['admin', 'manager', 'coordinator']);
    const manager = await signIn(app, emails[1]!, DEMO_PASSWORD);
    expect(manager.user.centreId).toBe(result.centreId);
    const res = await call(app, 'GET', '/api/v1/dashboard', { token: manager.token });
    expect(res.status).toBe(200);
    expect(res.body.yearRound.rate).toBeGreaterThan(0);
    expect(res.body.yearRound.rate).toBeLessThan(1);
    expect(res.body.seasonal.count).toBeGreaterThan(0);
    expect(res.body.boards).toEqual([expect.objectContaining({ missingSectors: ['parents'] })]);
    for (const email of [emails[0]!, emails[2]!]) await signIn(app, email, DEMO_PASSWORD);
  });
});
