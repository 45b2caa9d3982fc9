// Import benchmark (issue 14): `npm run bench:import` (and `npm run bench`). Prints figures, asserts nothing (machines
// are shared and noisy), and exits non-zero only if the import failed.
//
// Generates a CSV of ROWS (50,000) partners, each with a contact, tags, a website, notes (UTF-8, `;`-separated,
// CRLF, some quoted cells and accents), boots the built app (dist/, ROLE=api) on an empty database whose first run
// makes the centre and its admin, signs the admin in, and POSTs the file to /api/v1/import/partners twice: a dry run
// (read and check every row), then the commit (dryRun=false: one transaction, batched inserts and audit rows).
// Prints each request's seconds and the app process's peak RSS growth over its resident size before the upload
// (the app runs in this process; the CSV is built before the baseline is taken). Issue 14's target, printed for
// reference: 50,000 rows with contacts in ≤ 10 s, peak RSS growth ≤ 200 MB.
//
// Uses BENCH_DATABASE_URL (an empty database it may fill) or starts an embedded PostgreSQL in a temporary directory.
/* global FormData, Blob -- Node's own, as fetch is */
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../dist/config/app-config.js';
import { startKeepwarm } from '../dist/keepwarm.js';
import { openBenchDatabase } from './bench-database.mjs';

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

/** Samples the process's resident size while `work` runs: the peak growth over `baseline`. */
async function peakRssGrowth(work) {
  const baseline = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await work();
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    // The kernel's high-water mark catches a peak between two samples, when it rose during the work.
    if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}

const { env, logger, resolved, embedded, db, close } = await openBenchDatabase({
  PORT: '0',
  ROLE: 'api',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
});
let running;
let failed = false;
try {
  const [{ server_version: pgVersion }] = (await db.query('SHOW server_version')).rows;
  running = await startKeepwarm(parseConfig({ ...env, DATABASE_URL: resolved.database.url }), logger);
  const [{ centres }] = (await db.query('SELECT count(*)::int AS centres FROM centre')).rows;
  if (centres !== 1) throw new Error(`Expected the first run's one centre, found ${centres}; give an empty database`);
  const base = running.url;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`Sign-in failed with ${login.status}`);
  const { accessToken } = await login.json();

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

  const rows = [['request', 'seconds', 'peak RSS growth', 'answer']];
  for (const dryRun of [true, false]) {
    const { result, growth } = await peakRssGrowth(() => post(dryRun));
    const { rows: n, created, updated, skipped } = result.body;
    rows.push([
      dryRun ? 'dry run' : 'commit',
      result.seconds.toFixed(1),
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
      `PostgreSQL ${pgVersion} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'})`,
  );
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    console.log(
      row.map((cell, i) => (i === 0 || i === 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '),
    );
  console.log(`written: ${partners} partners, ${contacts} contacts, ${audits} audit rows`);
  console.log("(Issue 14's target: 50,000 rows with contacts in ≤ 10 s, peak RSS growth ≤ 200 MB)");
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await running?.stop();
  await close();
}
if (failed) process.exitCode = 1;
