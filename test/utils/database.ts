import { randomBytes } from 'node:crypto';
import pg from 'pg';

function env(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the tests through \`npm test\` (jest globalSetup prepares PostgreSQL)`);
  return value;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, migrated database for one test file (a copy of the run's template). */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = env('KW_TEST_ADMIN_URL');
  const name = `kw_t_${env('KW_TEST_RUN_ID')}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${env('KW_TEST_TEMPLATE_DB')}`);
        break;
      } catch (error) {
        // Two files copying the template at the same instant: PostgreSQL refuses one; try again.
        if (attempt >= 20 || !String((error as Error).message).includes('being accessed')) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: env('KW_TEST_ADMIN_URL') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs one query on its own connection. */
export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The Redis server of this test run (TEST_REDIS_URL, or the one globalSetup started). */
export function testRedisUrl(): string {
  const url = process.env.KW_TEST_REDIS_URL;
  if (!url) {
    throw new Error(
      'No Redis for the BullMQ Redis-backend tests: install redis-server (Debian package redis-server) or set TEST_REDIS_URL',
    );
  }
  return url;
}
