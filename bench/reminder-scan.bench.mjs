// Reminder scan benchmark: `npm run bench:scan` (and `npm run bench`). Prints figures, asserts nothing (machines
// are shared and noisy). Seeds CENTRES centres × PARTNERS_PER_CENTRE partners (default 50 × 2,000 = 100k), two
// engagements each in the ten months before AS_OF and a follow-up on one partner in ten, then times the scan of
// every centre, WORKER_CONCURRENCY (default 5) at a time as the worker runs them: a dry run, the first real run
// (writes every overdue reminder at once), and a rerun of the same day (writes nothing). Uses BENCH_DATABASE_URL
// (a database it may fill) or starts an embedded PostgreSQL in a temporary directory.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { performance } from 'node:perf_hooks';
import { AppModule } from '../dist/app.module.js';
import { RequestContext } from '../dist/common/request-context.js';
import { ReminderScan } from '../dist/reminder-scan/reminder-scan.service.js';
import { openBenchDatabase } from './bench-database.mjs';

const CENTRES = Number(process.env.CENTRES ?? 50);
const PER_CENTRE = Number(process.env.PARTNERS_PER_CENTRE ?? 2000);
// Today in the bench centres' time zone: the daily scan's day, which reads each partner's maintained last
// engagement. Any other AS_OF is a what-if scan (as the CLI's --as-of), which works it out from the history.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
const AS_OF = process.env.AS_OF ?? TODAY;
// The worker's default WORKER_CONCURRENCY: scans of different centres run side by side, one transaction each.
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 5);

const { resolved, db, close } = await openBenchDatabase();

const seconds = (from) => ((performance.now() - from) / 1000).toFixed(2);
let app;
try {
  let started = performance.now();
  await db.query(
    `INSERT INTO centre (name, country, timezone) SELECT 'Bench centre ' || c, 'BE', 'Europe/Brussels' FROM generate_series(1, $1) c`,
    [CENTRES],
  );
  await db.query(
    `INSERT INTO app_user (centre_id, email, name, role, password_hash) SELECT id, 'bench-' || id || '@example.org', 'Bench manager', 'manager', '!unset' FROM centre WHERE name LIKE 'Bench centre %'`,
  );
  await db.query(
    `INSERT INTO partner (centre_id, name, sector, tier, owner_id, created_at)
     SELECT c.id, 'Partner ' || i, (ARRAY['education','media','ngo','industry','government'])[1 + i % 5], (ARRAY['key','regular','occasional'])[1 + i % 3], u.id, '2025-01-01'
     FROM centre c JOIN app_user u ON u.centre_id = c.id CROSS JOIN generate_series(1, $1) i WHERE c.name LIKE 'Bench centre %'`,
    [PER_CENTRE],
  );
  await db.query(
    `WITH p AS (SELECT id, centre_id, row_number() OVER () AS n FROM partner WHERE name LIKE 'Partner %'),
     e AS (
       INSERT INTO engagement (id, centre_id, type, occurred_at, summary, follow_up_at)
       SELECT gen_random_uuid(), p.centre_id, 'call', ($1::date - 290)::timestamptz + ((p.n * 7 + k * 113) % 280) * interval '1 day', 'Bench',
              CASE WHEN p.n % 10 = 0 AND k = 2 THEN $1::date - 14 END
       FROM p CROSS JOIN generate_series(1, 2) k
       RETURNING id, centre_id, occurred_at, summary
     )
     SELECT count(*) FROM e`,
    [AS_OF],
  );
  // Link each engagement to one partner of its centre (deterministically by position), then refresh last_engagement_at.
  await db.query(
    `INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at)
     SELECT e.id, p.id, e.centre_id, e.occurred_at
     FROM (SELECT id, centre_id, occurred_at, row_number() OVER (PARTITION BY centre_id ORDER BY id) AS n FROM engagement WHERE summary = 'Bench') e
     JOIN (SELECT id, centre_id, row_number() OVER (PARTITION BY centre_id ORDER BY id) AS n FROM partner WHERE name LIKE 'Partner %') p
       ON p.centre_id = e.centre_id AND p.n = 1 + (e.n - 1) % $1`,
    [PER_CENTRE],
  );
  await db.query(
    `UPDATE partner p SET last_engagement_at = (SELECT max(occurred_at) FROM engagement_partner ep WHERE ep.partner_id = p.id) WHERE name LIKE 'Partner %'`,
  );
  await db.query('ANALYZE');
  console.log(`scanning as of ${AS_OF}${AS_OF === TODAY ? ' (today: the daily scan)' : ' (a what-if day)'}`);
  console.log(
    `seeded ${CENTRES} centres × ${PER_CENTRE} partners (${CENTRES * PER_CENTRE} partners, ${CENTRES * PER_CENTRE * 2} engagements) in ${seconds(started)} s`,
  );

  app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...resolved, role: 'api' }), { logger: false });
  const scan = app.get(ReminderScan);
  const centres = (await db.query(`SELECT id FROM centre WHERE name LIKE 'Bench centre %' ORDER BY name`)).rows;
  const runs = [
    ['dry run', { asOf: AS_OF, dryRun: true, trigger: 'cli' }],
    ['first run', { asOf: AS_OF, trigger: 'schedule' }],
    ['rerun (same day)', { asOf: AS_OF, trigger: 'schedule' }],
  ];
  for (const [label, options] of runs) {
    started = performance.now();
    let due = 0;
    let created = 0;
    let emails = 0;
    // As the worker runs them: one job per centre, WORKER_CONCURRENCY at a time.
    const queue = [...centres];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const result = await scan.run(RequestContext.system(next.id), options);
          due += result.dueCount;
          created += result.created;
          emails += result.emails;
        }
      }),
    );
    console.log(
      `${label.padEnd(18)} ${seconds(started).padStart(6)} s for ${centres.length} centres, ${CONCURRENCY} at a time: ${due} due, ${created} written, ${emails} digest(s) staged (target ≤ 5 s for 100k partners)`,
    );
  }
} finally {
  await app?.close();
  await close();
}
