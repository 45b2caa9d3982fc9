import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { RepairCadencePolicies1795830000070 } from '../../src/database/migrations/1795830000070-repair-cadence-policies.js';
import { createTestDatabase, dropTestDatabase, query } from '../utils/database.js';

/** Centres whose policy the API once stored without a usable default get the default back, audited. */
describe('migration RepairCadencePolicies', () => {
  let url: string;
  const broken = [
    `'[]'`,
    `'null'`,
    `'[{"defaultDays":5}]'`,
    `'{"bySector":{"media":30}}'`,
    `'{"defaultDays":0}'`,
    `'{"defaultDays":"90"}'`,
    `'{"defaultDays":12.5}'`,
  ];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    url = await createTestDatabase();
    for (const [index, cadence] of [...broken, `'{"defaultDays":45,"bySector":{},"byTier":{"key":20}}'`].entries()) {
      const [row] = await query<{ id: string }>(
        url,
        `INSERT INTO centre (name, country, timezone, cadence) VALUES ($1, 'BE', 'Europe/Brussels', ${cadence}::jsonb) RETURNING id`,
        [`Centre ${index}`],
      );
      ids[cadence] = row!.id;
    }
  });
  afterAll(async () => {
    await dropTestDatabase(url);
  });

  async function migrate(): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await new RepairCadencePolicies1795830000070().up({
        query: (sql: string) => client.query(sql),
      } as unknown as QueryRunner);
    } finally {
      await client.end();
    }
  }

  it('restores a default of 90 days where none was usable, keeps the rest, and leaves valid policies alone', async () => {
    await migrate();
    const rows = await query<{ id: string; cadence: unknown }>(url, 'SELECT id, cadence FROM centre');
    const cadenceOf = (literal: string) => rows.find((r) => r.id === ids[literal])!.cadence;
    for (const literal of broken.filter((b) => !b.includes('media'))) {
      expect(cadenceOf(literal)).toEqual({ defaultDays: 90, bySector: {}, byTier: {} });
    }
    expect(cadenceOf(`'{"bySector":{"media":30}}'`)).toEqual({ defaultDays: 90, bySector: { media: 30 }, byTier: {} });
    expect(cadenceOf(`'{"defaultDays":45,"bySector":{},"byTier":{"key":20}}'`)).toEqual({
      defaultDays: 45,
      bySector: {},
      byTier: { key: 20 },
    });
  });

  it('records each repair in the centre audit trail, once, whatever the reruns', async () => {
    await migrate();
    const audit = await query<{ centre_id: string; action: string; before: { cadence: unknown }; request_id: string }>(
      url,
      `SELECT centre_id, action, before, request_id FROM audit_event WHERE entity_type = 'centre'`,
    );
    expect(audit).toHaveLength(broken.length);
    expect(audit.find((a) => a.centre_id === ids[`'[]'`])).toMatchObject({
      action: 'update',
      before: { cadence: [] },
      request_id: 'migration:RepairCadencePolicies1795830000070',
    });
  });
});
