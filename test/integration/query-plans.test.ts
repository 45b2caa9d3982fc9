import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, signIn } from '../utils/api.js';
import { query } from '../utils/database.js';

/** A node of PostgreSQL's EXPLAIN (FORMAT JSON) plan. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The plans PostgreSQL picks for the hot queries, on a table large enough (and analysed) for its choice to mean
 * something: a partner's timeline must read engagement_partner by (partner_id, occurred_at), newest first, and
 * stop after a page, whatever the size of the centre's history or of the partner's own (issue 15's gate). Both
 * plans of a named statement are checked: the custom one and the generic one PostgreSQL may switch to.
 */
describe('query plans', () => {
  let app: TestApp;
  let centre: string;
  let token: string;
  let partnerId: string;
  const PARTNERS = 2000;
  const ENGAGEMENTS_EACH = 20;
  const LONG_HISTORY = 1000;
  const TIMELINE_ENGAGEMENTS = /FROM "engagement_partner" "ep"/;
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
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `SELECT id FROM partner WHERE centre_id = $1 ORDER BY name LIMIT 1`,
      [centre],
    );
    partnerId = row!.id;
    // The partner whose timeline is read has a long history (a key partner over years), the others a short one.
    await query(
      app.databaseUrl,
      `WITH e AS (
         INSERT INTO engagement (centre_id, type, occurred_at, summary)
         SELECT $1, 'call', now() - g * interval '1 day', 'Called' FROM generate_series(1, $3::int) g
         RETURNING id, occurred_at)
       INSERT INTO engagement_partner (engagement_id, partner_id, centre_id, occurred_at)
       SELECT e.id, $2, $1, e.occurred_at FROM e`,
      [centre, partnerId, LONG_HISTORY],
    );
    await query(app.databaseUrl, 'ANALYZE');
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

  /**
   * The plan of `sql` with these parameters, as PostgreSQL runs it: the custom plan (planned for these values) and
   * the generic one it switches to after five runs of a named statement (see src/database/prepared-statements.ts).
   */
  async function plansOf(sql: string, parameters: unknown[]): Promise<Record<string, PlanNode[]>> {
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    try {
      await client.query(`PREPARE hot AS ${sql}`);
      // EXECUTE takes no bound parameters: the values go in as literals, typed by the prepared statement.
      const literal = (v: unknown) =>
        v === null || v === undefined
          ? 'NULL'
          : client.escapeLiteral(
              v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v),
            );
      const args = parameters.map(literal).join(', ');
      const plans: Record<string, PlanNode[]> = {};
      for (const mode of ['force_custom_plan', 'force_generic_plan']) {
        await client.query(`SET plan_cache_mode = ${mode}`);
        const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) EXECUTE hot(${args})`,
        );
        plans[mode] = nodesOf(rows[0]!['QUERY PLAN'][0].Plan);
      }
      return plans;
    } finally {
      await client.end();
    }
  }

  it("reads a partner's timeline through the (partner, occurred_at) index, in its order, on every page", async () => {
    const first = await statementOf(`/api/v1/partners/${partnerId}/timeline?limit=8`, TIMELINE_ENGAGEMENTS);
    expect(first.body.items).toHaveLength(8);
    expect(first.body.nextCursor).not.toBeNull();
    const next = await statementOf(
      `/api/v1/partners/${partnerId}/timeline?limit=8&before=${encodeURIComponent(first.body.nextCursor!)}`,
      TIMELINE_ENGAGEMENTS,
    );
    expect(next.body.items).toHaveLength(8);

    // The first page is a named statement (both plans matter); a later page is planned for its cursor each time.
    expect([first.sql, next.sql].map((sql) => sql.startsWith('/* prepared: timeline engagements */'))).toEqual([
      true,
      false,
    ]);
    for (const [{ sql, parameters }, modes] of [
      [first, ['force_custom_plan', 'force_generic_plan']],
      [next, ['force_custom_plan']],
    ] as const) {
      const plans = await plansOf(sql, parameters);
      for (const nodes of modes.map((mode) => plans[mode]!)) {
        const links = nodes.filter((n) => n['Relation Name'] === 'engagement_partner');
        expect(links.map((n) => [n['Node Type'], n['Index Name']])).toEqual([
          [expect.stringMatching(/^Index (Only )?Scan$/), 'engagement_partner_timeline_idx'],
        ]);
        // The index gives the order: no sort of the partner's whole history before the page is cut.
        expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
      }
    }
  });

  it('finds the partners of one sector through the index on current partners by sector', async () => {
    const { sql, parameters } = await statementOf(
      '/api/v1/partners?sector=education&sort=nextContactDue&limit=50',
      /^\/\* prepared: partner with derived fields \*\/ SELECT COUNT/,
    );
    for (const nodes of Object.values(await plansOf(sql, parameters))) {
      const scans = nodes.filter((n) => n['Index Name'] !== undefined);
      expect(scans.map((n) => n['Index Name'])).toContain('partner_current_sector_idx');
    }
  });

  it("finds the scan's follow-ups, and who may get its digests, through their indexes rather than the whole centre", async () => {
    // One engagement in sixteen has a follow-up; three contacts per partner, do-not-contact at one partner in a hundred.
    await query(
      app.databaseUrl,
      `UPDATE engagement SET follow_up_at = (occurred_at + interval '14 days')::date WHERE centre_id = $1 AND right(id::text, 1) = '0'`,
      [centre],
    );
    await query(
      app.databaseUrl,
      `INSERT INTO contact (centre_id, partner_id, name, email, do_not_contact)
       SELECT $1, p.id, 'Person ' || i, 'person' || i || '.' || p.id || '@partner.example', (p.name || i) LIKE '%99_'
         FROM partner p CROSS JOIN generate_series(1, 3) i WHERE p.centre_id = $1`,
      [centre],
    );
    await query(app.databaseUrl, 'ANALYZE');
    const admin = (await signIn(app, (await seedUser(app, centre, 'admin')).email)).token;

    const logger = app.app.get(DataSource).logger;
    const original = logger.logQuery.bind(logger);
    const followUps: { sql: string; parameters: unknown[] }[] = [];
    const mailable: { sql: string; parameters: unknown[] }[] = [];
    logger.logQuery = (sql, parameters, runner) => {
      if (sql.includes(`'follow_up_due'::text AS kind`))
        followUps.push({ sql, parameters: (parameters ?? []) as unknown[] });
      if (sql.includes('FROM contact dnc')) mailable.push({ sql, parameters: (parameters ?? []) as unknown[] });
      return original(sql, parameters, runner);
    };
    try {
      const res = await call(app, 'POST', '/api/v1/admin/reminders/run', { token: admin, body: {} });
      expect(res.status).toBe(200);
      expect(res.body.due.some((r: { kind: string }) => r.kind === 'follow_up_due')).toBe(true);
    } finally {
      logger.logQuery = original;
    }
    // The listing and the reconcile of the follow-ups; the digests' reportable reminders (and on Mondays the
    // weekly summary's recipients).
    expect(followUps).toHaveLength(2);
    expect(mailable.length).toBeGreaterThanOrEqual(1);
    for (const [statements, index, alias] of [
      [followUps, 'engagement_follow_up_idx', 'e'],
      [mailable, 'contact_do_not_contact_idx', 'dnc'],
    ] as const) {
      for (const { sql, parameters } of statements) {
        for (const nodes of Object.values(await plansOf(sql, parameters))) {
          // One read of the table, through the index (a bitmap scan names it on its child node).
          const reads = nodes.filter((n) => n.Alias === alias);
          expect(reads).toHaveLength(1);
          expect(reads[0]!['Node Type']).not.toBe('Seq Scan');
          expect(nodesOf(reads[0]!).map((n) => n['Index Name'])).toContain(index);
        }
      }
    }
  });
});
