// Starts what the integration and e2e tests share, once per `npm test`:
// - PostgreSQL: TEST_DATABASE_URL's server, else an embedded cluster in a temporary directory;
//   a template database migrated once, from which each test file gets a fresh copy.
// - Redis (for the BullMQ Redis backend): TEST_REDIS_URL, else a throwaway redis-server if one is installed.
// Uses the built app (dist/, built by `pretest`) so the migrations tested are the ones shipped.
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedDatabase, findFreePort } from '../../dist/database/embedded-database.js';
import { migrateDatabase } from '../../dist/database/migrate.js';

export default async function globalSetup(globalConfig) {
  const wantsServices = globalConfig.selectedProjects?.length !== 1 || globalConfig.selectedProjects[0] !== 'unit';
  if (!wantsServices) return;
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const state = { runId };
  globalThis.__KEEPWARM_TEST__ = state;

  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    state.pgDir = await mkdtemp(join(tmpdir(), 'keepwarm-test-pg-'));
    await chmod(state.pgDir, 0o755); // as root, the cluster runs as the postgres user
    state.embedded = new EmbeddedDatabase({ dataDir: state.pgDir, port: 0, log: () => {} });
    adminUrl = await state.embedded.start();
  }
  const template = `kw_template_${runId}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${template}`);
  await client.end();
  const templateUrl = withDatabase(adminUrl, template);
  await migrateDatabase(templateUrl);

  process.env.KW_TEST_ADMIN_URL = adminUrl;
  process.env.KW_TEST_TEMPLATE_DB = template;
  process.env.KW_TEST_RUN_ID = runId;

  if (process.env.TEST_REDIS_URL) {
    process.env.KW_TEST_REDIS_URL = process.env.TEST_REDIS_URL;
  } else if (spawnSync('redis-server', ['--version']).status === 0) {
    const port = await findFreePort();
    state.redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitForPort(port);
    process.env.KW_TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
  }
}

export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function waitForPort(port) {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server did not listen on ${port}`);
}

export async function stopShared(state) {
  if (!state) return;
  if (process.env.KW_TEST_ADMIN_URL) {
    const client = new pg.Client({ connectionString: process.env.KW_TEST_ADMIN_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `kw_%${state.runId}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  }
  state.redis?.kill('SIGTERM');
  await state.embedded?.stop();
  if (state.pgDir) await rm(state.pgDir, { recursive: true, force: true });
}
