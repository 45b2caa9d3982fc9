// HTTP scenarios of `npm run bench` (bench/run.mjs): the BUILT app (`node dist/main.js`, ROLE=api) as a child
// process on the seeded network, loaded with autocannon as real users (Bearer tokens of managers and coordinators
// of several centres, each request for a partner of the signed-in user's own centre), against the floor: a bare
// node:http server (bench/floor-server.mjs, a child process) doing the same primary-key partner read with pg and a
// pool of the same size, saturated with the same settings. Also the raw SQL time of that read, SQL statements per
// request (keepwarm_db_statements_total on /metrics before and after a fixed number of requests), and the app's
// RSS idle and at its peak under the load.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort, load, median, rotate, round, rssMb, sampleRss, sleep, startNode, waitForOk } from './bench-util.mjs';
import { PASSWORD } from './network-dataset.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Users signed in: the manager and the coordinator of this many centres. */
const SIGNED_IN_CENTRES = 10;
const PARTNERS_PER_USER = 50;
const CONNECTIONS = 20;
const STATEMENT_SAMPLE = 100;
const QUIET_MS = 1500;

async function api(base, path, { token, body, method } = {}) {
  const res = await fetch(base + path, {
    method: method ?? (body ? 'POST' : 'GET'),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return { res, json: text ? JSON.parse(text) : undefined };
}

async function signIn(base, email) {
  const { res, json } = await api(base, '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  return { token: json.accessToken, cookie: res.headers.get('set-cookie').split(';')[0] };
}

async function statementsSoFar(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = Number(/^keepwarm_db_statements_total (\d+)/m.exec(text)?.[1]);
  if (!Number.isFinite(value)) throw new Error('/metrics has no keepwarm_db_statements_total');
  return value;
}

/** The app's V8 heap (used, total), memory outside it (external, array buffers) and RSS, in MB, from /metrics. */
async function memoryOf(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const gauge = (name) => round(Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]) / 1024 / 1024);
  return {
    heapUsed: gauge('nodejs_heap_size_used_bytes'),
    heapTotal: gauge('nodejs_heap_size_total_bytes'),
    external: gauge('nodejs_external_memory_bytes'),
    rss: gauge('process_resident_memory_bytes'),
  };
}

/**
 * Runs every scenario; `runs` times back to back for the gated ones (their figures are the medians). Answers
 * {app, floor, scenarios}, each scenario with its runs, its medians, its ratio to the floor's req/s and its SQL
 * statements per request.
 */
export async function runHttp({ db, databaseUrl, dataDir, seeded, asOf, small, runs, log }) {
  const seconds = Number(process.env.HTTP_SECONDS ?? (small ? 5 : 15));
  const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const appEnv = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    ROLE: 'api',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DB_POOL_SIZE: String(poolSize),
  };
  const app = startNode(`${ROOT}/dist/main.js`, appEnv);
  const floorPort = await freePort();
  const floor = startNode(`${ROOT}/bench/floor-server.mjs`, {
    DATABASE_URL: databaseUrl,
    DB_POOL_SIZE: String(poolSize),
    PORT: String(floorPort),
  });
  const result = { settings: { connections: CONNECTIONS, seconds, runs, poolSize }, scenarios: [] };
  try {
    await waitForOk(`${base}/health/ready`, app);
    await waitForOk(`http://127.0.0.1:${floorPort}/ready`, floor, 30_000);

    // Users and what they ask for: partners of their own centre, the busiest ones for the timeline.
    const centres = seeded.centres.slice(0, SIGNED_IN_CENTRES);
    const users = [];
    for (const [i, centre] of centres.entries()) {
      for (const email of [seeded.accounts.manager(i + 1), seeded.accounts.coordinator(i + 1)]) {
        const session = await signIn(base, email);
        const partners = (
          await db.query(
            `SELECT id FROM partner WHERE centre_id = $1 AND archived_at IS NULL ORDER BY md5(id::text || $2) LIMIT $3`,
            [centre.id, email, PARTNERS_PER_USER],
          )
        ).rows.map((r) => r.id);
        const busiest = (
          await db.query(
            `SELECT partner_id AS id FROM engagement_partner WHERE centre_id = $1 GROUP BY partner_id ORDER BY count(*) DESC LIMIT 10`,
            [centre.id],
          )
        ).rows.map((r) => r.id);
        users.push({ email, centreId: centre.id, manager: email.startsWith('manager'), partners, busiest, ...session });
      }
    }
    const admin = await signIn(base, seeded.accounts.networkAdmin);
    result.app = { pid: app.pid, idleRssMb: round(await rssMb(app.pid)) };

    /** Requests over every user and, per user, over their partners. */
    const byUser = (build, who = users) => {
      const pairs = who.flatMap((user) => user.partners.map((partnerId, i) => ({ user, partnerId, i })));
      const pick = rotate(pairs);
      return () => build(pick());
    };
    const bearer = (user) => ({ authorization: `Bearer ${user.token}` });
    const get = (path) => (p) => ({ method: 'GET', path: path(p), headers: bearer(p.user) });
    const managers = users.filter((u) => u.manager);
    const scenarios = [
      {
        key: 'partnerById',
        label: 'partner by id, saturated',
        gated: true,
        next: byUser(get((p) => `/api/v1/partners/${p.partnerId}`)),
      },
      {
        key: 'partnerById300',
        label: 'partner by id at 300 req/s',
        gated: true,
        rate: 300,
        next: byUser(get((p) => `/api/v1/partners/${p.partnerId}`)),
      },
      {
        key: 'partnerList',
        label: 'partner list: sector, sort nextContactDue, 50',
        next: byUser(get(() => '/api/v1/partners?sector=education&sort=nextContactDue&limit=50')),
      },
      {
        key: 'partnerList100',
        label: 'partner list at 100 req/s',
        gated: true,
        rate: 100,
        next: byUser(get(() => '/api/v1/partners?sector=education&sort=nextContactDue&limit=50')),
      },
      {
        key: 'partnerListOverdue',
        label: 'partner list, overdue=true',
        next: byUser(get(() => '/api/v1/partners?overdue=true&sort=nextContactDue&limit=50')),
      },
      {
        key: 'partnerListSearch',
        label: 'partner list, search=',
        next: byUser(
          get(
            (p) =>
              `/api/v1/partners?search=${encodeURIComponent(['person 2', 'organisation 0', 'director', 'partner.example'][p.i % 4])}&limit=50`,
          ),
        ),
      },
      {
        key: 'timeline100',
        label: 'timeline page of 50 at 100 req/s',
        gated: true,
        rate: 100,
        next: byUser(get((p) => `/api/v1/partners/${p.user.busiest[p.i % p.user.busiest.length]}/timeline?limit=50`)),
      },
      {
        key: 'logEngagement',
        label: 'log an engagement (POST)',
        next: byUser(
          (p) => ({
            method: 'POST',
            path: '/api/v1/engagements',
            headers: { ...bearer(p.user), 'content-type': 'application/json' },
            body: JSON.stringify({
              partnerIds: [p.partnerId],
              type: 'call',
              occurredAt: new Date().toISOString(),
              summary: 'Benchmark call',
            }),
          }),
          managers,
        ),
      },
      { key: 'reminders', label: 'reminders list', next: byUser(get(() => '/api/v1/reminders?limit=50')) },
      {
        key: 'dashboard20',
        label: 'dashboard of one centre at 20 req/s',
        gated: true,
        rate: 20,
        connections: 4,
        next: byUser(
          get(() => `/api/v1/dashboard?asOf=${asOf}`),
          managers.slice(0, 1),
        ),
      },
      {
        key: 'pagePartner',
        label: 'web page: partner (cookie)',
        next: byUser((p) => ({
          method: 'GET',
          path: `/partners/${p.partnerId}`,
          headers: { cookie: p.user.cookie, accept: 'text/html' },
        })),
      },
      {
        key: 'pagePartnerList',
        label: 'web page: partner list (cookie)',
        next: byUser((p) => ({
          method: 'GET',
          path: '/partners?sector=education',
          headers: { cookie: p.user.cookie, accept: 'text/html' },
        })),
      },
    ];

    const rss = sampleRss(app.pid);
    // Warm-up: the JIT, PostgreSQL's caches and the pool.
    await load(base, { connections: CONNECTIONS, seconds: small ? 2 : 5, next: scenarios[0].next });

    // The floor: the same read, same connections and time, same partners.
    const floorNext = byUser((p) => ({ method: 'GET', path: `/partners/${p.user.centreId}/${p.partnerId}` }));
    await load(`http://127.0.0.1:${floorPort}`, { connections: CONNECTIONS, seconds: 2, next: floorNext });
    const floorRuns = [];
    for (let run = 0; run < runs; run++)
      floorRuns.push(
        await load(`http://127.0.0.1:${floorPort}`, { connections: CONNECTIONS, seconds, next: floorNext }),
      );
    result.floor = { label: 'floor: node:http + pg, partner by primary key', runs: floorRuns, ...medians(floorRuns) };
    log(`floor: ${result.floor.reqPerSec} req/s, p99 ${result.floor.p99} ms`);

    // The raw SQL of that read, one at a time.
    const sqlTimes = [];
    const pairs = users.flatMap((u) => u.partners.map((id) => [id, u.centreId]));
    for (let i = 0; i < (small ? 200 : 2000); i++) {
      const from = performance.now();
      await db.query('SELECT * FROM partner WHERE id = $1 AND centre_id = $2', pairs[i % pairs.length]);
      sqlTimes.push(performance.now() - from);
    }
    sqlTimes.sort((a, b) => a - b);
    result.rawSql = {
      statement: 'SELECT * FROM partner WHERE id = $1 AND centre_id = $2',
      p50: round(sqlTimes[Math.floor(sqlTimes.length / 2)], 3),
      mean: round(sqlTimes.reduce((a, b) => a + b, 0) / sqlTimes.length, 3),
    };

    for (const scenario of scenarios) {
      const connections = scenario.connections ?? CONNECTIONS;
      // Statements per request: a fixed number of requests, one at a time, between two reads of the counter, less
      // what a read of /metrics counts of its own (the outbox gauge's statement), measured by two reads in a row. A
      // pause before each read lets the requests left in flight, and work done after an answer, finish first.
      await sleep(QUIET_MS);
      const first = await statementsSoFar(base);
      const before = await statementsSoFar(base);
      const ownStatements = before - first;
      const counted = await load(base, { connections: 1, amount: STATEMENT_SAMPLE, next: scenario.next });
      await sleep(QUIET_MS);
      const statements = (await statementsSoFar(base)) - before - ownStatements;
      const scenarioRuns = [];
      for (let run = 0; run < (scenario.gated ? runs : 1); run++)
        scenarioRuns.push(await load(base, { connections, seconds, rate: scenario.rate, next: scenario.next }));
      const figures = medians(scenarioRuns);
      figures.errors += counted.errors;
      figures.non2xx += counted.non2xx;
      const entry = {
        key: scenario.key,
        label: scenario.label,
        connections,
        rate: scenario.rate ?? 'saturated',
        runs: scenarioRuns,
        ...figures,
        ratioToFloor: round(figures.reqPerSec / result.floor.reqPerSec, 3),
        statementsPerRequest: round(statements / STATEMENT_SAMPLE, 2),
      };
      result.scenarios.push(entry);
      log(
        `${scenario.label}: ${entry.reqPerSec} req/s, p50 ${entry.p50} ms, p99 ${entry.p99} ms, ` +
          `${entry.statementsPerRequest} statements/request, ${entry.errors} errors, ${entry.non2xx} non-2xx${entry.firstBad ? ` (first: ${entry.firstBad})` : ''}`,
      );
    }

    // The network roll-up, one request after another.
    const rollUps = [];
    for (let i = 0; i < 2; i++) await api(base, `/api/v1/network/dashboard?asOf=${asOf}`, { token: admin.token });
    for (let i = 0; i < (small ? 3 : 10); i++) {
      const from = performance.now();
      await api(base, `/api/v1/network/dashboard?asOf=${asOf}`, { token: admin.token });
      rollUps.push(performance.now() - from);
    }
    result.networkRollUp = {
      requests: rollUps.length,
      medianMs: round(median(rollUps), 1),
      maxMs: round(Math.max(...rollUps), 1),
    };
    result.app.peakRssMb = round(await rss.stop());
    // What the resident memory is made of, just after the load (prom-client's process and Node.js gauges).
    result.app.memoryAfterLoadMb = await memoryOf(base);
  } finally {
    await floor.stop();
    await app.stop();
  }
  return result;
}

/** The median of each figure over runs; errors and non-2xx answers are summed. */
function medians(runs) {
  const figure = (name) => median(runs.map((r) => r[name]));
  return {
    reqPerSec: round(figure('reqPerSec'), 1),
    p50: round(figure('p50'), 2),
    p95: round(figure('p95'), 2),
    p99: round(figure('p99'), 2),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    ...(runs.find((r) => r.firstBad) ? { firstBad: runs.find((r) => r.firstBad).firstBad } : {}),
  };
}
