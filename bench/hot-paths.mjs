// A quick measuring tool for the API's hot paths (issue 15's profile), for A/B runs while changing src/:
// partner by id, the partner list (sector filter, sort by next contact due, 50; overdue=true; search=), and a
// partner's timeline page, each at saturation with autocannon, next to a floor (a bare node:http server doing
// the same primary-key read with pg) measured in the same run, so that the figures are read as ratios on a noisy
// machine. The full suite is `npm run bench` (bench/, issue 15); this one stays small on purpose.
//
//   node bench/hot-paths.mjs seed                 fill BENCH_DATABASE_URL (an empty database) with a network
//   node bench/hot-paths.mjs run [--dist DIR]...  measure; several --dist (builds of the app) alternate, A/B/A/B
//
// Settings: BENCH_DATABASE_URL (required), CENTRES (10), PARTNERS_PER_CENTRE (2000), ENGAGEMENTS_PER_PARTNER (20),
// SECONDS per scenario (8), CONNECTIONS (20), ROUNDS (2), SCENARIOS (comma-separated names), CPU_PROF (a folder:
// the app runs with --cpu-prof there).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { cpuTimes, cpuUsed } from './bench-util.mjs';

const [mode = 'run', ...args] = process.argv.slice(2);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const PASSWORD = 'bench-password-for-hot-paths';
const SECONDS = Number(process.env.SECONDS ?? 8);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const AS_OF = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());

if (mode === 'floor') await floorServer(Number(args[0]));
else if (!DATABASE_URL) throw new Error('Set BENCH_DATABASE_URL to a database this tool may fill');
else if (mode === 'seed') await seed();
else if (mode === 'run') await run(distsOf(args));
else throw new Error(`Unknown mode ${mode}: seed, run`);

function distsOf(list) {
  const dists = [];
  for (let i = 0; i < list.length; i++) if (list[i] === '--dist') dists.push(resolve(list[++i]));
  return dists.length > 0 ? dists : [resolve('dist')];
}

async function seed() {
  const { openBenchDatabase } = await import('./bench-database.mjs');
  const { seedNetwork } = await import('./seed-network.mjs');
  const bench = await openBenchDatabase({});
  try {
    const seeded = await seedNetwork(bench.db, {
      centres: Number(process.env.CENTRES ?? 10),
      partnersPerCentre: Number(process.env.PARTNERS_PER_CENTRE ?? 2000),
      engagementsPerPartner: Number(process.env.ENGAGEMENTS_PER_PARTNER ?? 20),
      asOf: AS_OF,
      password: PASSWORD,
    });
    await bench.db.query('VACUUM ANALYZE');
    console.log(`seeded in ${seeded.seconds.toFixed(1)} s:`, seeded.counts);
  } finally {
    await bench.close();
  }
}

/** The floor: the same primary-key read as partner by id, with pg and node:http only (pool of 10, like the app). */
async function floorServer(port) {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
  const server = http.createServer(async (req, res) => {
    const id = req.url.split('/').pop();
    const { rows } = await pool.query('SELECT * FROM partner WHERE id = $1', [id]);
    res.writeHead(rows.length ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(rows[0] ?? null));
  });
  server.listen(port, '127.0.0.1', () => process.send?.('ready'));
}

function child(command, argv, env) {
  const proc = spawn(command, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return proc;
}

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function startApp(dist, port) {
  const dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-hot-'));
  const prof = process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}`] : [];
  const proc = child(process.execPath, [...prof, join(dist, 'main.js')], {
    DATABASE_URL,
    DATA_DIR: dataDir,
    PORT: String(port),
    ROLE: 'api',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  });
  await waitFor(`http://127.0.0.1:${port}/health/live`);
  return proc;
}

async function stop(proc) {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

function load(url, token) {
  return new Promise((resolvePromise, reject) => {
    const statuses = {};
    const instance = autocannon(
      {
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 30,
      },
      (error, result) => (error ? reject(error) : resolvePromise({ result, statuses })),
    );
    instance.on('response', (_client, statusCode) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

async function run(dists) {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const { rows: centres } = await db.query(`SELECT id FROM centre ORDER BY name LIMIT 1`);
  const { rows: partners } = await db.query(
    `SELECT p.id FROM partner p WHERE p.centre_id = $1 AND p.archived_at IS NULL
      ORDER BY p.last_engagement_at DESC NULLS LAST, p.id LIMIT 1`,
    [centres[0].id],
  );
  const { rows: sectors } = await db.query(
    `SELECT sector FROM partner WHERE centre_id = $1 GROUP BY sector ORDER BY count(*) DESC LIMIT 1`,
    [centres[0].id],
  );
  const { rows: users } = await db.query(`SELECT email FROM app_user WHERE centre_id = $1 AND role = 'manager'`, [
    centres[0].id,
  ]);
  await db.end();
  const partnerId = partners[0].id;
  const scenarios = {
    byId: `/api/v1/partners/${partnerId}`,
    list: `/api/v1/partners?sector=${sectors[0].sector}&sort=nextContactDue&limit=50`,
    overdue: `/api/v1/partners?overdue=true&limit=50`,
    search: `/api/v1/partners?search=ex&limit=50`,
    timeline: `/api/v1/partners/${partnerId}/timeline?limit=50`,
  };
  const wanted = process.env.SCENARIOS?.split(',') ?? Object.keys(scenarios);

  const floorPort = 3990;
  const floor = child(process.execPath, [new URL(import.meta.url).pathname, 'floor', String(floorPort)], {});
  await new Promise((r) => floor.once('message', r));
  const results = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const floorRun = await load(`http://127.0.0.1:${floorPort}/partners/${partnerId}`);
      results.push({ round, build: 'floor', scenario: 'byId', ...figures(floorRun) });
      report(results.at(-1));
      for (const [index, dist] of dists.entries()) {
        const port = 3991 + index;
        const app = await startApp(dist, port);
        try {
          const base = `http://127.0.0.1:${port}`;
          const login = await fetch(`${base}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: users[0].email, password: PASSWORD }),
          });
          if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
          const { accessToken } = await login.json();
          for (const name of wanted) {
            const path = scenarios[name];
            await load(base + path, accessToken).then(() => undefined); // warm up (plans, JIT), not kept
            const backends = await backendPids();
            const cpuBefore = await cpuTimes({ pid: app.pid });
            const dbBefore = await cpuTimes({ pids: backends });
            const measured = await load(base + path, accessToken);
            const cpuMs = cpuUsed(cpuBefore, await cpuTimes({ pid: app.pid })) * 1000;
            const dbMs = cpuUsed(dbBefore, await cpuTimes({ pids: backends })) * 1000;
            const row = { round, build: dist, scenario: name, ...figures(measured) };
            const total = measured.result.requests.total;
            results.push({ ...row, appCpuMsPerRequest: cpuMs / total, dbCpuMsPerRequest: dbMs / total });
            report(
              results.at(-1),
              results.find((r) => r.round === round && r.build === 'floor'),
            );
          }
        } finally {
          await stop(app);
        }
      }
    }
  } finally {
    floor.kill('SIGTERM');
  }
}

/** The PostgreSQL backends of the app's pool (the same machine): their CPU is the database's share of a request. */
async function backendPids() {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const { rows } = await db.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'keepwarm'`,
  );
  await db.end();
  return rows.map((r) => r.pid);
}

function figures({ result, statuses }) {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    statuses,
  };
}

function report(row, floor) {
  const cpu = row.appCpuMsPerRequest
    ? `, CPU per request: app ${row.appCpuMsPerRequest.toFixed(2)} ms + PostgreSQL ${row.dbCpuMsPerRequest.toFixed(2)} ms`
    : '';
  const ratio = floor ? ` (${((100 * row.rps) / floor.rps).toFixed(1)} % of the floor)` : '';
  console.log(
    `round ${row.round} ${row.build.replace(/.*\/(.*\/.*)$/, '$1')} ${row.scenario}: ${row.rps.toFixed(0)} req/s, ` +
      `p50 ${row.p50} ms, p99 ${row.p99} ms${cpu}${ratio} ${JSON.stringify(row.statuses)}${row.errors ? ` errors ${row.errors}` : ''}`,
  );
}
