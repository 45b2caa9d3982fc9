// Dashboard benchmark (issue 12): `npm run bench:dashboard` (and `npm run bench`); `npm run bench:dashboard -- --small`
// for a quick run (5 centres × 200 partners). Prints figures, asserts nothing (machines are shared and noisy), and
// exits non-zero only if a request failed (an error, a timeout or a status other than 2xx).
//
// Seeds CENTRES (50) × PARTNERS_PER_CENTRE (2,000) partners × ENGAGEMENTS_PER_PARTNER (20) engagements on average
// with bench/seed-network.mjs, as of AS_OF (default: today in Europe/Brussels, the bench centres' zone and so the
// dashboard's default day), then VACUUM ANALYZE. Boots the built app (dist/, ROLE=api) as an HTTP server on a free
// port, signs in through POST /api/v1/auth/login, and measures:
// - GET /api/v1/dashboard?asOf=AS_OF as the manager of the first centre, with autocannon at DASHBOARD_RATE (20)
//   requests/s over DASHBOARD_CONNECTIONS (4) connections for DASHBOARD_SECONDS (20), after a 5 s warm-up.
//   autocannon's rate is a quota per connection per second: each connection sends its share back to back at the
//   start of each second, so requests come in bursts of up to DASHBOARD_CONNECTIONS at once. Percentiles are
//   worked out here from every response time (autocannon's own histogram has no p95, and with a rate it also
//   records made-up values for the requests it thinks were held back);
// - GET /api/v1/network/dashboard?asOf=AS_OF as the network admin, NETWORK_RUNS (10) times one after another after
//   two warm-up requests.
// Issue 12's targets, printed for reference: one centre's dashboard p95 ≤ 150 ms at 20 requests/s; the network
// roll-up ≤ 1 s.
//
// Uses BENCH_DATABASE_URL (an empty database it may fill: the roll-up counts every centre in it) or starts an
// embedded PostgreSQL in a temporary directory.
import 'reflect-metadata';
import autocannon from 'autocannon';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../dist/config/app-config.js';
import { startKeepwarm } from '../dist/keepwarm.js';
import { openBenchDatabase } from './bench-database.mjs';
import { seedNetwork } from './seed-network.mjs';

const SMALL = process.argv.includes('--small');
const CENTRES = Number(process.env.CENTRES ?? (SMALL ? 5 : 50));
const PARTNERS_PER_CENTRE = Number(process.env.PARTNERS_PER_CENTRE ?? (SMALL ? 200 : 2000));
const ENGAGEMENTS_PER_PARTNER = Number(process.env.ENGAGEMENTS_PER_PARTNER ?? 20);
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
const AS_OF = process.env.AS_OF ?? TODAY;
const RATE = Number(process.env.DASHBOARD_RATE ?? 20);
const CONNECTIONS = Number(process.env.DASHBOARD_CONNECTIONS ?? 4);
const SECONDS = Number(process.env.DASHBOARD_SECONDS ?? 20);
const WARM_UP_SECONDS = 5;
const NETWORK_RUNS = Number(process.env.NETWORK_RUNS ?? 10);
const NETWORK_WARM_UP = 2;
const PASSWORD = 'bench-password-for-dashboards';

if (!/^\d{4}-\d{2}-\d{2}$/.test(AS_OF)) throw new Error(`AS_OF must be a date like 2027-05-12, not "${AS_OF}"`);
for (const [name, value] of Object.entries({ CENTRES, PARTNERS_PER_CENTRE, ENGAGEMENTS_PER_PARTNER, RATE, SECONDS }))
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`${name} must be a positive whole number`);

/** Nearest-rank percentile of sorted numbers. */
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (value) => (value === undefined ? '–' : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const count = (n) => n.toLocaleString('en-GB');

const failures = [];

/** Busy share of all cores since `from` (os.cpus() times): the app, PostgreSQL and autocannon together. */
const cpuTimes = () =>
  os.cpus().reduce(
    (sum, { times }) => ({
      busy: sum.busy + times.user + times.nice + times.sys + times.irq,
      idle: sum.idle + times.idle,
    }),
    { busy: 0, idle: 0 },
  );
const busySince = (from) => {
  const now = cpuTimes();
  return (now.busy - from.busy) / (now.busy - from.busy + now.idle - from.idle);
};

/** A JSON request; a failure is recorded (and makes the exit code non-zero), and the body comes back anyway. */
async function request(base, path, { token, body } = {}) {
  const started = performance.now();
  const res = await fetch(base + path, {
    method: body ? 'POST' : 'GET',
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const elapsed = performance.now() - started;
  if (res.status < 200 || res.status > 299) failures.push(`${path}: ${res.status} ${text.slice(0, 300)}`);
  return { status: res.status, json: text ? JSON.parse(text) : undefined, bytes: Buffer.byteLength(text), elapsed };
}

async function signIn(base, email) {
  const { status, json } = await request(base, '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  if (status !== 200) throw new Error(`Sign-in of ${email} failed with ${status}`);
  return json.accessToken;
}

/** autocannon at a fixed rate; every response time and status is kept. */
function load(url, token, seconds) {
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = {};
    const instance = autocannon(
      {
        url,
        headers: { authorization: `Bearer ${token}` },
        connections: CONNECTIONS,
        overallRate: RATE,
        duration: seconds,
        timeout: 30,
        ignoreCoordinatedOmission: true,
      },
      (error, result) => (error ? reject(error) : resolve({ result, times, statuses })),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

const { env, logger, resolved, embedded, db, close } = await openBenchDatabase({ PORT: '0', ROLE: 'api' });
let running;
try {
  const [{ centres: existing }] = (await db.query('SELECT count(*)::int AS centres FROM centre')).rows;
  if (existing > 0)
    throw new Error(
      `The database already has ${existing} centre(s): the network roll-up would count them. Give BENCH_DATABASE_URL an empty database (dropdb/createdb), or unset it for an embedded one.`,
    );
  const [{ server_version: pgVersion }] = (await db.query('SHOW server_version')).rows;

  console.log(
    `Dashboard benchmark: ${count(CENTRES)} centres × ${count(PARTNERS_PER_CENTRE)} partners × ${ENGAGEMENTS_PER_PARTNER} engagements, ` +
      `as of ${AS_OF}${AS_OF === TODAY ? ' (today in Brussels)' : ''}`,
  );
  const seeded = await seedNetwork(db, {
    centres: CENTRES,
    partnersPerCentre: PARTNERS_PER_CENTRE,
    engagementsPerPartner: ENGAGEMENTS_PER_PARTNER,
    asOf: AS_OF,
    password: PASSWORD,
  });
  let started = performance.now();
  await db.query('VACUUM ANALYZE');
  const vacuumSeconds = (performance.now() - started) / 1000;
  const { counts } = seeded;
  console.log(
    `seeded ${count(counts.centres)} centres, ${count(counts.partners)} partners, ${count(counts.engagements)} engagements ` +
      `(${count(counts.engagementPartners)} engagement–partner links), ${count(counts.sidRoles)} SID roles, ${count(counts.boardSeats)} board seats ` +
      `in ${seeded.seconds.toFixed(1)} s, then VACUUM ANALYZE in ${vacuumSeconds.toFixed(1)} s`,
  );
  console.log(
    `  (${Object.entries(seeded.timings)
      .map(([step, seconds]) => `${step} ${seconds.toFixed(1)} s`)
      .join(', ')})`,
  );

  running = await startKeepwarm(parseConfig({ ...env, DATABASE_URL: resolved.database.url }), logger);
  const base = running.url;
  const centre = seeded.centres[0];
  const managerToken = await signIn(base, seeded.accounts.manager(1));
  const adminToken = await signIn(base, seeded.accounts.networkAdmin);
  const centrePath = `/api/v1/dashboard?asOf=${AS_OF}`;
  const networkPath = `/api/v1/network/dashboard?asOf=${AS_OF}`;

  // The first request of each (cold caches), and what the figures look like.
  const first = await request(base, centrePath, { token: managerToken });
  const d = first.json;
  if (first.status === 200)
    console.log(
      `${centre.name}: ${count(d.partners.total)} partners, ${count(d.partners.engaged)} engaged, ${count(d.partners.overdue)} overdue, ` +
        `year-round rate ${d.yearRound.rate?.toFixed(2)}, ${count(d.seasonal.count)} seasonal, retention ` +
        d.retention.map((r) => `${r.sidYear} ${r.retained}/${r.cohort}`).join(', ') +
        `; ${d.engagementsByMonth.length} month×type rows, ${d.boards.length} board(s); ${(first.bytes / 1024).toFixed(1)} KB; ` +
        `first request ${ms(first.elapsed)}`,
    );
  const firstNetwork = await request(base, networkPath, { token: adminToken });
  if (firstNetwork.status === 200) {
    const t = firstNetwork.json.total;
    console.log(
      `network: ${firstNetwork.json.centres.length} centres, ${count(t.partners)} partners, ${count(t.engaged)} engaged, ` +
        `year-round rate ${t.yearRoundRate?.toFixed(2)}, ${count(t.seasonalCount)} seasonal, ${count(t.overdueCount)} overdue, ` +
        `compliance ${t.complianceRate?.toFixed(2)}; ${(firstNetwork.bytes / 1024).toFixed(1)} KB; first request ${ms(firstNetwork.elapsed)}`,
    );
  }

  // One centre's dashboard under a steady load: a warm-up, then the measured run.
  const warmUp = await load(base + centrePath, managerToken, WARM_UP_SECONDS);
  const cpuBefore = cpuTimes();
  const measured = await load(base + centrePath, managerToken, SECONDS);
  const centreBusy = busySince(cpuBefore);
  for (const run of [warmUp, measured]) {
    const { result, statuses } = run;
    const bad = Object.entries(statuses).filter(([status]) => !status.startsWith('2'));
    if (result.errors > 0 || result.timeouts > 0 || bad.length > 0)
      failures.push(
        `GET ${centrePath} under load: ${result.errors} error(s), ${result.timeouts} timeout(s), ` +
          `statuses ${JSON.stringify(statuses)}`,
      );
  }
  const times = [...measured.times].sort((a, b) => a - b);
  const centreFailed =
    measured.result.errors +
    measured.result.timeouts +
    Object.entries(measured.statuses)
      .filter(([status]) => !status.startsWith('2'))
      .reduce((n, [, k]) => n + k, 0);

  // The network roll-up, one request after another.
  for (let i = 0; i < NETWORK_WARM_UP; i++) await request(base, networkPath, { token: adminToken });
  const rollUps = [];
  let networkFailed = 0;
  const networkCpuBefore = cpuTimes();
  for (let i = 0; i < NETWORK_RUNS; i++) {
    const before = failures.length;
    rollUps.push((await request(base, networkPath, { token: adminToken })).elapsed);
    networkFailed += failures.length - before;
  }
  const networkBusy = busySince(networkCpuBefore);
  rollUps.sort((a, b) => a - b);

  const cpus = os.cpus();
  console.log('');
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${pgVersion} ` +
      `(${embedded ? 'embedded' : 'BENCH_DATABASE_URL'})`,
  );
  const rows = [
    ['', 'load', 'requests', 'p50', 'p95', 'p99', 'max', 'failed', 'CPU busy'],
    [
      `GET /api/v1/dashboard (${centre.name})`,
      `${RATE}/s over ${Math.min(CONNECTIONS, RATE)} conn., ${SECONDS} s: ${(measured.times.length / measured.result.duration).toFixed(1)}/s done`,
      count(measured.times.length),
      ms(percentile(times, 50)),
      ms(percentile(times, 95)),
      ms(percentile(times, 99)),
      ms(times.at(-1)),
      String(centreFailed),
      `${(centreBusy * 100).toFixed(0)}%`,
    ],
    [
      `GET /api/v1/network/dashboard (${seeded.centres.length} centres)`,
      'one at a time',
      count(rollUps.length),
      ms(percentile(rollUps, 50)),
      ms(percentile(rollUps, 95)),
      '–',
      ms(rollUps.at(-1)),
      String(networkFailed),
      `${(networkBusy * 100).toFixed(0)}%`,
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    console.log(row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  console.log(
    `(CPU busy: all ${cpus.length} cores, app, PostgreSQL and autocannon together. Issue 12 targets: the centre dashboard ` +
      'p95 ≤ 150 ms at 20 requests/s; the network roll-up ≤ 1 s)',
  );
} finally {
  await running?.stop();
  await close();
}
if (failures.length > 0) {
  console.error(`\n${failures.length} failure(s):\n${failures.slice(0, 10).join('\n')}`);
  process.exitCode = 1;
}
