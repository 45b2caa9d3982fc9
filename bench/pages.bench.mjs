// Page benchmark (issue 13): `npm run bench:pages` (and `npm run bench`). Prints figures, asserts nothing (machines
// are shared and noisy), and exits non-zero only if a request failed.
//
// Seeds one centre of PARTNERS (2,000) partners × ENGAGEMENTS_PER_PARTNER (20) engagements with
// bench/seed-network.mjs, as of today in Brussels, then VACUUM ANALYZE. Boots the built app (dist/, ROLE=api),
// signs the centre's manager in (session cookie), and requests each page RUNS (40) times one after another after
// WARM_UP (5) requests: the partner with the longest history, the dashboard, the partner list, My week, the
// SID campaign and the contacts logged. A page's time is the whole server-side answer on the loopback: its database reads and the TSX
// render to a string. Issue 13's target, printed for reference: the partner page and the dashboard page of a
// 2,000-partner centre well under 100 ms.
//
// Uses BENCH_DATABASE_URL (an empty database it may fill) or starts an embedded PostgreSQL in a temporary directory.
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../dist/config/app-config.js';
import { startKeepwarm } from '../dist/keepwarm.js';
import { openBenchDatabase } from './bench-database.mjs';
import { seedNetwork } from './seed-network.mjs';

const PARTNERS = Number(process.env.PARTNERS ?? 2000);
const ENGAGEMENTS_PER_PARTNER = Number(process.env.ENGAGEMENTS_PER_PARTNER ?? 20);
const RUNS = Number(process.env.RUNS ?? 40);
const WARM_UP = Number(process.env.WARM_UP ?? 5);
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
const PASSWORD = 'bench-password-for-pages';

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (value) => (value === undefined ? '–' : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const count = (n) => n.toLocaleString('en-GB');
const failures = [];

/** One GET of a page with the session cookie: its time and size; a status other than 200 is a failure. */
async function page(base, path, cookie) {
  const started = performance.now();
  const res = await fetch(base + path, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
  const text = await res.text();
  const elapsed = performance.now() - started;
  if (res.status !== 200) failures.push(`${path}: ${res.status} ${text.slice(0, 200)}`);
  return { elapsed, bytes: Buffer.byteLength(text) };
}

const { env, logger, resolved, embedded, db, close } = await openBenchDatabase({ PORT: '0', ROLE: 'api' });
let running;
try {
  const [{ centres: existing }] = (await db.query('SELECT count(*)::int AS centres FROM centre')).rows;
  if (existing > 0)
    throw new Error(`The database already has ${existing} centre(s); give BENCH_DATABASE_URL an empty one`);
  const [{ server_version: pgVersion }] = (await db.query('SHOW server_version')).rows;
  console.log(`Page benchmark: 1 centre × ${count(PARTNERS)} partners × ${ENGAGEMENTS_PER_PARTNER} engagements`);
  const seeded = await seedNetwork(db, {
    centres: 1,
    partnersPerCentre: PARTNERS,
    engagementsPerPartner: ENGAGEMENTS_PER_PARTNER,
    asOf: TODAY,
    password: PASSWORD,
    namePrefix: 'Pages',
  });
  await db.query('VACUUM ANALYZE');
  const centre = seeded.centres[0];
  const [busiest] = (
    await db.query(
      `SELECT partner_id AS id, count(*)::int AS engagements FROM engagement_partner WHERE centre_id = $1
       GROUP BY partner_id ORDER BY count(*) DESC LIMIT 1`,
      [centre.id],
    )
  ).rows;
  console.log(`seeded in ${seeded.seconds.toFixed(1)} s; busiest partner: ${busiest.engagements} engagements`);

  running = await startKeepwarm(parseConfig({ ...env, DATABASE_URL: resolved.database.url }), logger);
  const base = running.url;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: seeded.accounts.manager(1), password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`Sign-in failed with ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];

  const pages = [
    ['partner page (busiest partner)', `/partners/${busiest.id}`],
    ['dashboard', '/dashboard'],
    ['partner list', '/partners'],
    ['My week', '/'],
    ['SID campaign', '/sid'],
    ['contacts logged', '/engagements'],
  ];
  const rows = [['page', 'path', 'size', 'p50', 'p95', 'max']];
  for (const [label, path] of pages) {
    for (let i = 0; i < WARM_UP; i++) await page(base, path, cookie);
    const times = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const result = await page(base, path, cookie);
      times.push(result.elapsed);
      bytes = result.bytes;
    }
    times.sort((a, b) => a - b);
    rows.push([
      label,
      path.replace(busiest.id, ':id'),
      `${(bytes / 1024).toFixed(1)} KB`,
      ms(percentile(times, 50)),
      ms(percentile(times, 95)),
      ms(times.at(-1)),
    ]);
  }
  const cpus = os.cpus();
  console.log(
    `\nmachine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ` +
      `PostgreSQL ${pgVersion} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'}); ${RUNS} requests each, one at a time`,
  );
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    console.log(row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  console.log("(Issue 13's target: the partner page and the dashboard page well under 100 ms)");
} finally {
  await running?.stop();
  await close();
}
if (failures.length > 0) {
  console.error(`\n${failures.length} failure(s):\n${failures.slice(0, 10).join('\n')}`);
  process.exitCode = 1;
}
