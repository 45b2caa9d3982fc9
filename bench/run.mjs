// The benchmark suite (issue 15): `npm run bench` (the network at full size: about half an hour on a 2-core
// machine, with the export and import benchmarks), `npm run bench:small` (about a twentieth of the data, one run
// per figure: a quick check that it all works, not figures to quote). Writes bench/results/latest.json (every
// figure, the ratios to the floor, the gates of issues 15 and 14 with their limits and pass/fail, the machine) and
// prints a table. Exits non-zero when a request failed or a benchmark crashed; a missed gate is reported, not an
// exit code (machines are shared and noisy).
//
// In order: the build (timed: `npm run build`), start-up (bench/startup.mjs), the network dataset into an embedded
// PostgreSQL or BENCH_DATABASE_URL (bench/network-dataset.mjs over bench/seed-network.mjs), the reminder scan over
// it and BullMQ's PostgreSQL and Redis backends (bench/jobs.mjs), the HTTP scenarios against the floor
// (bench/http-scenarios.mjs), then every bench/*.bench.mjs as a child process in turn (dashboard, pages, reminder
// scan, mail delivery and whatever else follows the convention), their output kept in the report.
//
// Flags: --small; --no-build (dist/ is current); --no-others (skip the bench/*.bench.mjs children). Settings:
// RUNS (3, or 1 with --small: runs of each gated HTTP figure, the median reported), HTTP_SECONDS (15 or 5),
// CENTRES, PARTNERS_PER_CENTRE, ENGAGEMENTS_PER_PARTNER, USERS_PER_CENTRE, CONTACTS_PER_PARTNER, DB_POOL_SIZE (10),
// WORKER_CONCURRENCY (5), QUEUE_JOBS (10,000 or 2,000), BENCH_REDIS_URL (redis://127.0.0.1:6379),
// BENCH_DATABASE_URL (an empty database it may fill).
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SMALL = process.argv.includes('--small');
const RUNS = Number(process.env.RUNS ?? (SMALL ? 1 : 3));
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUEUE_JOBS = Number(process.env.QUEUE_JOBS ?? (SMALL ? 2000 : 10_000));
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
/** The existing benches' settings for a quick run (each keeps its own defaults at full size). */
const SMALL_ENV = {
  'pages.bench.mjs': { PARTNERS: '500', RUNS: '10' },
  'reminder-scan.bench.mjs': { CENTRES: '5', PARTNERS_PER_CENTRE: '1000' },
  'mail-delivery.bench.mjs': { EMAILS: '1000' },
};

const log = (line) => console.log(`[bench] ${line}`);
const report = { small: SMALL, runs: RUNS, date: new Date().toISOString() };
let failed = false;

// The build, timed on its own: start-up is measured after it.
if (!process.argv.includes('--no-build')) {
  const from = performance.now();
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  report.buildSeconds = Number(((performance.now() - from) / 1000).toFixed(1));
  log(`build: ${report.buildSeconds} s`);
}
// dist/ exists only now.
const { round } = await import('./bench-util.mjs');
const { runStartup } = await import('./startup.mjs');
const { openBenchDatabase } = await import('./bench-database.mjs');
const { datasetSize, seedBenchNetwork } = await import('./network-dataset.mjs');
const { runReminderScan, runQueueThroughput } = await import('./jobs.mjs');
const { runHttp } = await import('./http-scenarios.mjs');

report.startup = await runStartup();
log(`first start ${report.startup.firstStartSeconds} s, restart ${report.startup.restartSeconds} s`);

const database = await openBenchDatabase({ ROLE: 'api' });
try {
  const { db, resolved, embedded } = database;
  const [{ centres: existing }] = (await db.query('SELECT count(*)::int AS centres FROM centre')).rows;
  if (existing > 0)
    throw new Error(`The database already has ${existing} centre(s); give BENCH_DATABASE_URL an empty one`);
  report.postgres = {
    version: (await db.query('SHOW server_version')).rows[0].server_version,
    where: embedded ? 'embedded' : 'BENCH_DATABASE_URL',
  };
  const size = datasetSize(SMALL);
  log(`seeding ${size.centres} centres × ${size.partnersPerCentre} partners …`);
  const seeded = await seedBenchNetwork(db, size, TODAY);
  report.dataset = {
    asOf: TODAY,
    size,
    counts: seeded.counts,
    seconds: round(seeded.seconds, 1),
    timings: Object.fromEntries(Object.entries(seeded.timings).map(([k, v]) => [k, round(v, 2)])),
  };
  log(`seeded in ${report.dataset.seconds} s: ${JSON.stringify(seeded.counts)}`);

  report.reminderScan = await runReminderScan({ resolved, asOf: TODAY });
  log(`reminder scan: ${JSON.stringify(report.reminderScan)}`);

  report.http = await runHttp({
    db,
    databaseUrl: resolved.database.url,
    dataDir: database.env.DATA_DIR,
    seeded,
    asOf: TODAY,
    small: SMALL,
    runs: RUNS,
    log,
  });
  const bad = report.http.scenarios.filter((s) => s.errors + s.non2xx > 0);
  if (bad.length > 0 || report.http.floor.errors + report.http.floor.non2xx > 0) failed = true;

  report.queue = await runQueueThroughput({
    databaseUrl: resolved.database.url,
    redisUrl: REDIS_URL,
    jobs: QUEUE_JOBS,
  });
  log(`BullMQ: ${JSON.stringify(report.queue)}`);
} finally {
  await database.close();
}

// Every bench/*.bench.mjs, one after another, as they run alone.
report.benches = [];
if (!process.argv.includes('--no-others')) {
  const files = (await readdir(new URL('.', import.meta.url))).filter((f) => f.endsWith('.bench.mjs')).sort();
  for (const file of files) {
    log(`${file} …`);
    const from = performance.now();
    const { code, output } = await runChild(file, SMALL ? ['--small'] : [], SMALL ? (SMALL_ENV[file] ?? {}) : {});
    const entry = { file, exitCode: code, seconds: round((performance.now() - from) / 1000, 1), output };
    if (code !== 0) failed = true;
    report.benches.push(entry);
  }
  // The 10k digests' figure, from the mail benchmark's output.
  const mail = report.benches.find((b) => b.file === 'mail-delivery.bench.mjs');
  const delivered = mail && /delivered (\d+) emails .* in ([\d.]+) s/.exec(mail.output);
  if (delivered) report.digests = { emails: Number(delivered[1]), seconds: Number(delivered[2]) };
  // The import's commit and the export's memory, from their benchmarks' output.
  const imported = report.benches.find((b) => b.file === 'import.bench.mjs')?.output;
  const importRows = imported && /Import benchmark: ([\d,]+) partners/.exec(imported);
  const commit = imported && /^commit +([\d.]+) +[\d.]+ +[\d.]+ +(\d+) MB/m.exec(imported);
  if (importRows && commit)
    report.import = {
      rows: Number(importRows[1].replaceAll(',', '')),
      commitSeconds: Number(commit[1]),
      peakRssGrowthMb: Number(commit[2]),
    };
  const exported = report.benches.find((b) => b.file === 'export.bench.mjs')?.output;
  const exportRows = exported && /export\/engagements\.csv: ([\d,]+) rows/.exec(exported);
  const quarters =
    exported && /at 25\/50\/75\/100 % of the rows (\d+) MB \/ (\d+) MB \/ (\d+) MB \/ (\d+) MB/.exec(exported);
  if (exportRows && quarters)
    report.export = {
      rows: Number(exportRows[1].replaceAll(',', '')),
      rssAtQuartersMb: quarters.slice(1).map(Number),
    };
}

report.machine = {
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model.trim(),
  memoryGb: round(os.totalmem() / 1024 ** 3, 1),
  loadAverage: os.loadavg().map((l) => round(l, 2)),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};
report.gates = gates(report);
await mkdir(new URL('results/', import.meta.url), { recursive: true });
await writeFile(new URL('results/latest.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
printTable(report);
log('written to bench/results/latest.json');
if (failed) {
  console.error('[bench] a request failed or a benchmark crashed: see above and latest.json');
  process.exitCode = 1;
}

/** Runs one bench file with `args` and extra `env`, its output shown and kept. */
function runChild(file, args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(file, import.meta.url)), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr])
      stream.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
    child.on('exit', (code) => resolve({ code, output: output.slice(-20_000) }));
  });
}

/** The gates: each with its limit, the measured value and whether it holds (null when not measured). */
function gates(r) {
  const scenario = (key) => r.http?.scenarios.find((s) => s.key === key);
  const gate = (name, value, limit, holds) => ({
    gate: name,
    value: value ?? null,
    limit,
    pass: value === undefined || value === null ? null : holds(value),
  });
  const httpFailures = r.http ? r.http.scenarios.reduce((n, s) => n + s.errors + s.non2xx, 0) : undefined;
  return [
    gate(
      'partner by id, saturated: share of the floor req/s',
      scenario('partnerById')?.ratioToFloor,
      '≥ 0.40',
      (v) => v >= 0.4,
    ),
    gate('partner by id at 300 req/s: p99 ms', scenario('partnerById300')?.p99, '≤ 25', (v) => v <= 25),
    gate('partner list at 100 req/s: p99 ms', scenario('partnerList100')?.p99, '≤ 50', (v) => v <= 50),
    gate(
      'partner list: SQL statements per request',
      scenario('partnerList')?.statementsPerRequest,
      '≤ 3',
      (v) => v <= 3,
    ),
    gate('timeline page at 100 req/s: p99 ms', scenario('timeline100')?.p99, '≤ 30', (v) => v <= 30),
    gate('dashboard of one centre at 20 req/s: p95 ms', scenario('dashboard20')?.p95, '≤ 150', (v) => v <= 150),
    gate('network roll-up: median ms', r.http?.networkRollUp.medianMs, '≤ 1000', (v) => v <= 1000),
    gate(
      `reminder scan of all ${r.reminderScan?.centres} centres: s`,
      r.reminderScan?.firstRun.seconds,
      '≤ 5',
      (v) => v <= 5,
    ),
    gate(`${r.digests?.emails ?? 10000} digests to an SMTP sink: s`, r.digests?.seconds, '≤ 60', (v) => v <= 60),
    gate('app peak RSS under the HTTP load: MB', r.http?.app.peakRssMb, '≤ 300', (v) => v <= 300),
    gate('first start after the build: s', r.startup?.firstStartSeconds, '≤ 15', (v) => v <= 15),
    gate('restart after the build: s', r.startup?.restartSeconds, '≤ 3', (v) => v <= 3),
    gate('HTTP errors and non-2xx answers', httpFailures, '= 0', (v) => v === 0),
    gate(
      `import of ${r.import?.rows.toLocaleString('en-GB') ?? '50,000'} rows with contacts, commit: s`,
      r.import?.commitSeconds,
      '≤ 10',
      (v) => v <= 10,
    ),
    gate('that import: peak RSS growth MB', r.import?.peakRssGrowthMb, '≤ 200', (v) => v <= 200),
    gate(
      `export of ${r.export?.rows.toLocaleString('en-GB') ?? '2M'} engagements: RSS growth after a quarter MB`,
      r.export && r.export.rssAtQuartersMb[3] - r.export.rssAtQuartersMb[0],
      '≤ 50',
      (v) => v <= 50,
    ),
  ];
}

function printTable(r) {
  const table = (rows) => {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i] ?? '').length)));
    for (const row of rows)
      console.log(
        row
          .map((cell, i) =>
            String(cell ?? '')
              .padEnd(i === 0 ? widths[i] : 0)
              .padStart(i === 0 ? 0 : widths[i]),
          )
          .join('  '),
      );
    console.log('');
  };
  const m = r.machine;
  console.log(
    `\nKeepwarm benchmark${r.small ? ' (--small: quick check, not figures to quote)' : ''}, ${r.date}\n` +
      `machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}, load ${m.loadAverage.join(' ')}; ` +
      `PostgreSQL ${r.postgres?.version} (${r.postgres?.where})\n` +
      `data: ${JSON.stringify(r.dataset?.counts)} seeded in ${r.dataset?.seconds} s; build ${r.buildSeconds ?? '–'} s\n`,
  );
  if (r.http) {
    const f = r.http.floor;
    const { connections, seconds, runs } = r.http.settings;
    console.log(
      `HTTP: ${connections} connections, ${seconds} s per run, median of ${runs} run(s) for the gated figures`,
    );
    table([
      ['scenario', 'rate', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '× floor', 'SQL/req', 'errors'],
      [f.label, 'saturated', f.reqPerSec, f.p50, f.p95, f.p99, '1', '1', f.errors + f.non2xx],
      ...r.http.scenarios.map((s) => [
        s.label,
        s.rate,
        s.reqPerSec,
        s.p50,
        s.p95,
        s.p99,
        s.ratioToFloor,
        s.statementsPerRequest,
        s.errors + s.non2xx,
      ]),
    ]);
    console.log(
      `raw SQL of the floor's read: p50 ${r.http.rawSql.p50} ms; network roll-up: median ${r.http.networkRollUp.medianMs} ms; ` +
        `app RSS idle ${r.http.app.idleRssMb} MB, peak ${r.http.app.peakRssMb} MB\n`,
    );
  }
  const q = r.queue;
  if (q)
    console.log(
      `BullMQ no-op jobs (concurrency ${q.concurrency}): PostgreSQL ${q.postgres.jobsPerSec} jobs/s, ` +
        `Redis ${q.redis.jobsPerSec ?? q.redis.skipped} jobs/s`,
    );
  if (r.reminderScan)
    console.log(
      `reminder scan (${r.reminderScan.centres} centres, ${r.reminderScan.concurrency} at a time): dry run ${r.reminderScan.dryRun.seconds} s, ` +
        `first run ${r.reminderScan.firstRun.seconds} s (${r.reminderScan.firstRun.created} reminders written)`,
    );
  console.log(`start-up: first ${r.startup.firstStartSeconds} s, restart ${r.startup.restartSeconds} s`);
  for (const b of r.benches) console.log(`${b.file}: exit ${b.exitCode} in ${b.seconds} s`);
  console.log('');
  table([
    ['gate', 'value', 'limit', 'result'],
    ...r.gates.map((g) => [
      g.gate,
      g.value ?? '–',
      g.limit,
      g.pass === null ? 'not measured' : g.pass ? 'pass' : 'FAIL',
    ]),
  ]);
}
