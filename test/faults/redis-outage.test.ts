import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { findFreePort } from '../../src/database/embedded-database.js';
import { createTestDatabase, dropTestDatabase } from '../utils/database.js';
import { waitFor } from '../utils/wait.js';
import { faultSeed } from './fault-seed.js';
import { expectOutageSurvived, reportOutage, runOutageDrill } from './outage-drill.js';

/**
 * Drill 3: Redis restarted under load (REDIS_URL mode) on a redis-server of the drill's own (never the machine's).
 * It keeps nothing on disk, like a cache-configured Redis that loses its memory: the queued jobs are gone when it
 * comes back, and the outbox (in PostgreSQL) is what brings every email back to the queue. Same promises as
 * PostgreSQL's outage, for 60 s as well.
 */
describe('Redis restarted under load', () => {
  let port: number;
  let redis: ChildProcess | undefined;
  let databaseUrl: string;

  const startRedis = async () => {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitFor('redis-server to listen', () => listening(port), 10_000);
  };
  const stopRedis = async () => {
    const proc = redis;
    redis = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    port = await findFreePort();
    await startRedis();
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await stopRedis();
    await dropTestDatabase(databaseUrl);
  });

  it('answers 503 or succeeds at once, resumes by itself, loses and duplicates no email', async () => {
    const result = await runOutageDrill({
      backend: 'redis',
      databaseUrl,
      redisUrl: `redis://127.0.0.1:${port}`,
      seed: faultSeed('redis-outage'),
      outageMs: 60_000,
      dependency: { stop: stopRedis, start: startRedis },
    });
    reportOutage('redis', result);

    expectOutageSurvived(result);
    expect(result.readyDuringOutage.map((r) => r.checks.queue?.status)).toEqual(['down', 'down']);
  }, 300_000);
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
