import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CENTRE_NAME, DEMO_PASSWORD } from '../../src/demo/demo.js';
import { readEmbeddedConnectionUrl } from '../../src/database/embedded-database.js';
import { call, signIn, TEST_PASSWORD } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { runCli, spawnKeepwarm, type KeepwarmProcess } from '../utils/process.js';
import { seedTwoCentres } from '../utils/tenants.js';
import { DEMO_TABLES } from '../utils/demo-tables.js';

/**
 * `npm run demo` as an operator runs it: the built command (`node dist/cli.js demo`) in a process of its own, twice,
 * on a fresh embedded database (a new DATA_DIR, no DATABASE_URL) and on an existing database with other centres.
 * Each time Valdoria is the same, and the app started on that data shows its manager meaningful dashboards.
 * The CLI reads the real clock (it has no test clock): the demo's dates are drawn back from today, so the runs
 * compared here happen within the same minute.
 */
const ROLES = ['admin', 'manager', 'coordinator'];

/** Rows per table of Valdoria, and a checksum of its partners' names and its engagements' dates and summaries. */
async function valdoria(databaseUrl: string): Promise<{ counts: Record<string, number>; checksum: string }> {
  const centres = await query<{ id: string }>(databaseUrl, 'SELECT id FROM centre WHERE name = $1', [DEMO_CENTRE_NAME]);
  expect(centres).toHaveLength(1);
  const centreId = centres[0]!.id;
  const counts: Record<string, number> = {};
  for (const table of [...DEMO_TABLES, 'app_user']) {
    const [row] = await query<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM ${table} WHERE centre_id = $1`,
      [centreId],
    );
    counts[table] = row!.n;
  }
  const [sum] = await query<{ checksum: string }>(
    databaseUrl,
    `SELECT md5(
       (SELECT string_agg(name || ':' || sector || ':' || status, '|' ORDER BY name) FROM partner WHERE centre_id = $1) || '#' ||
       (SELECT string_agg(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') || ':' || type || ':' || summary, '|'
                          ORDER BY occurred_at, summary) FROM engagement WHERE centre_id = $1)) AS checksum`,
    [centreId],
  );
  return { counts, checksum: sum!.checksum };
}

/** What the CLI printed: the counts line (without the centre's id, which a reset keeps) and the sign-in lines. */
function printed(stdout: string): { summary: string; accounts: { role: string; email: string; password: string }[] } {
  const summary = /(?:Created|Reset) Valdoria Safer Internet Centre \([0-9a-f-]{36}\): (.+)/.exec(stdout)?.[1];
  expect(summary).toMatch(/^40 partners, .*\d+ open reminders$/);
  const accounts = [...stdout.matchAll(/^\s+(admin|manager|coordinator)\s+(\S+@\S+)\s+password (\S+)$/gm)].map(
    ([, role, email, password]) => ({ role: role!, email: email!, password: password! }),
  );
  return { summary: summary!, accounts };
}

/** The manager's dashboard, through the API of the app at `url`. */
async function managerDashboard(url: string, email: string) {
  const app = { url } as TestApp;
  const manager = await signIn(app, email, DEMO_PASSWORD);
  const res = await call(app, 'GET', '/api/v1/dashboard', { token: manager.token });
  expect(res.status).toBe(200);
  return res.body as {
    yearRound: { rate: number };
    seasonal: { count: number };
    boards: { missingSectors: string[] }[];
  };
}

function expectMeaningful(dashboard: Awaited<ReturnType<typeof managerDashboard>>): void {
  expect(dashboard.yearRound.rate).toBeGreaterThan(0);
  expect(dashboard.yearRound.rate).toBeLessThan(1);
  expect(dashboard.seasonal.count).toBeGreaterThan(0);
  expect(dashboard.boards).toEqual([expect.objectContaining({ missingSectors: ['parents'] })]);
}

describe('npm run demo (the built CLI)', () => {
  let existing: TestApp;
  let existingDataDir: string;
  let freshDataDir: string;
  let server: KeepwarmProcess | undefined;
  /** Valdoria as drawn on the existing database: the fresh one must be the same (so the second test needs the first). */
  let fromExisting: { counts: Record<string, number>; checksum: string };

  beforeAll(async () => {
    // As root, the embedded cluster runs as "postgres", which must reach DATA_DIR.
    freshDataDir = await mkdtemp(join(tmpdir(), 'keepwarm-demo-fresh-'));
    existingDataDir = await mkdtemp(join(tmpdir(), 'keepwarm-demo-existing-'));
    await chmod(freshDataDir, 0o755);
    await chmod(existingDataDir, 0o755);
  });

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await existing?.close();
    await rm(freshDataDir, { recursive: true, force: true });
    await rm(existingDataDir, { recursive: true, force: true });
  });

  it('gives the same Valdoria twice on an existing database with other centres, with meaningful dashboards', async () => {
    existing = await bootApp();
    const t = await seedTwoCentres(existing);
    const env = {
      DATA_DIR: existingDataDir,
      DATABASE_URL: existing.databaseUrl,
      QUEUE_PREFIX: `kwt-demo-${Date.now()}`,
    };

    const first = await runCli(env, ['demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Created ${DEMO_CENTRE_NAME}`);
    const once = await valdoria(existing.databaseUrl);
    const second = await runCli(env, ['demo']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Reset ${DEMO_CENTRE_NAME}`);
    expect(printed(second.stdout)).toEqual(printed(first.stdout));
    fromExisting = await valdoria(existing.databaseUrl);
    expect(fromExisting).toEqual(once);
    expect(fromExisting.counts).toMatchObject({ partner: 40, app_user: 3 });

    // The other centres are as they were: their admins still sign in, and see none of Valdoria.
    const other = await signIn(existing, t.bAdmin.email, TEST_PASSWORD);
    const partners = await call(existing, 'GET', '/api/v1/partners?limit=100', { token: other.token });
    expect(partners.status).toBe(200);
    expect(partners.body.total).toBe(0);

    const { accounts } = printed(second.stdout);
    expect(accounts.map((a) => a.role)).toEqual(ROLES);
    expectMeaningful(await managerDashboard(existing.url, accounts[1]!.email));
  });

  it('creates the first centre and Valdoria on a fresh embedded database, the same twice, and the app shows it, also in the network roll-up', async () => {
    const env = {
      DATA_DIR: freshDataDir,
      ADMIN_EMAIL: 'first.admin@example.org',
      ADMIN_PASSWORD: 'a-long-first-admin-password',
    };
    const first = await runCli(env, ['demo']);
    expect(first.code).toBe(0);
    const second = await runCli(env, ['demo']);
    expect(second.code).toBe(0);

    const once = printed(first.stdout);
    const twice = printed(second.stdout);
    expect(first.stdout).toContain(`Created ${DEMO_CENTRE_NAME}`);
    expect(second.stdout).toContain(`Reset ${DEMO_CENTRE_NAME}`);
    expect(twice).toEqual(once);
    expect(first.stdout).toMatch(/^Sign in at http:\/\/\S+ as:$/m);
    expect(once.accounts.map((a) => a.role)).toEqual(ROLES);
    expect(once.accounts.every((a) => a.password === DEMO_PASSWORD && a.email.endsWith('.example.org'))).toBe(true);

    // `npm start` on the same DATA_DIR.
    server = spawnKeepwarm({ DATA_DIR: freshDataDir, PORT: '0', LOG_LEVEL: 'info' });
    const url = await server.ready(60_000);
    const databaseUrl = await readEmbeddedConnectionUrl(freshDataDir);
    // The first-run setup ran (ADMIN_EMAIL applied), and Valdoria is the one drawn on the existing database.
    expect(await query(databaseUrl, 'SELECT email FROM app_user WHERE email = $1', [env.ADMIN_EMAIL])).toHaveLength(1);
    expect((await query(databaseUrl, 'SELECT 1 FROM centre')).length).toBe(2);
    expect(await valdoria(databaseUrl)).toEqual(fromExisting);
    expectMeaningful(await managerDashboard(url, twice.accounts[1]!.email));
    // The first admin (a network admin) sees Valdoria in the network roll-up, beside the first centre.
    const firstAdmin = await signIn({ url } as TestApp, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    const network = await call({ url } as TestApp, 'GET', '/api/v1/network/dashboard', { token: firstAdmin.token });
    expect(network.status).toBe(200);
    const rolledUp = (network.body.centres as { name: string; yearRoundRate: number; seasonalCount: number }[]).find(
      (c) => c.name === DEMO_CENTRE_NAME,
    );
    expect(network.body.centres).toHaveLength(2);
    expect(rolledUp!.yearRoundRate).toBeGreaterThan(0);
    expect(rolledUp!.yearRoundRate).toBeLessThan(1);
    expect(rolledUp!.seasonalCount).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
