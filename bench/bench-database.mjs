// The database a benchmark fills: BENCH_DATABASE_URL (a database it may fill), or an embedded PostgreSQL in a
// temporary directory, started the way the app starts it (prepareRuntime: migrations included).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig } from '../dist/config/app-config.js';
import { prepareRuntime } from '../dist/keepwarm.js';
import { createRootLogger } from '../dist/logging/logger.js';

/**
 * Opens the benchmark's database with the app's settings `env` (DATA_DIR and DATABASE_URL are set here):
 * `env` the settings to start the app with, `resolved` the app's resolved configuration, `db` one pg client,
 * `embedded` the embedded PostgreSQL when one was started. `close()` ends the client, stops and removes it.
 */
export async function openBenchDatabase(settings = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-bench-'));
  await chmod(dataDir, 0o755);
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...settings,
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  };
  const config = parseConfig(env);
  const logger = createRootLogger(config.log);
  const { config: resolved, embedded } = await prepareRuntime(config, logger);
  const db = new pg.Client({ connectionString: resolved.database.url });
  await db.connect();
  return {
    env,
    logger,
    resolved,
    embedded,
    db,
    async close() {
      await db.end();
      await embedded?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
