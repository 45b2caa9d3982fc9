// Job figures of `npm run bench` (bench/run.mjs): the reminder scan over the whole seeded network, as the worker
// runs it (one job per centre, WORKER_CONCURRENCY at a time: bench/reminder-scan.bench.mjs's loop), and BullMQ's
// throughput with no-op jobs on the PostgreSQL backend (the app's, in the bench database) against Redis, with the
// app's connection options (src/queue/queue.module.ts) and worker concurrency.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker, createPostgresBackend, setDefaultBackendFactory, withBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { performance } from 'node:perf_hooks';
import { AppModule } from '../dist/app.module.js';
import { RequestContext } from '../dist/common/request-context.js';
import { ReminderScan } from '../dist/reminder-scan/reminder-scan.service.js';
import { DEFAULT_JOB_OPTIONS } from '../dist/queue/queue-names.js';
import { round } from './bench-util.mjs';

const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 5);

/** Dry run, then the first real run (writes every due reminder) of every centre's scan as of `asOf`. */
export async function runReminderScan({ resolved, asOf }) {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...resolved, role: 'api' }), {
    logger: false,
  });
  try {
    const scan = app.get(ReminderScan);
    const { DataSource } = await import('typeorm');
    const centres = await app.get(DataSource).query('SELECT id FROM centre ORDER BY name');
    const result = { centres: centres.length, concurrency: CONCURRENCY };
    for (const [key, options] of [
      ['dryRun', { asOf, dryRun: true, trigger: 'cli' }],
      ['firstRun', { asOf, trigger: 'schedule' }],
    ]) {
      const started = performance.now();
      let due = 0;
      let created = 0;
      const queue = [...centres];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const outcome = await scan.run(RequestContext.system(next.id), options);
            due += outcome.dueCount;
            created += outcome.created;
          }
        }),
      );
      result[key] = { seconds: round((performance.now() - started) / 1000, 2), due, created };
    }
    return result;
  } finally {
    await app.close();
  }
}

/** Jobs/s of `jobs` no-op jobs: added in bulk, then drained by one worker of WORKER_CONCURRENCY. */
async function throughput(QueueClass, WorkerClass, name, options, jobs) {
  const queue = new QueueClass(name, { ...options, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  let worker;
  try {
    let started = performance.now();
    for (let i = 0; i < jobs; i += 1000)
      await queue.addBulk(
        Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: 'noop', data: { n: i + k } })),
      );
    const addSeconds = (performance.now() - started) / 1000;
    let done = 0;
    let finish;
    const drained = new Promise((resolve) => (finish = resolve));
    started = performance.now();
    worker = new WorkerClass(name, async () => {}, { ...options, concurrency: CONCURRENCY });
    worker.on('completed', () => {
      if (++done === jobs) finish();
    });
    await drained;
    const drainSeconds = (performance.now() - started) / 1000;
    return {
      jobs,
      addSeconds: round(addSeconds, 2),
      drainSeconds: round(drainSeconds, 2),
      jobsPerSec: round(jobs / drainSeconds, 0),
    };
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
}

/** BullMQ on PostgreSQL (`databaseUrl`) and on Redis (`redisUrl`, skipped with a reason when it does not answer). */
export async function runQueueThroughput({ databaseUrl, redisUrl, jobs }) {
  const name = `bench-noop-${Date.now()}`;
  const result = { concurrency: CONCURRENCY };
  const pg = withBackend(createPostgresBackend);
  result.postgres = await throughput(
    pg.Queue,
    pg.Worker,
    name,
    { connection: { connectionString: databaseUrl, migrate: true, max: 5 } },
    jobs,
  );
  try {
    // A Redis that does not answer would keep BullMQ retrying forever: ask once first.
    const probe = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2000, retryStrategy: () => null });
    probe.on('error', () => {}); // the refusal comes back from connect() below
    try {
      await probe.connect();
      await probe.ping();
    } finally {
      probe.disconnect();
    }
    // Redis, as the app sets it up with REDIS_URL (the app's QueueModule may have made PostgreSQL the default).
    setDefaultBackendFactory(undefined);
    result.redis = await throughput(
      Queue,
      Worker,
      name,
      {
        connection: { url: redisUrl, maxRetriesPerRequest: null, connectTimeout: 2000 },
        prefix: `kwbench-${Date.now()}`,
      },
      jobs,
    );
  } catch (error) {
    result.redis = { skipped: `Redis at ${redisUrl}: ${error.message}` };
  }
  return result;
}
