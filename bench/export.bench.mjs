// Export benchmark (issue 14): `npm run bench:export` (and `npm run bench`); `npm run bench:export -- --small` for a
// quick run. Prints figures, asserts nothing (machines are shared and noisy), and exits non-zero only if the
// download failed (a status other than 200, or fewer rows than the centre has engagements).
//
// Seeds one centre of PARTNERS (100,000; --small 10,000) partners × ENGAGEMENTS_PER_PARTNER (20) engagement links
// with bench/seed-network.mjs (about 2M engagements; --small about 200k), as of today in Brussels, then VACUUM
// ANALYZE. Starts the built app (node dist/main.js, ROLE=api) as its own process, so that its memory is the app's
// alone, signs in as the centre's manager, and downloads GET /api/v1/export/engagements.csv through HTTP, reading
// the body as it arrives. Measures rows/s and MB/s over the whole download, the time to the first byte, and the
// app's resident set size (VmRSS from /proc, every RSS_SAMPLE_MS = 100 ms): before the request, its peak, at each
// quarter of the rows, and at the end. Issue 14's target, printed for reference: exporting 2M engagements streams
// at a steady memory.
//
// Uses BENCH_DATABASE_URL (an empty database it may fill) or starts an embedded PostgreSQL in a temporary directory.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openBenchDatabase } from './bench-database.mjs';
import { seedNetwork } from './seed-network.mjs';

const SMALL = process.argv.includes('--small');
const PARTNERS = Number(process.env.PARTNERS ?? (SMALL ? 10_000 : 100_000));
const ENGAGEMENTS_PER_PARTNER = Number(process.env.ENGAGEMENTS_PER_PARTNER ?? 20);
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
const RSS_SAMPLE_MS = 100;
const PASSWORD = 'bench-password-for-exports';

for (const [name, value] of Object.entries({ PARTNERS, ENGAGEMENTS_PER_PARTNER }))
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`${name} must be a positive whole number`);

const count = (n) => n.toLocaleString('en-GB');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The resident set size of process `pid`, in bytes (Linux). */
async function rssOf(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)[1]) * 1024;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node dist/main.js` with `env`; resolves once GET /health/live answers. */
async function startApp(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ROLE: 'api' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${base}/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 600) throw new Error('The app did not answer /health/live within a minute');
    await sleep(100);
  }
  return {
    base,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const { env, embedded, resolved, db, close } = await openBenchDatabase({ ROLE: 'api' });
let app;
let failed = false;
try {
  const [{ centres: existing }] = (await db.query('SELECT count(*)::int AS centres FROM centre')).rows;
  if (existing > 0)
    throw new Error(
      `The database already has ${existing} centre(s). Give BENCH_DATABASE_URL an empty database (dropdb/createdb), or unset it for an embedded one.`,
    );
  console.log(
    `Export benchmark: one centre × ${count(PARTNERS)} partners × ${ENGAGEMENTS_PER_PARTNER} engagement links, as of ${TODAY}`,
  );
  const seeded = await seedNetwork(db, {
    centres: 1,
    partnersPerCentre: PARTNERS,
    engagementsPerPartner: ENGAGEMENTS_PER_PARTNER,
    asOf: TODAY,
    password: PASSWORD,
    namePrefix: 'Export',
  });
  let started = performance.now();
  await db.query('VACUUM ANALYZE');
  const [{ engagements }] = (
    await db.query('SELECT count(*)::int AS engagements FROM engagement WHERE centre_id = $1', [seeded.centres[0].id])
  ).rows;
  console.log(
    `seeded ${count(seeded.counts.partners)} partners, ${count(engagements)} engagements ` +
      `(${count(seeded.counts.engagementPartners)} engagement–partner links) in ${seeded.seconds.toFixed(1)} s, ` +
      `then VACUUM ANALYZE in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  app = await startApp({ ...env, DATABASE_URL: resolved.database.url });
  const login = await fetch(`${app.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: seeded.accounts.manager(1), password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`Sign-in failed with ${login.status}`);
  const { accessToken } = await login.json();

  // The app's memory, sampled all through the download.
  const samples = [];
  let rows = 0;
  const sampler = setInterval(() => {
    rssOf(app.pid).then(
      (rss) => samples.push({ at: performance.now(), rss, rows }),
      () => {},
    );
  }, RSS_SAMPLE_MS);
  await sleep(3 * RSS_SAMPLE_MS);
  const rssBefore = await rssOf(app.pid);

  started = performance.now();
  const res = await fetch(`${app.base}/api/v1/export/engagements.csv`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  let firstByte;
  let bytes = 0;
  let newlines = 0;
  if (res.status !== 200) {
    failed = true;
    console.error(`GET /api/v1/export/engagements.csv: ${res.status} ${(await res.text()).slice(0, 300)}`);
  } else {
    for await (const chunk of res.body) {
      firstByte ??= performance.now() - started;
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      rows = Math.max(0, newlines - 1);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssEnd = await rssOf(app.pid);
  // A summary or a note may span lines inside quotes: the rows are the engagements, counted by CRLF records here.
  if (!failed && rows < engagements) {
    failed = true;
    console.error(`The download held ${count(rows)} lines, fewer than the ${count(engagements)} engagements`);
  }

  const during = samples.filter((s) => s.at >= started);
  const peak = Math.max(rssBefore, ...during.map((s) => s.rss));
  const atQuarter = [0.25, 0.5, 0.75, 1].map((q) => during.find((s) => s.rows >= q * engagements)?.rss ?? rssEnd);
  console.log('');
  console.log(
    `GET /api/v1/export/engagements.csv: ${count(rows)} rows, ${mb(bytes)} in ${seconds.toFixed(1)} s: ` +
      `${count(Math.round(rows / seconds))} rows/s, ${(bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s; ` +
      `first byte after ${firstByte?.toFixed(0) ?? '–'} ms`,
  );
  console.log(
    `app RSS: ${mb(rssBefore)} before, peak ${mb(peak)} (+${mb(peak - rssBefore)}), ` +
      `at 25/50/75/100 % of the rows ${atQuarter.map(mb).join(' / ')}, ${mb(rssEnd)} at the end ` +
      `(${during.length} samples every ${RSS_SAMPLE_MS} ms)`,
  );
  console.log(
    `target (issue 14): exporting 2M engagements streams at a steady memory` +
      (engagements < 1_000_000 ? ` (this run: ${count(engagements)} engagements)` : ''),
  );
  console.log(`PostgreSQL ${embedded ? 'embedded' : 'from BENCH_DATABASE_URL'}`);
} finally {
  await app?.stop();
  await close();
}
if (failed) process.exitCode = 1;
