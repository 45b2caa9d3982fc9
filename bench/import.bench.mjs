// Import benchmark (issue 14): `npm run bench:import` (and `npm run bench`). Prints figures, asserts nothing (machines
// are shared and noisy), and exits non-zero only if the import failed.
//
// Generates a CSV of ROWS (50,000) partners, each with a contact, tags, a website, notes (UTF-8, `;`-separated,
// CRLF, some quoted cells and accents), starts the built app (`node dist/main.js`, ROLE=api) as its own process on
// an empty database whose first run makes the centre and its admin, signs the admin in, and POSTs the file to
// /api/v1/import/partners twice: a dry run (read and check every row), then the commit (dryRun=false: one
// transaction, batched inserts and audit rows). Prints each request's seconds and the app process's peak RSS growth
// over its resident size before the upload (VmRSS from /proc, sampled every 20 ms from this process, so a busy
// event loop in the app does not hide a peak). Issue 14's target, printed for reference: 50,000 rows with contacts
// in ≤ 10 s, peak RSS growth ≤ 200 MB. Beside each request's seconds: the CPU seconds the app process and the
// PostgreSQL processes (all those named postgres on this machine) used meanwhile, from /proc; a commit bound by
// PostgreSQL shows its seconds close to PostgreSQL's CPU seconds (one transaction runs on one server process, so on
// one core). The machine line gives the seconds one core takes for a fixed loop, to compare runs at different times.
// APP_NODE_ARGS passes options to the app's node (`APP_NODE_ARGS=--cpu-prof` writes a CPU profile of the app).
//
// Uses BENCH_DATABASE_URL (an empty database it may fill) or starts an embedded PostgreSQL in a temporary directory.
/* global FormData, Blob -- Node's own, as fetch is */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openBenchDatabase } from './bench-database.mjs';
import { cpuTimes, cpuUsed } from './bench-util.mjs';

const ROWS = Number(process.env.ROWS ?? 50000);
const ADMIN = { email: 'bench.admin@example.org', password: 'bench-password-for-import' };
const SECTORS = ['education', 'industry', 'telecom', 'government'];
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The file a centre would bring from its spreadsheet: one partner and one contact a row. */
function partnersCsv(rows) {
  const lines = [
    'Organisation;Sector;Website;Country;Region;Tags;Notes;Contact name;Contact email;Contact phone;Contact job title',
  ];
  for (let i = 1; i <= rows; i++) {
    const notes = i % 10 === 0 ? `"Met at SID; follow up\r\nin spring"` : '';
    lines.push(
      [
        `Partenaire ${i} École`,
        SECTORS[i % SECTORS.length],
        `https://p${i}.example.org`,
        'BE',
        'Liège',
        'sid|schools',
        notes,
        `Zoë Person ${i}`,
        `person${i}@p${i}.example.org`,
        '+32 2 123 45 67',
        'Head of outreach',
      ].join(';'),
    );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The resident size of process `pid`, in bytes (Linux /proc). */
function rssOf(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line)[1]) * 1024;
}

/**
 * How fast one core of this machine is at the moment: the seconds a fixed single-threaded loop takes. A shared
 * machine's speed varies over the day; comparing this figure tells whether two runs' seconds can be compared.
 */
function coreSpeed() {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0;
  return { seconds: (performance.now() - started) / 1000, x };
}

/** Samples the app's resident size while `work` runs: the peak growth over its size before. */
async function peakRssGrowth(pid, work) {
  const baseline = rssOf(pid);
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The built app as its own process; resolves once it answers /health/live. */
async function startApp(env) {
  const child = spawn(
    process.execPath,
    [...(process.env.APP_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/main.js'],
    {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    },
  );
  const base = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}`);
    const live = await fetch(`${base}/health/live`).catch(() => undefined);
    if (live?.status === 200) return { child, base };
    await sleep(100);
  }
  child.kill('SIGTERM');
  throw new Error('The app did not start within 60 s');
}

const { env, resolved, embedded, db, close } = await openBenchDatabase({
  ROLE: 'api',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
});
let app;
let failed = false;
try {
  const [{ server_version: pgVersion }] = (await db.query('SHOW server_version')).rows;
  app = await startApp({ ...env, DATABASE_URL: resolved.database.url, PORT: String(await freePort()) });
  const [{ centres }] = (await db.query('SELECT count(*)::int AS centres FROM centre')).rows;
  if (centres !== 1) throw new Error(`Expected the first run's one centre, found ${centres}; give an empty database`);
  const { base } = app;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`Sign-in failed with ${login.status}`);
  const { accessToken } = await login.json();

  const speed = coreSpeed();
  const file = partnersCsv(ROWS);
  console.log(`Import benchmark: ${ROWS.toLocaleString('en-GB')} partners with a contact each, ${mb(file.length)} CSV`);

  const post = async (dryRun) => {
    const form = new FormData();
    form.append('file', new Blob([file], { type: 'text/csv' }), 'partners.csv');
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/import/partners?dryRun=${dryRun}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    const body = await res.json();
    const seconds = (performance.now() - started) / 1000;
    if (res.status !== 200) throw new Error(`Import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return { seconds, body };
  };

  const rows = [['request', 'seconds', 'app CPU s', 'PostgreSQL CPU s', 'peak RSS growth', 'answer']];
  for (const dryRun of [true, false]) {
    const before = { app: await cpuTimes({ pid: app.child.pid }), pg: await cpuTimes({ name: 'postgres' }) };
    const { result, growth } = await peakRssGrowth(app.child.pid, () => post(dryRun));
    const { rows: n, created, updated, skipped } = result.body;
    rows.push([
      dryRun ? 'dry run' : 'commit',
      result.seconds.toFixed(1),
      cpuUsed(before.app, await cpuTimes({ pid: app.child.pid })).toFixed(1),
      cpuUsed(before.pg, await cpuTimes({ name: 'postgres' })).toFixed(1),
      mb(growth),
      `rows ${n}, created ${created}, updated ${updated}, skipped ${skipped}`,
    ]);
  }
  const [{ partners, contacts, audits }] = (
    await db.query(
      `SELECT (SELECT count(*)::int FROM partner) AS partners, (SELECT count(*)::int FROM contact) AS contacts,
              (SELECT count(*)::int FROM audit_event WHERE entity_type IN ('partner', 'contact', 'partner_import')) AS audits`,
    )
  ).rows;
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ` +
      `PostgreSQL ${pgVersion} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'}); one core ran a fixed loop of ` +
      `3×10⁸ steps in ${speed.seconds.toFixed(2)} s (lower is faster: the machine's speed at the time)`,
  );
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    console.log(
      row.map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '),
    );
  console.log(`written: ${partners} partners, ${contacts} contacts, ${audits} audit rows`);
  console.log("(Issue 14's target: 50,000 rows with contacts in ≤ 10 s, peak RSS growth ≤ 200 MB)");
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  if (app) {
    const exited = new Promise((resolve) => app.child.once('exit', resolve));
    app.child.kill('SIGTERM');
    await exited;
  }
  await close();
}
if (failed) process.exitCode = 1;
