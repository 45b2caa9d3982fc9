import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../utils/app.js';
import { createTestDatabase, dropTestDatabase, query, testRedisUrl } from '../utils/database.js';
import { killGroup, spawnKeepwarm, type KeepwarmProcess } from '../utils/process.js';
import { SmtpPeer } from '../utils/smtp-peer.js';

export interface DrillOptions {
  backend: Backend;
  /** Kill the embedded PostgreSQL with the app (its process group), instead of the app alone on a shared database. */
  withDatabase: boolean;
  seed: number;
  emails?: number;
  kills?: number;
  /**
   * The processes killed: 'all' (one process doing everything, the default) or 'worker' (ROLE=worker; the first
   * start, which creates the centre, and the admin API read at the end run as separate processes).
   */
  role?: 'all' | 'worker';
}

export interface DrillResult {
  seed: number;
  backend: Backend;
  variant: 'worker' | 'worker+database' | 'worker-role';
  emails: number;
  kills: number;
  /** Distinct emails at the SMTP peer after each kill. */
  arrivedByKill: number[];
  /** Outbox rows whose Message-ID never reached the peer. */
  lost: number;
  /** Outbox rows that reached the peer more than once. */
  duplicated: number;
  /** Duplicated rows not recorded as resent after an uncertain delivery (must be 0). */
  duplicatedUnrecorded: number;
  /** Emails whose copies carry different Message-IDs (must be 0). */
  mixedMessageIds: number;
  /** Rows whose delivery outcome was unknown at least once (and were sent again). */
  uncertain: number;
  /** Rows still pending or sending a minute after the last start. */
  pendingAfterMinute: number;
  failed: number;
  held: number;
  /** Seconds from the last start until no row was pending (null: not within the minute). */
  settledAfterSeconds: number | null;
  /** GET /api/v1/admin/mail/status at the end. */
  adminStatus: Record<string, unknown>;
  /** GET /api/v1/admin/mail/outbox?status=resent: its total, and whether each listed row's send log says why. */
  resentListed: number;
  resentWithoutLogEntry: number;
}

const ADMIN = { email: 'drill-admin@example.org', password: 'a-long-drill-password' };
/** The SMTP peer answers the end of each message after this long, like a server that scans content first. */
const REPLY_DELAY_MS = 100;
/** The longest a process lives before it is killed, once it is ready: random below this. */
const MAX_LIFE_MS = 2500;

/** mulberry32: a small seeded PRNG, so a failing seed replays the same kill moments. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The operator's bad day: `emails` reminder emails in the outbox, the Keepwarm process (and, withDatabase, its
 * embedded PostgreSQL) SIGKILLed `kills` times at random moments while it delivers them to a slow SMTP server,
 * and started again each time. Kill moments come from the seed only: none is placed around a known window.
 */
export async function runMailDrill(options: DrillOptions): Promise<DrillResult> {
  const { backend, withDatabase, seed } = options;
  const emails = options.emails ?? 300;
  const kills = options.kills ?? 10;
  const role = options.role ?? 'all';
  const random = seededRandom(seed);
  const peer = new SmtpPeer({ delayMs: REPLY_DELAY_MS });
  await peer.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-drill-'));
  await chmod(dataDir, 0o755);
  const sharedDatabase = withDatabase ? undefined : await createTestDatabase();
  const env: Record<string, string> = {
    ROLE: 'all',
    PORT: '0',
    DATA_DIR: dataDir,
    SMTP_URL: peer.url,
    WORKER_CONCURRENCY: '5',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    QUEUE_PREFIX: `kwt-drill-${Date.now().toString(36)}-${seed % 100_000}`,
    ...(sharedDatabase ? { DATABASE_URL: sharedDatabase } : {}),
    ...(backend === 'redis' ? { REDIS_URL: testRedisUrl() } : {}),
  };
  const processes: KeepwarmProcess[] = [];

  const start = async (processRole: 'all' | 'worker' | 'api' = 'all') => {
    const proc = spawnKeepwarm({ ...env, ROLE: processRole }, 'main.js', [], { detached: true });
    processes.push(proc);
    return { proc, url: await proc.ready(120_000) };
  };
  // The embedded cluster may come back on another port: read its address from DATA_DIR each time.
  const databaseUrl = async () => {
    if (sharedDatabase) return sharedDatabase;
    const state = JSON.parse(await readFile(join(dataDir, 'embedded-postgres.json'), 'utf8')) as {
      host: string;
      port: number;
      user: string;
      database: string;
    };
    const password = (await readFile(join(dataDir, 'postgres-password'), 'utf8')).trim();
    return `postgres://${state.user}:${encodeURIComponent(password)}@${state.host}:${state.port}/${state.database}`;
  };
  const kill = async (proc: KeepwarmProcess) => {
    if (withDatabase) killGroup(proc, 'SIGKILL');
    else proc.child.kill('SIGKILL');
    await proc.exited;
  };
  const distinctArrived = () => new Set(peer.received.map((m) => m.messageId)).size;

  try {
    // The first start creates the schema, the centre and its admin; the emails are committed but never dispatched
    // (as after a crash between commit and dispatch), and that process is killed before it looks for them.
    const first = await start();
    const url = await databaseUrl();
    const [centre] = await query<{ id: string }>(url, `SELECT id FROM centre ORDER BY created_at LIMIT 1`);
    const rows = await query<{ id: string }>(
      url,
      `INSERT INTO outbox_email (centre_id, recipient, subject, text, html, headers, dedupe_key)
       SELECT $2, 'drill-' || i || '@example.org', 'Your partners due ' || i, 'Partners due this week: ' || i, '<p>Partners due: ' || i || '</p>',
              jsonb_build_object('X-Dedupe-Key', 'drill:' || i), 'drill:' || i
       FROM generate_series(1, $1) i RETURNING id`,
      [emails, centre!.id],
    );
    await kill(first.proc);

    const arrivedByKill: number[] = [];
    for (let k = 0; k < kills; k++) {
      const { proc } = await start(role);
      await sleep(Math.floor(random() * MAX_LIFE_MS));
      await kill(proc);
      arrivedByKill.push(distinctArrived());
    }

    const last = await start(role);
    const startedAt = Date.now();
    const open = async () =>
      (
        await query<{ n: number }>(
          await databaseUrl(),
          `SELECT count(*)::int AS n FROM outbox_email WHERE status IN ('pending', 'sending')`,
        )
      )[0]!.n;
    let settledAfterSeconds: number | null = null;
    while (Date.now() - startedAt < 60_000) {
      if ((await open()) === 0) {
        settledAfterSeconds = Math.round((Date.now() - startedAt) / 1000);
        break;
      }
      await sleep(500);
    }
    const pendingAfterMinute = await open();
    // A copy still waiting for the server's answer would arrive now.
    await sleep(3 * REPLY_DELAY_MS + 500);

    const finalUrl = await databaseUrl();
    const outbox = await query<{ id: string; status: string; uncertain_deliveries: number; uncertain_log: number }>(
      finalUrl,
      `SELECT o.id, o.status, o.uncertain_deliveries,
              (SELECT count(*)::int FROM outbox_send_attempt a WHERE a.outbox_id = o.id AND a.outcome = 'uncertain') AS uncertain_log
         FROM outbox_email o WHERE o.id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    );
    const copies = new Map<string, number>();
    for (const mail of peer.received)
      if (mail.messageId) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
    const messageIdsByKey = new Map<string, Set<string>>();
    for (const mail of peer.received) {
      const key = mail.headers.get('x-dedupe-key');
      if (typeof key !== 'string') continue;
      if (!messageIdsByKey.has(key)) messageIdsByKey.set(key, new Set());
      messageIdsByKey.get(key)!.add(mail.messageId ?? '');
    }
    const countOf = (id: string) => copies.get(`<${id}@localhost>`) ?? 0;
    const duplicatedRows = outbox.filter((r) => countOf(r.id) > 1);

    // A worker serves only health and metrics: the admin API is read from an api process beside it.
    const apiUrl = role === 'worker' ? (await start('api')).url : last.url;
    const token = await signIn(apiUrl);
    const adminStatus = await getJson(apiUrl, '/api/v1/admin/mail/status', token);
    const resent = await getJson(apiUrl, '/api/v1/admin/mail/outbox?status=resent&limit=100', token);
    const listed = (resent.items ?? []) as { id: string }[];
    let resentWithoutLogEntry = 0;
    for (const item of listed.slice(0, 20)) {
      const detail = await getJson(apiUrl, `/api/v1/admin/mail/outbox/${item.id}`, token);
      if (!(detail.sendLog as { outcome: string }[]).some((l) => l.outcome === 'uncertain')) resentWithoutLogEntry++;
    }

    return {
      seed,
      backend,
      variant: role === 'worker' ? 'worker-role' : withDatabase ? 'worker+database' : 'worker',
      emails,
      kills,
      arrivedByKill,
      lost: outbox.filter((r) => countOf(r.id) === 0).length,
      duplicated: duplicatedRows.length,
      duplicatedUnrecorded: duplicatedRows.filter((r) => r.uncertain_deliveries === 0 || r.uncertain_log === 0).length,
      mixedMessageIds: [...messageIdsByKey.values()].filter((ids) => ids.size > 1).length,
      uncertain: outbox.filter((r) => r.uncertain_deliveries > 0).length,
      pendingAfterMinute,
      failed: outbox.filter((r) => r.status === 'failed').length,
      held: outbox.filter((r) => r.status === 'uncertain').length,
      settledAfterSeconds,
      adminStatus,
      resentListed: resent.total as number,
      resentWithoutLogEntry,
    };
  } finally {
    for (const proc of processes) if (proc.child.exitCode === null && proc.child.signalCode === null) await kill(proc);
    await peer.stop();
    if (sharedDatabase) await dropTestDatabase(sharedDatabase);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Signs the first admin (ADMIN_EMAIL / ADMIN_PASSWORD of the drill's processes) in; returns the bearer token. */
export async function signIn(baseUrl: string, admin: { email: string; password: string } = ADMIN): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function getJson(baseUrl: string, path: string, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The seed of a drill run: DRILL_SEED when given (random seeds by hand), else the fixed one CI uses. */
export function drillSeed(fixed: number): number {
  const given = process.env.DRILL_SEED;
  return given ? Number(given) : fixed;
}
