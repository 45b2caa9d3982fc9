import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, signIn } from '../utils/api.js';
import { query } from '../utils/database.js';

/** A node of PostgreSQL's EXPLAIN (FORMAT JSON) plan. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The plans PostgreSQL picks for the hot queries, on a table large enough (and analysed) for its choice to mean
 * something: a partner's timeline must read engagement_partner by (partner_id, occurred_at), newest first, and
 * stop after a page, whatever the size of the centre's history (issue 15's gate).
 */
describe('query plans', () => {
  let app: TestApp;
  let centre: string;
  let token: string;
  let partnerId: string;
  const PARTNERS = 2000;
  const ENGAGEMENTS_EACH = 20;
  const SECTORS = [
    'education',
    'industry',
    'ngo',
    'government',
    'telecom',
    'media',
    'academia',
    'health',
    'youth',
    'parents',
  ];

  beforeAll(async () => {
    app = await bootApp();
    centre = await firstCentreId(app);
    token = (await signIn(app, (await seedUser(app, centre, 'coordinator')).email)).token;
    // 2,000 partners over ten sectors with 20 engagements each (40,000 links) over the last years, written with SQL.
    await query(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector)
       SELECT $1, 'Partner ' || n, ($3::text[])[1 + n % 10] FROM generate_series(1, $2::int) n`,
      [centre, PARTNERS, SECTORS],
    );
    await query(
      app.databaseUrl,
      `INSERT INTO engagement (id, centre_id, type, occurred_at, summary)
       SELECT md5(p.id::text || ':' || g)::uuid, $1, 'meeting', now() - g * interval '50 days' - random() * interval '49 days', 'Met'
         FROM partner p, generate_series(1, $2::int) g WHERE p.centre_id = $1`,
      [centre, ENGAGEMENTS_EACH],
    );
    await query(
      app.databaseUrl,
      `INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at)
       SELECT e.id, p.id, $1, e.occurred_at
         FROM partner p CROSS JOIN generate_series(1, $2::int) g
         JOIN engagement e ON e.id = md5(p.id::text || ':' || g)::uuid
        WHERE p.centre_id = $1`,
      [centre, ENGAGEMENTS_EACH],
    );
    await query(app.databaseUrl, 'ANALYZE');
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `SELECT id FROM partner WHERE centre_id = $1 ORDER BY name LIMIT 1`,
      [centre],
    );
    partnerId = row!.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  /** The SQL (and parameters) the app sent for `marker` while answering GET `path`. */
  async function statementOf(path: string, marker: RegExp) {
    const logger = app.app.get(DataSource).logger;
    const original = logger.logQuery.bind(logger);
    const seen: { sql: string; parameters: unknown[] }[] = [];
    logger.logQuery = (sql, parameters, runner) => {
      if (marker.test(sql)) seen.push({ sql, parameters: (parameters ?? []) as unknown[] });
      return original(sql, parameters, runner);
    };
    try {
      const res = await call(app, 'GET', path, { token });
      expect(res.status).toBe(200);
      expect(seen).toHaveLength(1);
      return { body: res.body as { items: unknown[]; nextCursor: string | null }, ...seen[0]! };
    } finally {
      logger.logQuery = original;
    }
  }

  async function planOf(sql: string, parameters: unknown[]): Promise<PlanNode[]> {
    const [row] = await query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      app.databaseUrl,
      `EXPLAIN (FORMAT JSON) ${sql}`,
      parameters,
    );
    return nodesOf(row!['QUERY PLAN'][0].Plan);
  }

  it("reads a partner's timeline through the (partner, occurred_at) index, in its order, on every page", async () => {
    const first = await statementOf(`/api/v1/partners/${partnerId}/timeline?limit=8`, /timeline engagements/);
    expect(first.body.items).toHaveLength(8);
    expect(first.body.nextCursor).not.toBeNull();
    const next = await statementOf(
      `/api/v1/partners/${partnerId}/timeline?limit=8&before=${encodeURIComponent(first.body.nextCursor!)}`,
      /timeline engagements/,
    );
    expect(next.body.items).toHaveLength(8);

    for (const { sql, parameters } of [first, next]) {
      const nodes = await planOf(sql, parameters);
      const links = nodes.filter((n) => n['Relation Name'] === 'engagement_partner');
      expect(links.map((n) => [n['Node Type'], n['Index Name']])).toEqual([
        [expect.stringMatching(/^Index (Only )?Scan$/), 'engagement_partner_timeline_idx'],
      ]);
      // The index gives the order: no sort of the partner's whole history before the page is cut.
      expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
    }
  });

  it('finds the partners of one sector through the index on current partners by sector', async () => {
    const { sql, parameters } = await statementOf(
      '/api/v1/partners?sector=education&sort=nextContactDue&limit=50',
      /^\/\* prepared: partner with derived fields \*\/ SELECT COUNT/,
    );
    const scans = (await planOf(sql, parameters)).filter((n) => n['Index Name'] !== undefined);
    expect(scans.map((n) => n['Index Name'])).toContain('partner_current_sector_idx');
  });
});
