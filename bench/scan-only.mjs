// The reminder scan over the network dataset alone, to measure and profile it without the whole suite:
//   BENCH_DATABASE_URL=postgres://…/db node bench/scan-only.mjs seed   seeds the network (bench/network-dataset.mjs)
//                                                                      into that empty database as of AS_OF, once;
//   BENCH_DATABASE_URL=postgres://…/db node bench/scan-only.mjs [RUNS]  then, RUNS times (default 1): forgets what
//     an earlier run wrote (reminders, scan runs, the centres' outbox rows and their send jobs), then times the dry
//     run and the first real run of every centre, WORKER_CONCURRENCY at a time (bench/jobs.mjs's runReminderScan).
// AS_OF (default today in Europe/Brussels) must be the day the database was seeded for; scanned on that very day,
// the scan is the daily one (it reads the maintained last engagement), as in `npm run bench`.
import { performance } from 'node:perf_hooks';
import { openBenchDatabase } from './bench-database.mjs';
import { runReminderScan } from './jobs.mjs';
import { datasetSize, seedBenchNetwork } from './network-dataset.mjs';

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
const AS_OF = process.env.AS_OF ?? TODAY;
if (!process.env.BENCH_DATABASE_URL) throw new Error('Set BENCH_DATABASE_URL: this script keeps its database');

const database = await openBenchDatabase({ ROLE: 'api' });
try {
  const { db, resolved } = database;
  if (process.argv[2] === 'seed') {
    const [{ centres }] = (await db.query('SELECT count(*)::int AS centres FROM centre')).rows;
    if (centres > 0) throw new Error(`The database already has ${centres} centre(s)`);
    const seeded = await seedBenchNetwork(db, datasetSize(false), AS_OF);
    console.log(`seeded as of ${AS_OF} in ${seeded.seconds.toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
  } else {
    const runs = Number(process.argv[2] ?? 1);
    for (let run = 1; run <= runs; run++) {
      const from = performance.now();
      await db
        .query(`DELETE FROM bullmq.jobs WHERE id IN (SELECT id::text FROM outbox_email WHERE centre_id IS NOT NULL)`)
        .catch(() => {});
      await db.query('TRUNCATE reminder, reminder_scan_run');
      await db.query('DELETE FROM outbox_email WHERE centre_id IS NOT NULL');
      await db.query('VACUUM ANALYZE reminder, reminder_scan_run, outbox_email');
      const reset = ((performance.now() - from) / 1000).toFixed(1);
      const result = await runReminderScan({ resolved, asOf: AS_OF });
      console.log(
        `run ${run} as of ${AS_OF}${AS_OF === TODAY ? ' (today)' : ' (a what-if day)'}: reset ${reset} s; ` +
          `dry run ${result.dryRun.seconds} s (${result.dryRun.due} due); ` +
          `first run ${result.firstRun.seconds} s (${result.firstRun.due} due, ${result.firstRun.created} written)`,
      );
    }
  }
} finally {
  await database.close();
}
