import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase, findFreePort } from '../../src/database/embedded-database.js';
import { testRedisUrl } from '../utils/database.js';
import { faultSeed } from './fault-seed.js';
import { expectOutageSurvived, reportOutage, runOutageDrill } from './outage-drill.js';

/**
 * Drill 2: PostgreSQL stopped for 60 s under API and worker load, on a cluster of the drill's own (never the
 * machine's server, which other tests share): longer than every timeout involved (DB_CONNECT_TIMEOUT_MS, the
 * health check's 3 s, BullMQ's 20 s job lock, the pool's retries), as an outage a restart or a failover makes.
 */
describe.each(['postgres', 'redis'] as const)(
  'PostgreSQL stopped for 60 s under load (%s queue backend)',
  (backend) => {
    let pgDir: string;
    let database: EmbeddedDatabase;
    let databaseUrl: string;

    beforeAll(async () => {
      pgDir = await mkdtemp(join(tmpdir(), 'keepwarm-fault-pg-'));
      await chmod(pgDir, 0o755); // as root, the cluster runs as the postgres user
      // A fixed port, so the cluster comes back where the app expects it.
      database = new EmbeddedDatabase({ dataDir: pgDir, port: await findFreePort(), log: () => {} });
      databaseUrl = await database.start();
    });

    afterAll(async () => {
      await database.stop();
      await rm(pgDir, { recursive: true, force: true });
    });

    it('answers 503 problem+json at once, resumes by itself, loses and duplicates no email', async () => {
      const result = await runOutageDrill({
        backend,
        databaseUrl,
        redisUrl: backend === 'redis' ? testRedisUrl() : undefined,
        seed: faultSeed(`postgres-outage-${backend}`),
        outageMs: 60_000,
        dependency: { stop: () => database.stop(), start: async () => void (await database.start()) },
      });
      reportOutage(`postgres-${backend}`, result);

      expectOutageSurvived(result);
      expect(result.statuses['503']).toBeGreaterThan(0);
      expect(result.readyDuringOutage.map((r) => r.checks.database?.status)).toEqual(['down', 'down']);
    }, 300_000);
  },
);
