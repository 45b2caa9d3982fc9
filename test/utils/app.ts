import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig } from '../../src/config/app-config.js';
import { startKeepwarm, type RunningKeepwarm } from '../../src/keepwarm.js';
import { createRootLogger } from '../../src/logging/logger.js';
import type { TestClock } from './clock.js';
import { createTestDatabase, dropTestDatabase, query, testRedisUrl } from './database.js';
import { assertNoLeaks } from './log-leaks.js';

export type Backend = 'postgres' | 'redis';

export interface TestApp extends RunningKeepwarm {
  databaseUrl: string;
  dataDir: string;
  /** Every JSON log line the app wrote (info and above). */
  logs: Record<string, unknown>[];
  /**
   * Stops the app, then drops its database and data directory; fails (and so fails the test file) when a log line
   * holds an argon2 hash, a session token or a contact's email.
   */
  close(): Promise<void>;
}

export interface BootOptions {
  backend?: Backend;
  env?: Record<string, string>;
  /** Reuse a database (e.g. to start a second process on the same data); a fresh one otherwise. */
  databaseUrl?: string;
  /** Replaces the system clock (token expiry, throttling windows). */
  clock?: TestClock;
}

/** Boots the whole application in this process against real PostgreSQL and the chosen BullMQ backend. */
export async function bootApp(options: BootOptions = {}): Promise<TestApp> {
  const ownsDatabase = !options.databaseUrl;
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-test-data-'));
  const env: Record<string, string> = {
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    SHUTDOWN_TIMEOUT_MS: '10000',
    // Separate key space per test file on a shared Redis.
    QUEUE_PREFIX: `kwt-${new URL(databaseUrl).pathname.slice(1).replace(/_/g, '-').toLowerCase()}`,
    ...(options.backend === 'redis' ? { REDIS_URL: testRedisUrl() } : {}),
    ...options.env,
  };
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = parseConfig(env);
  const running = await startKeepwarm(config, createRootLogger(config.log, sink), { clock: options.clock });
  let closed = false;
  return {
    ...running,
    databaseUrl,
    dataDir,
    logs,
    async close() {
      if (closed) return;
      closed = true;
      await running.stop();
      const contacts = await query<{ email: string }>(
        databaseUrl,
        'SELECT email FROM contact WHERE email IS NOT NULL',
      ).catch(() => []);
      if (ownsDatabase) await dropTestDatabase(databaseUrl);
      await rm(dataDir, { recursive: true, force: true });
      assertNoLeaks(
        'The app',
        logs,
        contacts.map((c) => c.email),
      );
    },
  };
}
