import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { routeTable, type RouteEntry } from '../../src/access/route-table.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedUser, signIn } from '../utils/api.js';
import { query } from '../utils/database.js';
import { MATRIX_MODULES } from '../matrix/index.js';
import type { Body, Fixture } from '../matrix/types.js';

/**
 * Property: random and boundary bodies on every write route of the domain never get a 5xx, and a refused
 * request (4xx) leaves the database exactly as it was. Routes come from the application's route table;
 * valid bodies from the authorisation matrix's entries are the seeds that fast-check bends out of shape.
 */

let counter = 0;
const FIXTURES: Record<string, Fixture> = {
  '/api/v1/users/:id': async (app, centreId) => ({
    value: (await seedUser(app, centreId, 'coordinator')).id,
    table: 'app_user',
  }),
  '/api/v1/centres/:id': async (_app, centreId) => ({ value: centreId, table: 'centre' }),
  ...Object.assign({}, ...MATRIX_MODULES.map((m) => m.fixtures)),
};
const BODIES: Record<string, Body> = {
  'POST /api/v1/users': () => ({
    email: `property-${++counter}@example.org`,
    name: 'Property user',
    role: 'coordinator',
    password: 'a-long-test-password',
  }),
  'PATCH /api/v1/users/:id': () => ({ name: 'Renamed', role: 'manager' }),
  'POST /api/v1/centres': () => ({ name: `Property centre ${++counter}`, country: 'NL', timezone: 'Europe/Amsterdam' }),
  'PATCH /api/v1/centres/:id': () => ({
    reminderHour: 8,
    requiredBoardSectors: ['media'],
    cadence: { defaultDays: 60 },
  }),
  ...Object.assign({}, ...MATRIX_MODULES.map((m) => m.bodies)),
};
/** Sign-in and password routes count failed attempts by design (throttling): refusals there do write. */
const EXCLUDED = /^\/api\/v1\/(auth|me)\b/;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);

/** Values that break naive code: wrong types, edges of ranges, odd strings, deep nesting. */
const nasty = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    2 ** 31,
    -(2 ** 63),
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    '0',
    'null',
    'NaN',
  ),
  fc.constantFrom(
    '2027-02-30',
    '2027-13-01',
    '1900-01-01',
    '2199-12-31',
    '9999-12-31',
    '2027-02-09T25:00:00Z',
    'not-a-date',
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.constantFrom(
    "'; DROP TABLE partner; --",
    '%_\\',
    '\u0000',
    '😀'.repeat(300),
    'a'.repeat(100_001),
    '<script>alert(1)</script>',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.uuid(),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.uuid()), { maxLength: 60 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

function bodies(seed: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(seed);
  const mutated = fc.record(
    Object.fromEntries(
      keys.map((k) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant(seed[k]) }, { weight: 3, arbitrary: nasty })]),
    ),
  );
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
    const tables = await query<{ table_name: string }>(
      app.databaseUrl,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'auth_session') ORDER BY 1`,
    );
    // The mail worker delivers earlier requests' emails meanwhile: what it writes (a row's delivery state, its
    // send log) is not the request's doing, so outbox rows count by what was staged.
    const rowOf: Record<string, string> = { outbox_email: '(t.id, t.recipient, t.subject, t.dedupe_key)::text' };
    const perTable = tables
      .filter(({ table_name }) => table_name !== 'outbox_send_attempt')
      .map(
        ({ table_name }) =>
          `SELECT '${table_name}' AS name, coalesce(md5(string_agg(${rowOf[table_name] ?? 't::text'}, '|' ORDER BY ${rowOf[table_name] ?? 't::text'})), '-') AS d FROM ${table_name} t`,
      );
    digestSql = `SELECT name || ':' || d AS d FROM (${perTable.join(' UNION ALL ')}) x ORDER BY name`;
    routes = routeTable(app.app).filter(
      (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.path.startsWith('/api/v1/') && !EXCLUDED.test(r.path),
    );
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it("covers the domain's write routes", () => {
    const paths = routes.map((r) => r.path);
    for (const resource of [
      '/api/v1/partners',
      '/api/v1/engagements',
      '/api/v1/advisory-boards',
      '/api/v1/sid/:year/roles',
      '/api/v1/partners/:id/contacts',
    ]) {
      expect(paths).toContain(resource);
    }
  });

  /**
   * Classes of input that once answered 500: explicit null on a field not declared nullable, a lone UTF-16
   * surrogate in a string, arrays nested 1,000 deep, and dates outside the accepted range. Every field of every
   * write route (from the OpenAPI document and the seed bodies) and every query parameter gets each one; the answer
   * must be 400 problem+json naming the field, with the database unchanged and no error-level log line.
   */
  describe('null, lone surrogates, deep nesting and extreme dates', () => {
    type Schema = {
      type?: string;
      format?: string;
      nullable?: boolean;
      example?: unknown;
      items?: Schema;
      $ref?: string;
      allOf?: Schema[];
      properties?: Record<string, Schema>;
    };
    type Operation = {
      requestBody?: { content?: Record<string, { schema?: Schema }> };
      parameters?: { in: string; name: string; schema?: Schema; example?: unknown }[];
    };
    let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
    let networkToken: string;

    const DEEP = JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`) as unknown;
    const SURROGATE = '\ud800x';
    const EXTREME_DATES = [
      '0000-01-01',
      '9999-12-31',
      '1899-12-31',
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      '-000001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2026-02-30',
    ];
    const DATE_LIKE = /^[+-]?\d{4,6}-\d{2}-\d{2}/;

    const resolve = (schema: Schema | undefined): Schema => {
      if (!schema) return {};
      if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
      if (schema.allOf) return Object.assign({}, ...schema.allOf.map(resolve));
      return schema;
    };
    const isDateField = (schema: Schema, seed: unknown) =>
      schema.format === 'date' ||
      schema.format === 'date-time' ||
      DATE_LIKE.test(String(schema.example ?? '')) ||
      (typeof seed === 'string' && DATE_LIKE.test(seed));
    const isTextField = (schema: Schema, seed: unknown) =>
      schema.type === 'string' || (schema.type === undefined && typeof seed === 'string');
    const named = (body: unknown, field: string) =>
      ((body as { errors?: { field: string }[] })?.errors ?? []).some(
        (e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`),
      );
    const errorLines = (from: number) =>
      app.logs
        .slice(from)
        .filter((line) => Number(line.level) >= 50)
        .map((line) => String(line.msg));

    beforeAll(async () => {
      doc = (await call(app, 'GET', '/api/docs-json')).body;
      networkToken = (await signIn(app, (await seedUser(app, centreId, 'admin', { networkAdmin: true })).email)).token;
    });

    it('answers 400 problem+json naming the field on every write route, and changes nothing', async () => {
      const failures: string[] = [];
      const writes = routeTable(app.app).filter(
        (r) =>
          ['POST', 'PUT', 'PATCH'].includes(r.method) &&
          r.path.startsWith('/api/v1/') &&
          !/^\/api\/v1\/auth\b|\/password\b/.test(r.path),
      );
      let tried = 0;
      for (const route of writes) {
        const operation = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
        const schema = resolve(operation?.requestBody?.content?.['application/json']?.schema);
        const seed = ((await BODIES[`${route.method} ${route.path}`]?.(app, centreId)) ?? {}) as Record<
          string,
          unknown
        >;
        const fields = [...new Set([...Object.keys(schema.properties ?? {}), ...Object.keys(seed)])];
        if (fields.length === 0) continue;
        let path = route.path;
        for (const param of path.split('/').filter((p) => p.startsWith(':'))) {
          const fixture = FIXTURES[route.path.slice(0, route.path.indexOf(param) + param.length)];
          if (!fixture) throw new Error(`No fixture for ${route.path}`);
          path = path.replace(param, encodeURIComponent((await fixture(app, centreId)).value));
        }
        for (const field of fields) {
          const property = resolve(schema.properties?.[field]);
          const values: [string, unknown][] = [['deep', DEEP]];
          if (!property.nullable) values.push(['null', null]);
          if (isTextField(property, seed[field])) values.push(['surrogate', SURROGATE]);
          if (property.type === 'array' && resolve(property.items).type === 'string')
            values.push(['surrogate item', [SURROGATE]]);
          if (isDateField(property, seed[field])) for (const date of EXTREME_DATES) values.push([`date ${date}`, date]);
          for (const [what, value] of values) {
            tried += 1;
            const body = { ...seed, [field]: value };
            const logsAt = app.logs.length;
            const before = await digest();
            const res = await call(app, route.method, path, { token: networkToken, body });
            const problem = (res.headers.get('content-type') ?? '').includes('application/problem+json');
            const changed = (await digest()) !== before;
            const errors = errorLines(logsAt);
            if (res.status !== 400 || !problem || !named(res.body, field) || changed || errors.length > 0) {
              failures.push(
                `${route.method} ${route.path} ${field}=${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}${changed ? ' (database changed)' : ''}${errors.length ? ` (logged ${errors.join('; ')})` : ''}`,
              );
            }
          }
        }
      }
      expect(tried).toBeGreaterThan(100);
      expect(failures).toEqual([]);
    }, 300_000);

    it('answers 400 naming the parameter for extreme dates and deep keys in every query parameter, and never 5xx for the rest', async () => {
      const failures: string[] = [];
      const reads = routeTable(app.app).filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/'));
      let tried = 0;
      for (const route of reads) {
        const operation = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.get;
        const params = (operation?.parameters ?? []).filter((p) => p.in === 'query');
        if (params.length === 0) continue;
        let path = route.path;
        for (const param of path.split('/').filter((p) => p.startsWith(':'))) {
          const fixture = FIXTURES[route.path.slice(0, route.path.indexOf(param) + param.length)];
          if (!fixture) throw new Error(`No fixture for ${route.path}`);
          path = path.replace(param, encodeURIComponent((await fixture(app, centreId)).value));
        }
        for (const param of params) {
          const schema = resolve(param.schema);
          const cases: [string, string, boolean][] = [
            ['deep', `${param.name}${'[0]'.repeat(1000)}=1`, true],
            ['surrogate', `${param.name}=%ED%A0%80x`, false],
            ['null', `${param.name}=null`, false],
            ['repeated', `${param.name}=1&${param.name}=2`, false],
          ];
          if (isDateField(schema, param.example))
            for (const date of EXTREME_DATES)
              cases.push([`date ${date}`, `${param.name}=${encodeURIComponent(date)}`, true]);
          if (param.name === 'before') {
            for (const at of [
              '0000-01-01T00:00:00Z',
              '+275760-09-13T00:00:00.000Z',
              '-000001-01-01T00:00:00Z',
              '9999-12-31T23:59:59Z',
            ]) {
              const cursor = Buffer.from(JSON.stringify({ at, id: '00000000-0000-4000-8000-000000000000' })).toString(
                'base64url',
              );
              cases.push([`cursor ${at}`, `before=${cursor}`, true]);
            }
          }
          for (const [what, queryString, mustRefuse] of cases) {
            tried += 1;
            const logsAt = app.logs.length;
            const res = await call(app, 'GET', `${path}?${queryString}`, { token: networkToken });
            const problem = (res.headers.get('content-type') ?? '').includes('application/problem+json');
            const errors = errorLines(logsAt);
            const refusedWell = res.status === 400 && problem && named(res.body, param.name);
            if (
              res.status >= 500 ||
              (res.status >= 400 && !problem) ||
              errors.length > 0 ||
              (mustRefuse && !refusedWell)
            ) {
              failures.push(
                `GET ${route.path} ${param.name} ${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}${errors.length ? ` (logged ${errors.join('; ')})` : ''}`,
              );
            }
          }
        }
      }
      expect(tried).toBeGreaterThan(50);
      expect(failures).toEqual([]);
    }, 300_000);

    it('refuses the reported cases: an impossible audit date, far dates on engagements and scans', async () => {
      const logsAt = app.logs.length;
      for (const [method, path, body, field] of [
        ['GET', '/api/v1/audit?from=2026-02-30', undefined, 'from'],
        ['GET', '/api/v1/audit?to=2026-13-01', undefined, 'to'],
        ['GET', '/api/v1/engagements?from=2026-02-30', undefined, 'from'],
        ['GET', '/api/v1/engagements?to=9999-12-31', undefined, 'to'],
        ['POST', '/api/v1/admin/reminders/run', { asOf: '9999-06-01', dryRun: true }, 'asOf'],
      ] as const) {
        const res = await call(app, method, path, { token: networkToken, body });
        expect({ path, status: res.status, named: named(res.body, field) }).toEqual({ path, status: 400, named: true });
      }
      expect(errorLines(logsAt)).toEqual([]);
    });

    it('refuses the reported ~20 KB bodies of deeply nested arrays, naming the field, and changes nothing', async () => {
      // Written as text: JSON.stringify itself runs out of stack on 10,000 levels.
      const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const partnerId = (await FIXTURES['/api/v1/partners/:id']!(app, centreId)).value;
      const boardId = (await FIXTURES['/api/v1/advisory-boards/:id']!(app, centreId)).value;
      const meeting = JSON.stringify(await BODIES['POST /api/v1/advisory-boards/:id/meetings']!(app, centreId)).slice(
        0,
        -1,
      );
      const logsAt = app.logs.length;
      const before = await digest();
      for (const [method, path, body, field] of [
        ['PATCH', `/api/v1/partners/${partnerId}`, `{"tags":${nested(5_000)}}`, 'tags'],
        ['PATCH', `/api/v1/partners/${partnerId}`, `{"notes":${nested(10_000)}}`, 'notes'],
        ['POST', '/api/v1/partners', `{"name":"Deep","sector":"media","tags":${nested(5_000)}}`, 'tags'],
        [
          'POST',
          `/api/v1/advisory-boards/${boardId}/meetings`,
          `${meeting},"attendees":[{"partnerId":"${partnerId}","contactIds":${nested(3_000)}}]}`,
          'attendees[0].contactIds',
        ],
      ] as const) {
        const res = await fetch(`${app.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${networkToken}`, 'content-type': 'application/json' },
          body,
        });
        const problem = (await res.json()) as unknown;
        expect({
          path,
          status: res.status,
          type: res.headers.get('content-type'),
          named: named(problem, field),
        }).toEqual({ path, status: 400, type: expect.stringContaining('application/problem+json'), named: true });
      }
      expect(await digest()).toBe(before);
      expect(errorLines(logsAt)).toEqual([]);
    });
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
          if (res.status >= 500)
            failures.push(`${route.method} ${route.path} ${JSON.stringify(body).slice(0, 300)} → ${res.status}`);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            const after = await digest();
            if (after !== before)
              failures.push(
                `${route.method} ${route.path} ${JSON.stringify(body).slice(0, 300)} → ${res.status} but the database changed`,
              );
            expect(after).toBe(before);
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
  }, 900_000);
});
