import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { addDays } from '../../src/common/dates.js';
import { QUEUES } from '../../src/queue/queue-names.js';
import { signIn } from '../e2e/mail-drill.js';
import { pinnedNow } from '../utils/clock.js';
import { dropTestDatabase, query, testRedisUrl, withDatabase } from '../utils/database.js';
import { spawnKeepwarm, type KeepwarmProcess } from '../utils/process.js';
import { waitFor } from '../utils/wait.js';

const ADMIN = { email: 'three-admin@example.org', password: 'a-long-three-password' };
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Drill 5: three processes (ROLE=api twice, ROLE=worker once) started at the same moment on one fresh, empty
 * PostgreSQL database and one Redis. The migrations and the first centre happen once, with no error from the
 * race; the centre has exactly one scan scheduler; seven simulated days (a business clock all three processes
 * read from one file, moved a day at a time) give seven scans, one a day; either api process shows what the
 * other wrote.
 */
describe('three processes starting together on one PostgreSQL and Redis', () => {
  const processes: KeepwarmProcess[] = [];
  let databaseUrl: string;
  let dataDir: string;
  let clockFile: string;
  let queue: Queue | undefined;

  beforeAll(async () => {
    const adminUrl = process.env.KW_TEST_ADMIN_URL!;
    const name = `kw_t_three_${randomBytes(4).toString('hex')}`;
    await query(adminUrl, `CREATE DATABASE ${name}`); // empty: the processes migrate it
    databaseUrl = withDatabase(adminUrl, name);
    dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-fault-three-'));
    await chmod(dataDir, 0o755);
    clockFile = join(dataDir, 'clock-offset-ms');
    await writeFile(clockFile, String(pinnedNow().getTime() - Date.now()));
  });

  afterAll(async () => {
    await queue?.close();
    for (const proc of processes) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill();
    await Promise.all(processes.map((p) => p.exited));
    await dropTestDatabase(databaseUrl);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates once, schedules each centre once, runs seven daily scans, and both apis see the same data', async () => {
    const prefix = `kwt-three-${Date.now().toString(36)}`;
    const env = {
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      APP_SECRET: 'three-processes-secret-three-processes-secret-0123',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      KW_CLOCK_FILE: clockFile,
    };
    for (const role of ['api', 'api', 'worker'])
      processes.push(spawnKeepwarm({ ...env, ROLE: role }, '../test/faults/clocked-main.mjs'));
    const [apiA, apiB] = await Promise.all(processes.map((p) => p.ready(120_000)));

    // Migrations and first-run set-up once, and no process logged an error on the way.
    const migrated = processes.filter((p) => p.logLines().some((l) => /Applied \d+ migration/.test(String(l.msg))));
    expect(migrated).toHaveLength(1);
    expect(processes.flatMap((p) => p.logLines().filter((l) => Number(l.level) >= 50))).toEqual([]);
    const centres = await query<{ id: string }>(databaseUrl, 'SELECT id FROM centre');
    expect(centres).toHaveLength(1);
    expect(await query(databaseUrl, 'SELECT id FROM app_user WHERE email = $1', [ADMIN.email])).toHaveLength(1);
    const centreId = centres[0]!.id;

    // One scan scheduler for the centre, whoever reconciled.
    queue = new Queue(QUEUES.reminders, { connection: { url: testRedisUrl() }, prefix });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.filter((s) => (s.key ?? s.id ?? '').includes(`scan:${centreId}`))).toHaveLength(1);

    // Seven simulated days: each day the scan job the scheduler would add, run by the worker on that day's clock.
    const start = pinnedNow();
    for (let day = 0; day < 7; day++) {
      await writeFile(clockFile, String(start.getTime() + day * DAY_MS - Date.now()));
      await queue.add('scan', { centreId }, { jobId: `three-scan-${day}` });
      await waitFor(
        `the scan of day ${day + 1}`,
        async () =>
          (await query<{ n: number }>(databaseUrl, 'SELECT count(*)::int AS n FROM reminder_scan_run'))[0]!.n ===
          day + 1,
        60_000,
        200,
      );
    }
    const scans = await query<{ as_of: string }>(
      databaseUrl,
      `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of FROM reminder_scan_run ORDER BY as_of`,
    );
    const firstDay = scans[0]!.as_of;
    expect(scans.map((s) => s.as_of)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(firstDay, i)));

    // What one api process writes, the other reads.
    const tokenA = await signIn(apiA!, ADMIN);
    const created = await fetch(`${apiA}/api/v1/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Seen by both', sector: 'ngo' }),
    });
    expect(created.status).toBe(201);
    const partner = (await created.json()) as { id: string };
    const tokenB = await signIn(apiB!, ADMIN);
    const read = await fetch(`${apiB}/api/v1/partners/${partner.id}`, {
      headers: { authorization: `Bearer ${tokenB}` },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: partner.id, name: 'Seen by both' });
    // A session made by one api process is honoured by the other.
    const crossRead = await fetch(`${apiB}/api/v1/partners/${partner.id}`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(crossRead.status).toBe(200);
  }, 300_000);
});
