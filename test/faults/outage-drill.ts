import { expect } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom, signIn } from '../e2e/mail-drill.js';
import type { Backend } from '../utils/app.js';
import { query } from '../utils/database.js';
import { spawnKeepwarm, type KeepwarmProcess } from '../utils/process.js';
import { SmtpPeer } from '../utils/smtp-peer.js';
import { waitFor } from '../utils/wait.js';

/** A dependency the drill takes away and gives back (PostgreSQL, Redis). */
export interface Dependency {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface OutageDrillOptions {
  backend: Backend;
  databaseUrl: string;
  redisUrl?: string;
  seed: number;
  outageMs: number;
  dependency: Dependency;
}

/** One API request of the load: what came back, or that nothing did. */
interface Answer {
  status: number;
  problemJson: boolean;
  retryAfter: boolean;
  /** No answer within REQUEST_LIMIT_MS. */
  hung: boolean;
}

export interface OutageDrillResult {
  seed: number;
  backend: Backend;
  outageMs: number;
  requests: number;
  /** Answers by status (0: no answer within the limit, or the connection failed). */
  statuses: Record<string, number>;
  hung: number;
  /** 503 answers that were not problem+json or lacked Retry-After. */
  badUnavailable: number;
  /** GET /health/ready of the api and the worker process while the dependency was away. */
  readyDuringOutage: { status: number; checks: Record<string, { status: string }> }[];
  readyAfter: OutageDrillResult['readyDuringOutage'];
  /** Test emails the API accepted (201). */
  accepted: number;
  lost: number;
  duplicated: number;
  /** Duplicated emails the outbox does not show as resent after an uncertain delivery (must be 0). */
  duplicatedUnrecorded: number;
  openAtEnd: number;
  /** Seconds from the dependency's return until every accepted email had arrived (null: not within 2 minutes). */
  settledAfterSeconds: number | null;
  /** Processes that exited during the drill (each must resume by itself). */
  exited: number;
  /** Error log lines of the processes (message and error), for the report when a promise fails. */
  errors: string[];
  /** Worker log lines about emails whose outcome was unknown or recorded late. */
  mailNotes: string[];
}

const ADMIN = { email: 'outage-admin@example.org', password: 'a-long-outage-password' };
/** A request with no answer after this long counts as hung (DB_CONNECT_TIMEOUT_MS is 5 s by default). */
const REQUEST_LIMIT_MS = 15_000;
const CLIENTS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An api and a worker process under a steady load of API requests (reads, and test emails that go through the
 * outbox and the queue to a real SMTP peer); the dependency is stopped at a seeded random moment for `outageMs` and
 * started again. Measures what clients saw meanwhile, whether the processes came back by themselves, and whether
 * every accepted email arrived exactly once.
 */
export async function runOutageDrill(options: OutageDrillOptions): Promise<OutageDrillResult> {
  const { backend, databaseUrl, seed, outageMs, dependency } = options;
  const random = seededRandom(seed);
  const peer = await new SmtpPeer({ delayMs: 100 }).start();
  const dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-outage-'));
  await chmod(dataDir, 0o755);
  const env: Record<string, string> = {
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    SMTP_URL: peer.url,
    APP_SECRET: 'outage-drill-secret-outage-drill-secret-0123456789',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    QUEUE_PREFIX: `kwt-outage-${Date.now().toString(36)}`,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  };
  const processes: KeepwarmProcess[] = [];
  const answers: Answer[] = [];
  const acceptedIds: string[] = [];
  let loading = true;
  try {
    const api = spawnKeepwarm({ ...env, ROLE: 'api' });
    processes.push(api);
    const apiUrl = await api.ready(120_000);
    const worker = spawnKeepwarm({ ...env, ROLE: 'worker' });
    processes.push(worker);
    const workerUrl = await worker.ready(120_000);
    const token = await signIn(apiUrl, ADMIN);

    const request = async (method: 'GET' | 'POST', path: string): Promise<Answer & { body?: unknown }> => {
      try {
        const res = await fetch(`${apiUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
          signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
        });
        const text = await res.text();
        return {
          status: res.status,
          problemJson: (res.headers.get('content-type') ?? '').startsWith('application/problem+json'),
          retryAfter: res.headers.has('retry-after'),
          hung: false,
          body: text ? (JSON.parse(text) as unknown) : undefined,
        };
      } catch (error) {
        const hung = (error as Error).name === 'TimeoutError';
        return { status: 0, problemJson: false, retryAfter: false, hung };
      }
    };
    const client = async () => {
      for (let i = 0; loading; i++) {
        const answer =
          i % 2 === 0
            ? await request('POST', '/api/v1/admin/mail/test')
            : await request('GET', '/api/v1/partners?limit=20');
        answers.push(answer);
        if (answer.status === 201) acceptedIds.push((answer.body as { id: string }).id);
        await sleep(50);
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, client));

    await sleep(2000 + random() * 4000);
    await dependency.stop();
    const outageStarted = Date.now();
    // Health is read at a random moment of the outage, once the processes have had time to notice.
    await sleep(Math.min(outageMs - 1000, 6000 + random() * (outageMs - 7000)));
    const readyDuringOutage = await Promise.all([apiUrl, workerUrl].map((url) => readiness(url)));
    await sleep(Math.max(0, outageMs - (Date.now() - outageStarted)));
    await dependency.start();
    const restoredAt = Date.now();
    await sleep(5000);
    loading = false;
    await load;

    // Every accepted email: sent, and at the peer exactly once.
    const open = async () =>
      (
        await query<{ n: number }>(
          databaseUrl,
          `SELECT count(*)::int AS n FROM outbox_email WHERE id = ANY($1::uuid[]) AND status <> 'sent'`,
          [acceptedIds],
        )
      )[0]!.n;
    const arrived = () => acceptedIds.filter((id) => peer.count(`<${id}@localhost>`) > 0).length;
    let settledAfterSeconds: number | null = null;
    await waitFor(
      'every accepted email sent',
      async () => (await open()) === 0 && arrived() === acceptedIds.length,
      120_000,
      500,
    )
      .then(() => (settledAfterSeconds = Math.round((Date.now() - restoredAt) / 1000)))
      .catch(() => undefined);
    await sleep(500); // a copy still waiting for its answer would arrive now
    const readyAfter = await Promise.all([apiUrl, workerUrl].map((url) => readiness(url)));

    const duplicatedIds = acceptedIds.filter((id) => peer.count(`<${id}@localhost>`) > 1);
    const recordedResends = await query<{ id: string }>(
      databaseUrl,
      `SELECT id FROM outbox_email WHERE id = ANY($1::uuid[]) AND uncertain_deliveries > 0`,
      [duplicatedIds],
    );
    const statuses: Record<string, number> = {};
    for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    return {
      seed,
      backend,
      outageMs,
      requests: answers.length,
      statuses,
      hung: answers.filter((a) => a.hung).length,
      badUnavailable: answers.filter((a) => a.status === 503 && !(a.problemJson && a.retryAfter)).length,
      readyDuringOutage,
      readyAfter,
      accepted: acceptedIds.length,
      lost: acceptedIds.filter((id) => peer.count(`<${id}@localhost>`) === 0).length,
      duplicated: duplicatedIds.length,
      duplicatedUnrecorded: duplicatedIds.length - recordedResends.length,
      openAtEnd: await open(),
      settledAfterSeconds,
      exited: processes.filter((p) => p.child.exitCode !== null || p.child.signalCode !== null).length,
      errors: [
        ...new Set(
          processes
            .flatMap((p) => p.logLines())
            .filter((l) => Number(l.level) >= 40 && !/^request errored|^Database unavailable/.test(String(l.msg)))
            .map((l) => `${String(l.msg)}: ${String((l.err as { message?: string } | undefined)?.message ?? '')}`),
        ),
      ].slice(0, 20),
      mailNotes: processes
        .flatMap((p) => p.logLines())
        .filter((l) => /Outcome of|database is unavailable: recording/.test(String(l.msg)))
        .map((l) => String(l.msg)),
    };
  } finally {
    loading = false;
    for (const proc of processes) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill();
    await Promise.all(processes.map((p) => p.exited));
    await peer.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function readiness(baseUrl: string): Promise<OutageDrillResult['readyDuringOutage'][number]> {
  try {
    const res = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
    const body = (await res.json()) as { checks?: Record<string, { status: string }> };
    return { status: res.status, checks: body.checks ?? {} };
  } catch {
    return { status: 0, checks: {} };
  }
}

/** Prints the result as one line, for the CI log. */
export function reportOutage(name: string, result: OutageDrillResult): void {
  process.stdout.write(`OUTAGE ${name} ${JSON.stringify(result)}\n`);
}

/** What every outage drill promises, whichever dependency went away. */
export function expectOutageSurvived(result: OutageDrillResult): void {
  // Clients were told at once: success, or 503 problem+json with Retry-After; never a hang or a 500.
  expect(result.hung).toBe(0);
  expect(Object.keys(result.statuses).filter((s) => !['200', '201', '503'].includes(s))).toEqual([]);
  expect(result.badUnavailable).toBe(0);
  expect(result.readyDuringOutage.map((r) => r.status)).toEqual([503, 503]);
  // The processes came back by themselves, and every email the API accepted arrived exactly once.
  expect(result.exited).toBe(0);
  expect(result.readyAfter.map((r) => r.status)).toEqual([200, 200]);
  expect(result.accepted).toBeGreaterThan(0);
  expect(result.lost).toBe(0);
  // No second copy: a worker records an acceptance it saw once the database is back, rather than resend.
  expect(result.duplicated).toBe(0);
  expect(result.duplicatedUnrecorded).toBe(0);
  expect(result.openAtEnd).toBe(0);
}
