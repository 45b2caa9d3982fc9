import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEmbeddedConnectionUrl } from '../../src/database/embedded-database.js';
import { query } from '../utils/database.js';
import { getStatus, spawnKeepwarm, type KeepwarmProcess } from '../utils/process.js';
import { scaled, waitFor } from '../utils/wait.js';

/** What a new user gets from `npm start`: no DATABASE_URL, no REDIS_URL, no SMTP_URL. */
describe('embedded defaults: first start, restart, data kept', () => {
  let dataDir: string;
  let proc: KeepwarmProcess | undefined;
  const env = () => ({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-e2e-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    if (proc && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  const stop = async (p: KeepwarmProcess) => {
    const started = Date.now();
    p.child.kill('SIGTERM');
    const code = await p.exited;
    return { code, ms: Date.now() - started };
  };

  it('initialises the database on first start and answers ready within 60 s', async () => {
    proc = spawnKeepwarm(env());
    const url = await proc.ready(60_000);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up', embedded: true }, queue: { status: 'up', backend: 'postgres' } },
    });
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'app-secret'))).toBe(true);

    const dbUrl = await readEmbeddedConnectionUrl(dataDir);
    expect(await query(dbUrl, 'SELECT name FROM centre')).toEqual([{ name: 'My Safer Internet Centre' }]);
    await query(
      dbUrl,
      `INSERT INTO centre (name, country, timezone) VALUES ('Written before restart', 'FR', 'Europe/Paris')`,
    );
  });

  it('refuses a second process on the same DATA_DIR instead of sharing the database', async () => {
    const second = spawnKeepwarm(env());
    expect(await second.exited).not.toBe(0);
    expect(second.stdout.join('\n')).toContain('in use by another Keepwarm process');
    expect(await getStatus(`${await proc!.ready()}/health/ready`)).toBe(200);
  });

  it('stops on SIGTERM with exit code 0 and stops its PostgreSQL', async () => {
    const { code, ms } = await stop(proc!);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(scaled(10_000));
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('restarts on the same DATA_DIR, ready within 10 s, with the data written before', async () => {
    const started = Date.now();
    proc = spawnKeepwarm(env());
    const url = await proc.ready(scaled(10_000));
    await waitFor(
      'ready',
      async () => (await getStatus(`${url}/health/ready`)) === 200,
      scaled(10_000) - (Date.now() - started),
    );

    const dbUrl = await readEmbeddedConnectionUrl(dataDir);
    const names = (await query<{ name: string }>(dbUrl, 'SELECT name FROM centre ORDER BY created_at')).map(
      (r) => r.name,
    );
    expect(names).toEqual(['My Safer Internet Centre', 'Written before restart']);

    expect((await stop(proc)).code).toBe(0);
  });

  it('recovers when the previous process was killed with SIGKILL', async () => {
    proc = spawnKeepwarm(env());
    await proc.ready(scaled(10_000));
    proc.child.kill('SIGKILL');
    await proc.exited;
    // Its postmaster outlives it; the next start must shut that down and take over.
    proc = spawnKeepwarm(env());
    const url = await proc.ready(30_000);
    expect(await getStatus(`${url}/health/ready`)).toBe(200);
    expect((await stop(proc)).code).toBe(0);
  });
});
