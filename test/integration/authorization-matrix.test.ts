import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { PasswordTokens } from '../../src/auth/password-tokens.service.js';
import { SessionsService } from '../../src/auth/sessions.service.js';
import { InfrastructureAccess } from '../../src/database/infrastructure-access.js';
import { assertEveryRouteHasPolicy, routeTable, type RouteEntry } from '../../src/access/route-table.js';
import type { AccessPolicy } from '../../src/access/policy.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { call, firstCentreId, seedCentre, seedUser, TEST_PASSWORD } from '../utils/api.js';
import { query } from '../utils/database.js';
import { MATRIX_MODULES } from '../matrix/index.js';
import type { Body, Fixture, Target } from '../matrix/types.js';

/**
 * The authorisation matrix, generated from the application's own route table: every /api route ×
 * anonymous / coordinator / manager / admin / network admin × a record of their own centre / of another
 * centre. A route added later is covered automatically; it fails here until it declares a policy and,
 * if it takes a record id, until FIXTURES below knows how to make one.
 */

type Actor = 'anonymous' | 'coordinator' | 'manager' | 'admin' | 'network admin';
const ACTORS: Actor[] = ['anonymous', 'coordinator', 'manager', 'admin', 'network admin'];
type Side = 'own' | 'other';
type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'not found';

let app: TestApp;
let centreA: string;
let centreB: string;
/** Every id created in centre B for the matrix: they may change under a network admin; nothing else of B may. */
const fixtureIdsInB: string[] = [];
let loginProbe: { id: string; email: string };
/** The probe's password: a reset must choose a new one each time (the current one is refused), and login follows it. */
let probePassword = TEST_PASSWORD;

async function resetLinkFor(userId: string): Promise<string> {
  return app.app
    .get(DataSource)
    .transaction((manager) => app.app.get(PasswordTokens).issue(InfrastructureAccess.seal(manager), userId, 'reset'));
}
let counter = 0;

/** How to make a fresh record for each route parameter (keyed by the path up to and including it). */
const FIXTURES: Record<string, Fixture> = {
  '/api/v1/users/:id': async (_app, centreId) => ({
    value: (await seedUser(app, centreId, 'coordinator')).id,
    table: 'app_user',
  }),
  '/api/v1/centres/:id': async (_app, centreId) => ({ value: centreId, table: 'centre' }),
  ...Object.assign({}, ...MATRIX_MODULES.map((m) => m.fixtures)),
};

/** Bodies that would succeed for an allowed caller, so the matrix reaches the data layer and not just validation. */
const BODIES: Record<string, Body> = {
  'POST /api/v1/auth/login': () => ({ email: loginProbe.email, password: probePassword }),
  'POST /api/v1/auth/password-reset': () => ({ email: 'nobody@example.org' }),
  'POST /api/v1/auth/password-reset/confirm': async () => ({
    token: await resetLinkFor(loginProbe.id),
    password: (probePassword = `matrix-probe-password-${++counter}`),
  }),
  'PATCH /api/v1/me': () => ({ name: `Matrix ${++counter}` }),
  'POST /api/v1/me/password': () => ({
    currentPassword: TEST_PASSWORD,
    newPassword: `matrix-new-password-${++counter}`,
  }),
  'POST /api/v1/users': () => ({
    email: `matrix-${++counter}@example.org`,
    name: 'Matrix user',
    role: 'coordinator',
    password: TEST_PASSWORD,
  }),
  'PATCH /api/v1/users/:id': () => ({ name: `Renamed ${++counter}` }),
  'POST /api/v1/centres': () => ({ name: `Matrix centre ${++counter}`, country: 'NL', timezone: 'Europe/Amsterdam' }),
  'PATCH /api/v1/centres/:id': () => ({ reminderHour: 8 }),
  ...Object.assign({}, ...MATRIX_MODULES.map((m) => m.bodies)),
};

/** The outcome a policy promises, written independently of the guard's code. */
function expectedOutcome(policy: AccessPolicy, actor: Actor, side: Side | undefined): Outcome {
  if (policy.public) return 'allowed';
  if (actor === 'anonymous') return 'unauthenticated';
  const isNetworkAdmin = actor === 'network admin';
  const role = isNetworkAdmin ? 'admin' : actor;
  const byNetwork = isNetworkAdmin && policy.networkAdmin !== undefined;
  const byRole = policy.networkAdmin !== 'only' && (policy.roles ?? []).includes(role);
  if (!byNetwork && !byRole) return 'forbidden';
  if (side === 'other' && !byNetwork) return 'not found';
  return 'allowed';
}

function outcomeOf(status: number): Outcome | 'server error' {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not found';
  if (status >= 500) return 'server error';
  return 'allowed';
}

const actorIds = new Map<Actor, string>();

async function tokenFor(actor: Actor): Promise<string | undefined> {
  if (actor === 'anonymous') return undefined;
  // A fresh session per request: logout and password changes in the matrix must not end the next one.
  return (await app.app.get(SessionsService).issue(actorIds.get(actor)!)).token;
}

async function rowOf(target: Target): Promise<string | undefined> {
  if (!target.table) return undefined;
  const [row] = await query<{ row: string }>(
    app.databaseUrl,
    `SELECT t::text AS row FROM ${target.table} t WHERE id::text = $1`,
    [target.value],
  );
  return row?.row;
}

/**
 * Everything centre B owns, apart from the matrix's own fixtures in B and rows pointing at them. The dashboard's
 * monthly counts are left out: they count B's engagements (fixtures among them), which are compared themselves.
 */
async function snapshotOfB(): Promise<string> {
  const tables = await query<{ table_name: string }>(
    app.databaseUrl,
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'centre_id'
      AND table_name <> 'engagement_month' ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await query<{ digest: string | null; n: number }>(
      app.databaseUrl,
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*)::int AS n FROM ${table_name} t WHERE centre_id = $1
        AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(to_jsonb(t)) kv WHERE kv.value = ANY($2::text[]))`,
      [centreB, fixtureIdsInB],
    );
    parts.push(`${table_name}:${rows[0]!.n}:${rows[0]!.digest}`);
  }
  const [centre] = await query<{ row: string }>(app.databaseUrl, 'SELECT t::text AS row FROM centre t WHERE id = $1', [
    centreB,
  ]);
  return [...parts, centre!.row].join('\n');
}

function paramsOf(path: string): string[] {
  return path.split('/').filter((p) => p.startsWith(':'));
}

function fixtureKey(path: string, param: string): string {
  return path.slice(0, path.indexOf(param) + param.length);
}

/** Shared parameters (a year) are marked by their fixture; the others name a record of some centre. */
const sharedParams = new Set<string>();
function takesCentreRecord(path: string): boolean {
  return paramsOf(path).some((param) => !sharedParams.has(fixtureKey(path, param)));
}

interface Cell {
  route: RouteEntry;
  actor: Actor;
  side?: Side;
  expected: Outcome;
  status: number;
  problem?: string;
}

async function runCell(route: RouteEntry, actor: Actor, side: Side | undefined): Promise<Cell> {
  const policy = route.policy!;
  let path = route.path;
  const targets: Target[] = [];
  for (const param of paramsOf(route.path)) {
    const key = fixtureKey(route.path, param);
    const fixture = FIXTURES[key];
    if (!fixture)
      throw new Error(`No fixture for ${param} in ${route.method} ${route.path}: add one for "${key}" to FIXTURES`);
    const target = await fixture(app, side === 'other' ? centreB : centreA);
    if (side === 'other' && target.table !== 'centre' && !target.shared) fixtureIdsInB.push(target.value);
    targets.push(target);
    path = path.replace(param, encodeURIComponent(target.value));
  }
  const bodyOf = BODIES[`${route.method} ${route.path}`];
  const before = await Promise.all(targets.map(rowOf));
  const res = await call(app, route.method, path, {
    token: await tokenFor(actor),
    body: bodyOf ? await bodyOf(app, centreA) : ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined,
  });
  const expected = expectedOutcome(policy, actor, side);
  const cell: Cell = { route, actor, side, expected, status: res.status };
  const actual = outcomeOf(res.status);
  if (actual !== expected)
    cell.problem = `expected ${expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
  const reachesB = expected === 'allowed' && actor === 'network admin' && policy.networkAdmin !== undefined;
  if (!cell.problem && !reachesB) {
    // A caller confined to centre A must never see B's data, whatever the route answers.
    const { instance: _echoedPath, ...answer } = (
      typeof res.body === 'object' && res.body ? res.body : { body: res.body }
    ) as Record<string, unknown>;
    if (JSON.stringify(answer).includes(centreB))
      cell.problem = `response leaks centre B: ${JSON.stringify(res.body).slice(0, 200)}`;
    if (expected !== 'allowed') {
      const after = await Promise.all(targets.map(rowOf));
      if (JSON.stringify(after) !== JSON.stringify(before)) cell.problem = 'a refused request changed the record';
    }
  }
  return cell;
}

describe('authorisation matrix (generated from the route table)', () => {
  let routes: RouteEntry[];
  const cells: Cell[] = [];
  let snapshotBefore: string;
  let snapshotAfterConfinedActors: string;

  beforeAll(async () => {
    app = await bootApp({ env: { ADMIN_PASSWORD: 'first-admin-password' } });
    centreA = await firstCentreId(app);
    centreB = await seedCentre(app, 'Other centre');
    actorIds.set('coordinator', (await seedUser(app, centreA, 'coordinator')).id);
    actorIds.set('manager', (await seedUser(app, centreA, 'manager')).id);
    actorIds.set('admin', (await seedUser(app, centreA, 'admin')).id);
    actorIds.set('network admin', (await seedUser(app, centreA, 'admin', { networkAdmin: true })).id);
    loginProbe = await seedUser(app, centreA, 'coordinator');
    // Centre B has people of its own, who must stay untouched.
    for (const role of ['admin', 'manager', 'coordinator'] as const) await seedUser(app, centreB, role);

    routes = routeTable(app.app).filter((r) => r.path.startsWith('/api/'));
    // Learn which parameters are not centre data (their fixture says so) before deciding the sides to try.
    for (const route of routes) {
      for (const param of paramsOf(route.path)) {
        const fixture = FIXTURES[fixtureKey(route.path, param)];
        if (fixture && (await fixture(app, centreA)).shared) sharedParams.add(fixtureKey(route.path, param));
      }
    }
    snapshotBefore = await snapshotOfB();
    // Callers confined to centre A first; then the network admin, who may legitimately change B.
    for (const actor of ACTORS) {
      if (actor === 'network admin') snapshotAfterConfinedActors = await snapshotOfB();
      for (const route of routes) {
        if (!route.policy) continue;
        const sides: (Side | undefined)[] = takesCentreRecord(route.path) ? ['own', 'other'] : [undefined];
        for (const side of sides) cells.push(await runCell(route, actor, side));
      }
    }
  }, 900_000); // hundreds of requests: slow on a loaded machine, and no test here is about time

  afterAll(async () => {
    await app?.close();
  });

  it('finds the API routes, and every one declares an access policy', () => {
    expect(routes.length).toBeGreaterThanOrEqual(17);
    expect(routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('covers every route for every actor, on both sides for routes that take a record', () => {
    for (const route of routes) {
      const forRoute = cells.filter((c) => c.route === route);
      expect(new Set(forRoute.map((c) => c.actor))).toEqual(new Set(ACTORS));
      if (takesCentreRecord(route.path))
        expect(new Set(forRoute.map((c) => c.side))).toEqual(new Set(['own', 'other']));
    }
  });

  it('answers every cell as its route policy says: 401 anonymous, 403 wrong role, 404 another centre', () => {
    const mismatches = cells
      .filter((c) => c.problem)
      .map(
        (c) => `${c.route.method} ${c.route.path} as ${c.actor}${c.side ? ` (${c.side} centre)` : ''}: ${c.problem}`,
      );
    expect(mismatches).toEqual([]);
  });

  it('makes no cross-centre write: centre B is unchanged by every caller of centre A except the network admin', () => {
    expect(snapshotAfterConfinedActors).toBe(snapshotBefore);
  });

  it('exercises real access, not only refusals: every route admits someone', () => {
    const neverSucceeded = routes.filter(
      (route) => !cells.some((c) => c.route === route && c.expected === 'allowed' && c.status < 400),
    );
    expect(neverSucceeded.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('leaves only sign-in and password reset open to anonymous callers under /api', async () => {
    const open = routes
      .filter((r) => r.policy?.public)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(open).toEqual([
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/password-reset',
      'POST /api/v1/auth/password-reset/confirm',
    ]);
    expect((await call(app, 'GET', '/api/docs-json')).status).toBe(200);
    expect((await call(app, 'GET', '/health/live')).status).toBe(200);
  });
});

describe('a route without a policy', () => {
  @Controller('api/v1/forgotten')
  class ForgottenController {
    @Get()
    list(): string[] {
      return [];
    }
  }

  @Module({ imports: [DiscoveryModule], controllers: [ForgottenController] })
  class ForgottenModule {}

  it('stops the application from starting, naming the route', async () => {
    const nest = await NestFactory.create(ForgottenModule, { logger: false });
    try {
      expect(() => assertEveryRouteHasPolicy(nest)).toThrow('GET /api/v1/forgotten (ForgottenController.list)');
    } finally {
      await nest.close();
    }
  });
});
