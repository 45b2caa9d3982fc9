import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { routeTable, type RouteEntry } from '../../src/auth/route-table.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, signIn } from '../utils/api.js';
import { query } from '../utils/database.js';
import { entries as boards } from '../matrix/boards.fixtures.js';
import { entries as contacts } from '../matrix/contacts.fixtures.js';
import { entries as digests } from '../matrix/digests.fixtures.js';
import { entries as engagements } from '../matrix/engagements.fixtures.js';
import { entries as mail } from '../matrix/mail.fixtures.js';
import { entries as partners } from '../matrix/partners.fixtures.js';
import { entries as reminders } from '../matrix/reminders.fixtures.js';
import { entries as sid } from '../matrix/sid.fixtures.js';
import type { Body, Fixture } from '../matrix/types.js';

/**
 * Property: random and boundary bodies on every write route of the domain never get a 5xx, and a refused
 * request (4xx) leaves the database exactly as it was. Routes come from the application's route table;
 * valid bodies from the authorisation matrix's entries are the seeds that fast-check bends out of shape.
 */

const MODULES = [partners, contacts, engagements, boards, sid, reminders, digests, mail];
let counter = 0;
const FIXTURES: Record<string, Fixture> = {
  '/api/v1/users/:id': async (app, centreId) => ({ value: (await seedUser(app, centreId, 'coordinator')).id, table: 'app_user' }),
  '/api/v1/centres/:id': async (_app, centreId) => ({ value: centreId, table: 'centre' }),
  ...Object.assign({}, ...MODULES.map((m) => m.fixtures)),
};
const BODIES: Record<string, Body> = {
  'POST /api/v1/users': () => ({ email: `property-${++counter}@example.org`, name: 'Property user', role: 'coordinator', password: 'a-long-test-password' }),
  'PATCH /api/v1/users/:id': () => ({ name: 'Renamed', role: 'manager' }),
  'POST /api/v1/centres': () => ({ name: `Property centre ${++counter}`, country: 'NL', timezone: 'Europe/Amsterdam' }),
  'PATCH /api/v1/centres/:id': () => ({ reminderHour: 8, requiredBoardSectors: ['media'], cadence: { defaultDays: 60 } }),
  ...Object.assign({}, ...MODULES.map((m) => m.bodies)),
};
/** Sign-in and password routes count failed attempts by design (throttling): refusals there do write. */
const EXCLUDED = /^\/api\/v1\/(auth|me)\b/;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);

/** Values that break naive code: wrong types, edges of ranges, odd strings, deep nesting. */
const nasty = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', '0', 'null', 'NaN'),
  fc.constantFrom('2027-02-30', '2027-13-01', '1900-01-01', '9999-12-31', '2027-02-09T25:00:00Z', 'not-a-date', '00000000-0000-0000-0000-000000000000'),
  fc.constantFrom("'; DROP TABLE partner; --", '%_\\', '\u0000', '😀'.repeat(300), 'a'.repeat(100_001), '<script>alert(1)</script>'),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.uuid(),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.uuid()), { maxLength: 60 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

function bodies(seed: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(seed);
  const mutated = fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant(seed[k]) }, { weight: 3, arbitrary: nasty })])));
  const dropped = fc.subarray(keys).map((kept) => Object.fromEntries(kept.map((k) => [k, seed[k]])));
  const extra = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), nasty).map(([k, v]) => ({ ...seed, [k]: v }));
  return fc.oneof(mutated, dropped, extra, fc.jsonValue({ maxDepth: 3 }));
}

describe('every write route, under random and boundary bodies', () => {
  let app: TestApp;
  let centreId: string;
  let token: string;
  let routes: RouteEntry[];

  let db: pg.Client;
  let digestSql: string;

  /** Every row of every table of the application, as one digest (one statement). */
  async function digest(): Promise<string> {
    return (await db.query<{ d: string }>(digestSql)).rows.map((r) => r.d).join(',');
  }

  beforeAll(async () => {
    app = await bootApp();
    centreId = await firstCentreId(app);
    token = (await signIn(app, (await seedUser(app, centreId, 'admin')).email)).token;
    db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    const tables = await query<{ table_name: string }>(app.databaseUrl, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'auth_session') ORDER BY 1`);
    // The mail worker delivers earlier requests' emails meanwhile: what it writes (a row's delivery state, its
    // send log) is not the request's doing, so outbox rows count by what was staged.
    const rowOf: Record<string, string> = { outbox_email: '(t.id, t.recipient, t.subject, t.dedupe_key)::text' };
    const perTable = tables
      .filter(({ table_name }) => table_name !== 'outbox_send_attempt')
      .map(({ table_name }) => `SELECT '${table_name}' AS name, coalesce(md5(string_agg(${rowOf[table_name] ?? 't::text'}, '|' ORDER BY ${rowOf[table_name] ?? 't::text'})), '-') AS d FROM ${table_name} t`);
    digestSql = `SELECT name || ':' || d AS d FROM (${perTable.join(' UNION ALL ')}) x ORDER BY name`;
    routes = routeTable(app.app).filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.path.startsWith('/api/v1/') && !EXCLUDED.test(r.path));
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('covers the domain\'s write routes', () => {
    const paths = routes.map((r) => r.path);
    for (const resource of ['/api/v1/partners', '/api/v1/engagements', '/api/v1/advisory-boards', '/api/v1/sid/:year/roles', '/api/v1/partners/:id/contacts']) {
      expect(paths).toContain(resource);
    }
  });

  it('never answers 5xx, and a refused request changes nothing', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const seed = (await BODIES[`${route.method} ${route.path}`]?.(app, centreId)) ?? {};
      await fc.assert(
        fc.asyncProperty(bodies(seed as Record<string, unknown>), async (body) => {
          let path = route.path;
          for (const param of path.split('/').filter((p) => p.startsWith(':'))) {
            const key = route.path.slice(0, route.path.indexOf(param) + param.length);
            const fixture = FIXTURES[key];
            if (!fixture) throw new Error(`No fixture for ${key}`);
            path = path.replace(param, encodeURIComponent((await fixture(app, centreId)).value));
          }
          const before = await digest();
          const res = await call(app, route.method, path, { token, body });
          if (res.status >= 500) failures.push(`${route.method} ${route.path} ${JSON.stringify(body).slice(0, 300)} → ${res.status}`);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            const after = await digest();
            if (after !== before) failures.push(`${route.method} ${route.path} ${JSON.stringify(body).slice(0, 300)} → ${res.status} but the database changed`);
            expect(after).toBe(before);
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
  }, 900_000);
});
