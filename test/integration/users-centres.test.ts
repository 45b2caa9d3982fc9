import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, seedUser, signIn } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { emailsTo } from '../utils/outbox.js';
import { fieldsOf, seedMember, seedTwoCentres, type Member, type TwoCentres } from '../utils/tenants.js';
import { waitFor } from '../utils/wait.js';

const DEFAULT_SECTORS = [
  'industry',
  'telecom',
  'government',
  'local_authority',
  'law_enforcement',
  'education',
  'academia',
  'ngo',
  'media',
  'health',
  'youth',
  'parents',
  'other',
];
const PASSWORD = 'a-perfectly-long-password';

interface UserRow {
  id: string;
  centre_id: string;
  email: string;
  name: string;
  role: string;
  network_admin: boolean;
  active: boolean;
}

describe('users and centres', () => {
  let app: TestApp;
  let t: TwoCentres;
  let n = 0;

  const userRow = async (id: string) =>
    (
      await query<UserRow>(
        app.databaseUrl,
        'SELECT id, centre_id, email, name, role, network_admin, active FROM app_user WHERE id = $1',
        [id],
      )
    )[0];
  const usersOf = (centreId: string) =>
    query<UserRow>(
      app.databaseUrl,
      'SELECT id, centre_id, email, name, role, network_admin, active FROM app_user WHERE centre_id = $1 ORDER BY id',
      [centreId],
    );
  const centreRow = async (id: string) => (await query(app.databaseUrl, 'SELECT * FROM centre WHERE id = $1', [id]))[0];
  const newUser = (extra: Record<string, unknown> = {}) => ({
    email: `person-${++n}@example.org`,
    name: `Person ${n}`,
    role: 'coordinator',
    password: PASSWORD,
    ...extra,
  });

  beforeAll(async () => {
    app = await bootApp();
    t = await seedTwoCentres(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('mass assignment is refused and changes nothing', () => {
    it('PATCH /me refuses role and centreId as unknown fields', async () => {
      const role = await call(app, 'PATCH', '/api/v1/me', { token: t.aCoordinator.token, body: { role: 'admin' } });
      expect(role.status).toBe(400);
      expect(fieldsOf(role.body)).toContain('role');
      const centre = await call(app, 'PATCH', '/api/v1/me', {
        token: t.aCoordinator.token,
        body: { name: 'Sneaky', centreId: t.b },
      });
      expect(centre.status).toBe(400);
      expect(fieldsOf(centre.body)).toContain('centreId');
      expect(await userRow(t.aCoordinator.id)).toMatchObject({
        role: 'coordinator',
        centre_id: t.a,
        network_admin: false,
      });
      expect((await userRow(t.aCoordinator.id))!.name).not.toBe('Sneaky');
    });

    it('a coordinator can neither promote themself nor create users', async () => {
      const promote = await call(app, 'PATCH', `/api/v1/users/${t.aCoordinator.id}`, {
        token: t.aCoordinator.token,
        body: { role: 'admin' },
      });
      expect(promote.status).toBe(403);
      const body = newUser();
      const create = await call(app, 'POST', '/api/v1/users', { token: t.aCoordinator.token, body });
      expect(create.status).toBe(403);
      expect(await userRow(t.aCoordinator.id)).toMatchObject({ role: 'coordinator' });
      expect(await query(app.databaseUrl, 'SELECT id FROM app_user WHERE email = $1', [body.email])).toEqual([]);
    });

    it('an admin who is not a network admin cannot create users in another centre or grant network admin', async () => {
      const inB = newUser({ centreId: t.b });
      expect((await call(app, 'POST', '/api/v1/users', { token: t.aAdmin.token, body: inB })).status).toBe(403);
      const grant = newUser({ networkAdmin: true });
      expect((await call(app, 'POST', '/api/v1/users', { token: t.aAdmin.token, body: grant })).status).toBe(403);
      expect(
        await query(app.databaseUrl, 'SELECT id FROM app_user WHERE email IN ($1, $2)', [inB.email, grant.email]),
      ).toEqual([]);
      expect((await usersOf(t.b)).map((u) => u.id).sort()).toEqual(
        [t.bAdmin.id, t.bManager.id, t.bCoordinator.id].sort(),
      );

      expect(
        (
          await call(app, 'PATCH', `/api/v1/users/${t.aManager.id}`, {
            token: t.aAdmin.token,
            body: { networkAdmin: true },
          })
        ).status,
      ).toBe(403);
      expect(await userRow(t.aManager.id)).toMatchObject({ network_admin: false });
    });

    it('refuses fields no client may set: centreId, ownerId, id, passwordHash', async () => {
      const before = await userRow(t.aManager.id);
      for (const body of [{ centreId: t.b }, { ownerId: t.aAdmin.id }]) {
        const res = await call(app, 'PATCH', `/api/v1/users/${t.aManager.id}`, { token: t.aAdmin.token, body });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(Object.keys(body)[0]);
      }
      expect(await userRow(t.aManager.id)).toEqual(before);

      for (const extra of [
        { id: '11111111-1111-4111-8111-111111111111' },
        { passwordHash: '$argon2id$v=19$m=1,t=1,p=1$abc$def' },
      ]) {
        const body = newUser(extra);
        const res = await call(app, 'POST', '/api/v1/users', { token: t.aAdmin.token, body });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(Object.keys(extra)[0]);
        expect(await query(app.databaseUrl, 'SELECT id FROM app_user WHERE email = $1', [body.email])).toEqual([]);
      }

      const centre = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token, body: { id: t.b } });
      expect(centre.status).toBe(400);
      expect(fieldsOf(centre.body)).toContain('id');
      expect(
        await query(app.databaseUrl, 'SELECT count(*)::int AS n FROM centre WHERE id IN ($1, $2)', [t.a, t.b]),
      ).toEqual([{ n: 2 }]);
    });
  });

  describe('users API', () => {
    it('creates a user with a lower-cased email and never returns the password hash', async () => {
      const res = await call(app, 'POST', '/api/v1/users', {
        token: t.aAdmin.token,
        body: { email: '  Ana.Pereira@Example.ORG ', name: 'Ana Pereira', role: 'manager', password: PASSWORD },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        centreId: t.a,
        email: 'ana.pereira@example.org',
        name: 'Ana Pereira',
        role: 'manager',
        networkAdmin: false,
        active: true,
      });
      expect(res.body).not.toHaveProperty('passwordHash');
      expect(JSON.stringify(res.body)).not.toContain('argon2');
      expect(await userRow(res.body.id)).toMatchObject({ centre_id: t.a, email: 'ana.pereira@example.org' });
      // The new user can sign in with the password they were given.
      await expect(signIn(app, 'ana.pereira@example.org', PASSWORD)).resolves.toMatchObject({
        user: { id: res.body.id },
      });
    });

    it('refuses a duplicate email in any case and in any centre with 409 naming email', async () => {
      for (const email of ['ANA.PEREIRA@example.org', t.bCoordinator.email.toUpperCase()]) {
        const res = await call(app, 'POST', '/api/v1/users', { token: t.aAdmin.token, body: newUser({ email }) });
        expect(res.status).toBe(409);
        expect(fieldsOf(res.body)).toEqual(['email']);
      }
      expect(
        await query(app.databaseUrl, 'SELECT count(*)::int AS n FROM app_user WHERE lower(email) = $1', [
          'ana.pereira@example.org',
        ]),
      ).toEqual([{ n: 1 }]);
    });

    it('answers invalid input with problem+json naming each bad field', async () => {
      const res = await call(app, 'POST', '/api/v1/users', {
        token: t.aAdmin.token,
        body: { email: 'not-an-email', name: 'Bad Input', role: 'boss', password: 'too-short' },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'email', message: expect.any(String) },
          { field: 'role', message: expect.any(String) },
          { field: 'password', message: expect.any(String) },
        ]),
      );
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['email', 'role', 'password']));
      expect(await query(app.databaseUrl, `SELECT id FROM app_user WHERE name = 'Bad Input'`)).toEqual([]);
    });

    it('refuses null on any field of a user or of /me, and lone surrogates in names and emails, with 400 naming the field', async () => {
      const logsAt = app.logs.length;
      const target = await seedMember(app, t.a, 'coordinator');
      const before = await userRow(target.id);
      for (const field of ['email', 'name', 'role', 'networkAdmin', 'active']) {
        const res = await call(app, 'PATCH', `/api/v1/users/${target.id}`, {
          token: t.network.token,
          body: { [field]: null },
        });
        expect({
          field,
          status: res.status,
          type: res.headers.get('content-type'),
          fields: fieldsOf(res.body),
        }).toEqual({ field, status: 400, type: expect.stringContaining('application/problem+json'), fields: [field] });
        expect(res.body.errors[0].message).toMatch(/null/);
      }
      for (const [field, value] of [
        ['name', 'Ana \ud800x'],
        ['email', 'ana\udc00@example.org'],
      ] as const) {
        const res = await call(app, 'PATCH', `/api/v1/users/${target.id}`, {
          token: t.aAdmin.token,
          body: { [field]: value },
        });
        expect({ field, status: res.status, fields: fieldsOf(res.body) }).toEqual({
          field,
          status: 400,
          fields: [field],
        });
        const created = await call(app, 'POST', '/api/v1/users', {
          token: t.aAdmin.token,
          body: newUser({ [field]: value }),
        });
        expect({ field, status: created.status, fields: fieldsOf(created.body) }).toEqual({
          field,
          status: 400,
          fields: [field],
        });
      }
      expect(await userRow(target.id)).toEqual(before);
      const me = await call(app, 'PATCH', '/api/v1/me', { token: target.token, body: { name: null } });
      expect(me.status).toBe(400);
      expect(fieldsOf(me.body)).toEqual(['name']);
      const meSurrogate = await call(app, 'PATCH', '/api/v1/me', { token: target.token, body: { name: '\ud800x' } });
      expect(meSurrogate.status).toBe(400);
      expect(fieldsOf(meSurrogate.body)).toEqual(['name']);
      expect(await userRow(target.id)).toEqual(before);
      expect(app.logs.slice(logsAt).filter((l) => Number(l.level) >= 50)).toEqual([]);
    });

    it('lists users a page at a time, with search, role and active filters', async () => {
      const listy = await call(app, 'POST', '/api/v1/users', {
        token: t.aAdmin.token,
        body: newUser({ name: 'Quillon Listy', role: 'manager' }),
      });
      const gone = await call(app, 'POST', '/api/v1/users', {
        token: t.aAdmin.token,
        body: newUser({ name: 'Quillon Gone' }),
      });
      expect((await call(app, 'DELETE', `/api/v1/users/${gone.body.id}`, { token: t.aAdmin.token })).status).toBe(200);

      const all = await call(app, 'GET', '/api/v1/users?limit=100', { token: t.aAdmin.token });
      expect(all.status).toBe(200);
      const inA = await usersOf(t.a);
      expect(all.body).toEqual({ items: expect.any(Array), total: inA.length, page: 1, limit: 100 });
      expect(all.body.items.map((u: { id: string }) => u.id).sort()).toEqual(inA.map((u) => u.id).sort());
      expect(all.body.items.every((u: object) => !('passwordHash' in u))).toBe(true);

      const page = await call(app, 'GET', '/api/v1/users?limit=2&page=2', { token: t.aAdmin.token });
      expect(page.body).toEqual({ items: all.body.items.slice(2, 4), total: inA.length, page: 2, limit: 2 });

      const search = await call(app, 'GET', '/api/v1/users?search=quillon', { token: t.aAdmin.token });
      expect(search.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['Quillon Gone', 'Quillon Listy']);
      const byEmail = await call(
        app,
        'GET',
        `/api/v1/users?search=${encodeURIComponent(listy.body.email.toUpperCase())}`,
        { token: t.aAdmin.token },
      );
      expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([listy.body.id]);
      // LIKE wildcards are searched for literally.
      expect((await call(app, 'GET', '/api/v1/users?search=_', { token: t.aAdmin.token })).body.total).toBe(0);

      const managers = await call(app, 'GET', '/api/v1/users?role=manager&limit=100', { token: t.aAdmin.token });
      expect(managers.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
        inA
          .filter((u) => u.role === 'manager')
          .map((u) => u.id)
          .sort(),
      );
      const inactive = await call(app, 'GET', '/api/v1/users?active=false', { token: t.aAdmin.token });
      expect(inactive.body.items.map((u: { id: string }) => u.id)).toEqual([gone.body.id]);
      const active = await call(app, 'GET', '/api/v1/users?active=true&search=quillon', { token: t.aAdmin.token });
      expect(active.body.items.map((u: { id: string }) => u.id)).toEqual([listy.body.id]);

      const tooMany = await call(app, 'GET', '/api/v1/users?limit=101', { token: t.aAdmin.token });
      expect(tooMany.status).toBe(400);
      expect(fieldsOf(tooMany.body)).toContain('limit');
    });

    it('gets and patches a user (name and role)', async () => {
      const created = await call(app, 'POST', '/api/v1/users', {
        token: t.aAdmin.token,
        body: newUser({ role: 'admin' }),
      });
      const got = await call(app, 'GET', `/api/v1/users/${created.body.id}`, { token: t.aAdmin.token });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(created.body);
      const patched = await call(app, 'PATCH', `/api/v1/users/${created.body.id}`, {
        token: t.aAdmin.token,
        body: { name: 'Renamed Person', role: 'manager' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        id: created.body.id,
        name: 'Renamed Person',
        role: 'manager',
        active: true,
      });
      expect(await userRow(created.body.id)).toMatchObject({ name: 'Renamed Person', role: 'manager' });
    });

    it('DELETE deactivates: the user can no longer sign in and their token stops working', async () => {
      const created = await call(app, 'POST', '/api/v1/users', { token: t.aAdmin.token, body: newUser() });
      const session = await signIn(app, created.body.email, PASSWORD);
      expect((await call(app, 'GET', '/api/v1/me', { token: session.token })).status).toBe(200);

      const res = await call(app, 'DELETE', `/api/v1/users/${created.body.id}`, { token: t.aAdmin.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: created.body.id, active: false });
      expect(await userRow(created.body.id)).toMatchObject({ active: false });
      expect((await call(app, 'GET', '/api/v1/me', { token: session.token })).status).toBe(401);
      expect(
        (await call(app, 'POST', '/api/v1/auth/login', { body: { email: created.body.email, password: PASSWORD } }))
          .status,
      ).toBe(401);
    });

    it('an admin cannot deactivate themself, and a centre keeps at least one active admin', async () => {
      const self = await call(app, 'DELETE', `/api/v1/users/${t.aAdmin.id}`, { token: t.aAdmin.token });
      expect(self.status).toBe(409);
      expect(await userRow(t.aAdmin.id)).toMatchObject({ active: true, role: 'admin' });
      expect((await call(app, 'GET', '/api/v1/me', { token: t.aAdmin.token })).status).toBe(200);

      // A centre with two admins: one may go, the last one may not be demoted or deactivated.
      const [{ id: c }] = (await query<{ id: string }>(
        app.databaseUrl,
        `INSERT INTO centre (name, country, timezone) VALUES ('Centre C', 'BE', 'Europe/Brussels') RETURNING id`,
      )) as [{ id: string }];
      const first = await seedMember(app, c, 'admin');
      const second = await seedMember(app, c, 'admin');
      expect((await call(app, 'DELETE', `/api/v1/users/${second.id}`, { token: first.token })).status).toBe(200);
      expect(
        (await call(app, 'PATCH', `/api/v1/users/${first.id}`, { token: first.token, body: { role: 'manager' } }))
          .status,
      ).toBe(409);
      expect(
        (
          await call(app, 'PATCH', `/api/v1/users/${first.id}`, {
            token: t.network.token,
            body: { role: 'coordinator' },
          })
        ).status,
      ).toBe(409);
      expect((await call(app, 'DELETE', `/api/v1/users/${first.id}`, { token: t.network.token })).status).toBe(409);
      expect(await userRow(first.id)).toMatchObject({ role: 'admin', active: true });
    });

    it('a manager can list and get users but not create, change or deactivate them', async () => {
      expect((await call(app, 'GET', '/api/v1/users', { token: t.aManager.token })).status).toBe(200);
      expect((await call(app, 'GET', `/api/v1/users/${t.aCoordinator.id}`, { token: t.aManager.token })).status).toBe(
        200,
      );
      const body = newUser();
      expect((await call(app, 'POST', '/api/v1/users', { token: t.aManager.token, body })).status).toBe(403);
      expect(
        (
          await call(app, 'PATCH', `/api/v1/users/${t.aCoordinator.id}`, {
            token: t.aManager.token,
            body: { name: 'By Manager' },
          })
        ).status,
      ).toBe(403);
      expect(
        (await call(app, 'DELETE', `/api/v1/users/${t.aCoordinator.id}`, { token: t.aManager.token })).status,
      ).toBe(403);
      expect(await userRow(t.aCoordinator.id)).toMatchObject({ active: true });
      expect((await userRow(t.aCoordinator.id))!.name).not.toBe('By Manager');
      expect(await query(app.databaseUrl, 'SELECT id FROM app_user WHERE email = $1', [body.email])).toEqual([]);
    });

    it("another centre's user is not found for A's admin, and nothing changes in B", async () => {
      const before = await usersOf(t.b);
      expect((await call(app, 'GET', `/api/v1/users/${t.bCoordinator.id}`, { token: t.aAdmin.token })).status).toBe(
        404,
      );
      expect(
        (
          await call(app, 'PATCH', `/api/v1/users/${t.bCoordinator.id}`, {
            token: t.aAdmin.token,
            body: { name: 'Hijacked', role: 'admin' },
          })
        ).status,
      ).toBe(404);
      expect((await call(app, 'DELETE', `/api/v1/users/${t.bCoordinator.id}`, { token: t.aAdmin.token })).status).toBe(
        404,
      );
      expect(
        (await call(app, 'GET', '/api/v1/users?limit=100', { token: t.aAdmin.token })).body.items.some(
          (u: { centreId: string }) => u.centreId !== t.a,
        ),
      ).toBe(false);
      expect(await usersOf(t.b)).toEqual(before);
    });
  });

  describe('network admin', () => {
    it('creates a centre with default settings, then its admin, who sees only that centre', async () => {
      const res = await call(app, 'POST', '/api/v1/centres', {
        token: t.network.token,
        body: { name: 'Centre NL', country: 'nl', timezone: 'Europe/Amsterdam' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        name: 'Centre NL',
        country: 'NL',
        timezone: 'Europe/Amsterdam',
        reminderHour: 9,
        sidDaysBefore: 42,
        sidDaysAfter: 14,
        sectors: DEFAULT_SECTORS,
        keepWarmPlan: [60, 120, 210, 300],
        cadence: { defaultDays: 90 },
      });
      const nl = res.body.id as string;
      expect(await centreRow(nl)).toMatchObject({ name: 'Centre NL', country: 'NL' });

      const admin = await call(app, 'POST', '/api/v1/users', {
        token: t.network.token,
        body: { email: 'nl-admin@example.org', name: 'NL Admin', role: 'admin', password: PASSWORD, centreId: nl },
      });
      expect(admin.status).toBe(201);
      expect(admin.body).toMatchObject({ centreId: nl, role: 'admin', networkAdmin: false });

      const session = await signIn(app, 'nl-admin@example.org', PASSWORD);
      const users = await call(app, 'GET', '/api/v1/users', { token: session.token });
      expect(users.body).toMatchObject({ total: 1, items: [{ id: admin.body.id, centreId: nl }] });
      const own = await call(app, 'GET', '/api/v1/centres', { token: session.token });
      expect(own.body).toMatchObject({ total: 1, items: [{ id: nl }] });
      const everyone = await call(app, 'GET', '/api/v1/centres?limit=100', { token: t.network.token });
      expect(everyone.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([t.a, t.b, nl]));
      const [{ count }] = (await query<{ count: number }>(
        app.databaseUrl,
        'SELECT count(*)::int AS count FROM centre',
      )) as [{ count: number }];
      expect(everyone.body.total).toBe(count);
    });

    it("reaches another centre's users; a plain admin cannot", async () => {
      const got = await call(app, 'GET', `/api/v1/users/${t.bManager.id}`, { token: t.network.token });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ id: t.bManager.id, centreId: t.b });
      const patched = await call(app, 'PATCH', `/api/v1/users/${t.bManager.id}`, {
        token: t.network.token,
        body: { name: 'Renamed By Network' },
      });
      expect(patched.status).toBe(200);
      expect(await userRow(t.bManager.id)).toMatchObject({ name: 'Renamed By Network', centre_id: t.b });

      const list = await call(app, 'GET', `/api/v1/users?centreId=${t.b}&limit=100`, { token: t.network.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
        (await usersOf(t.b)).map((u) => u.id).sort(),
      );
      expect((await call(app, 'GET', `/api/v1/users?centreId=${t.b}`, { token: t.aAdmin.token })).status).toBe(403);
    });

    it('only a network admin creates centres', async () => {
      const res = await call(app, 'POST', '/api/v1/centres', {
        token: t.aAdmin.token,
        body: { name: 'Rogue Centre', country: 'DE', timezone: 'Europe/Berlin' },
      });
      expect(res.status).toBe(403);
      expect(await query(app.databaseUrl, `SELECT id FROM centre WHERE name = 'Rogue Centre'`)).toEqual([]);
    });
  });

  describe("a network admin's account is theirs and other network admins' to change", () => {
    let target: Member;
    let peer: Member;
    let admin: Member;
    const rowWithHash = async (id: string) =>
      (
        await query(
          app.databaseUrl,
          'SELECT email, role, active, network_admin, password_hash FROM app_user WHERE id = $1',
          [id],
        )
      )[0];

    beforeAll(async () => {
      target = await seedMember(app, t.a, 'admin', { networkAdmin: true });
      peer = await seedMember(app, t.a, 'manager', { networkAdmin: true });
      admin = await seedMember(app, t.a, 'admin');
    });

    /** The same admin of the network admin's own centre tries one change; it is refused and nothing changes. */
    async function expectRefused(method: string, body?: Record<string, unknown>): Promise<void> {
      const before = await rowWithHash(target.id);
      const res = await call(app, method, `/api/v1/users/${target.id}`, { token: admin.token, body });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await rowWithHash(target.id)).toEqual(before);
      expect((await call(app, 'GET', '/api/v1/me', { token: target.token })).status).toBe(200);
    }

    it("refuses an admin of the same centre changing a network admin's email (then resetting the password to take the account over)", async () => {
      await expectRefused('PATCH', { email: 'attacker@example.org' });
      expect(await query(app.databaseUrl, `SELECT id FROM app_user WHERE email = 'attacker@example.org'`)).toEqual([]);
      // With the email unchanged, a reset link goes to the network admin, not to the attacker.
      expect(
        (await call(app, 'POST', '/api/v1/auth/password-reset', { body: { email: 'attacker@example.org' } })).status,
      ).toBe(202);
      expect(await emailsTo(app, 'attacker@example.org')).toEqual([]);
    });

    it("refuses an admin of the same centre changing a network admin's role", async () => {
      await expectRefused('PATCH', { role: 'coordinator' });
    });

    it('refuses an admin of the same centre deactivating a network admin, by PATCH or DELETE', async () => {
      await expectRefused('PATCH', { active: false });
      await expectRefused('DELETE');
    });

    it("refuses an admin of the same centre setting a network admin's password", async () => {
      await expectRefused('PATCH', { password: 'chosen-by-the-attacker' });
      expect(
        (
          await call(app, 'POST', '/api/v1/auth/login', {
            body: { email: target.email, password: 'chosen-by-the-attacker' },
          })
        ).status,
      ).toBe(401);
    });

    it('lets another network admin make those changes', async () => {
      const other = await seedMember(app, t.a, 'coordinator', { networkAdmin: true });
      const res = await call(app, 'PATCH', `/api/v1/users/${other.id}`, {
        token: peer.token,
        body: { email: 'moved-network@example.org', role: 'manager' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ email: 'moved-network@example.org', role: 'manager', networkAdmin: true });
      expect((await call(app, 'DELETE', `/api/v1/users/${other.id}`, { token: peer.token })).status).toBe(200);
      expect(await userRow(other.id)).toMatchObject({ active: false });
    });

    it("still lets an admin change an ordinary user's email: the old address is told, and the user's sessions end", async () => {
      const user = await seedMember(app, t.a, 'coordinator');
      const res = await call(app, 'PATCH', `/api/v1/users/${user.id}`, {
        token: admin.token,
        body: { email: 'Renamed-Address@Example.org' },
      });
      expect(res.status).toBe(200);
      expect(res.body.email).toBe('renamed-address@example.org');
      expect((await call(app, 'GET', '/api/v1/me', { token: user.token })).status).toBe(401);
      const [notice] = await waitFor(`a notice to ${user.email}`, async () => {
        const mails = await emailsTo(app, user.email);
        return mails.length > 0 ? mails : undefined;
      });
      expect(notice!.text).toContain('renamed-address@example.org');
      expect((await signIn(app, 'renamed-address@example.org', user.password)).user.id).toBe(user.id);
    });

    it("lets an admin set an ordinary user's password, ending their sessions", async () => {
      const user = await seedMember(app, t.a, 'coordinator');
      const res = await call(app, 'PATCH', `/api/v1/users/${user.id}`, {
        token: admin.token,
        body: { password: 'set-by-the-centre-admin' },
      });
      expect(res.status).toBe(200);
      expect((await call(app, 'GET', '/api/v1/me', { token: user.token })).status).toBe(401);
      expect((await signIn(app, user.email, 'set-by-the-centre-admin')).user.id).toBe(user.id);
    });
  });

  describe('password rules when an admin sets a password', () => {
    it('refuses a password containing the email or the name, naming password, and creates nobody', async () => {
      for (const body of [
        newUser({ email: 'rule-email@example.org', password: 'xx-RULE-EMAIL@example.org-xx' }),
        newUser({ name: 'Wilhelmina Quast', password: 'my wilhelmina quast password' }),
      ]) {
        const res = await call(app, 'POST', '/api/v1/users', { token: t.aAdmin.token, body });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['password']);
        expect(await query(app.databaseUrl, 'SELECT id FROM app_user WHERE email = $1', [body.email])).toEqual([]);
      }
    });

    it("refuses setting a user's password to their current one, or one containing their email or name", async () => {
      const user = await seedUser(app, t.a, 'coordinator', { name: 'Octavia Brandt' });
      const before = await query(app.databaseUrl, 'SELECT password_hash FROM app_user WHERE id = $1', [user.id]);
      for (const password of [user.password, `${user.email.toUpperCase()}-suffix`, 'prefix-octavia brandt']) {
        const res = await call(app, 'PATCH', `/api/v1/users/${user.id}`, { token: t.aAdmin.token, body: { password } });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['password']);
      }
      expect(await query(app.databaseUrl, 'SELECT password_hash FROM app_user WHERE id = $1', [user.id])).toEqual(
        before,
      );
    });
  });

  describe('centre settings', () => {
    const settings = {
      reminderHour: 7,
      sidDaysBefore: 30,
      sidDaysAfter: 7,
      requiredBoardSectors: ['education', 'ngo'],
      cadence: { defaultDays: 60, bySector: { education: 30 }, byTier: { key: 14 } },
      keepWarmPlan: [30, 90, 180],
    };

    it("an admin changes their centre's settings", async () => {
      const res = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token, body: settings });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: t.a, ...settings });
      const got = await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token });
      expect(got.body).toMatchObject(settings);
    });

    it('refuses bad values naming each field, and keeps the settings', async () => {
      const before = await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token });
      const cases: [Record<string, unknown>, string][] = [
        [{ reminderHour: 24 }, 'reminderHour'],
        [{ timezone: 'Mars/Olympus' }, 'timezone'],
        [{ country: 'BEL' }, 'country'],
        [{ requiredBoardSectors: ['space_travel'] }, 'requiredBoardSectors'],
        [{ cadence: { defaultDays: 60, bySector: { education: 0 } } }, 'cadence.bySector.education'],
        [{ cadence: { defaultDays: 60, bySector: { media: 'often' } } }, 'cadence.bySector.media'],
      ];
      for (const [body, field] of cases) {
        const res = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
          token: t.aAdmin.token,
          body: { ...body, name: 'Should Not Stick' },
        });
        expect({ body, status: res.status, fields: fieldsOf(res.body) }).toEqual({
          body,
          status: 400,
          fields: expect.arrayContaining([field]),
        });
      }
      const all = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
        token: t.aAdmin.token,
        body: { reminderHour: 24, timezone: 'Mars/Olympus', country: 'BEL' },
      });
      expect(all.status).toBe(400);
      expect(fieldsOf(all.body)).toEqual(expect.arrayContaining(['reminderHour', 'timezone', 'country']));
      expect((await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token })).body).toEqual(before.body);
    });

    it('refuses a cadence policy without a valid defaultDays, or with unknown keys, on PATCH and POST, and stores nothing', async () => {
      const before = await centreRow(t.a);
      const centres = await query(app.databaseUrl, 'SELECT id FROM centre ORDER BY id');
      const bad: unknown[] = [
        [],
        null,
        [{ defaultDays: 5 }],
        {},
        'often',
        5,
        { defaultDays: null },
        { defaultDays: 0 },
        { defaultDays: 3651 },
        { defaultDays: 5.5 },
        { defaultDays: '5' },
        { bySector: { education: 30 } },
        { byTier: { key: 30 } },
        { defaultDays: 5, bySector: [] },
        { defaultDays: 5, bySector: null },
        { defaultDays: 5, bySector: { space_travel: 3 } },
        { defaultDays: 5, bySector: { education: 3651 } },
        { defaultDays: 5, bySector: { education: null } },
        { defaultDays: 5, bySector: { education: [30] } },
        { defaultDays: 5, byTier: [] },
        { defaultDays: 5, byTier: null },
        { defaultDays: 5, byTier: { vip: 3 } },
        { defaultDays: 5, byTier: { key: null } },
        { defaultDays: 5, byTier: { key: 0 } },
        { defaultDays: 5, byTier: { key: [[30]] } },
      ];
      for (const cadence of bad) {
        const patch = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, { token: t.aAdmin.token, body: { cadence } });
        expect({
          cadence,
          status: patch.status,
          type: patch.headers.get('content-type'),
          cadenceField: fieldsOf(patch.body).some((f) => f.startsWith('cadence')),
        }).toEqual({
          cadence,
          status: 400,
          type: expect.stringContaining('application/problem+json'),
          cadenceField: true,
        });
        const post = await call(app, 'POST', '/api/v1/centres', {
          token: t.network.token,
          body: { name: 'Silent Centre', country: 'NL', timezone: 'Europe/Amsterdam', cadence },
        });
        expect({
          cadence,
          status: post.status,
          cadenceField: fieldsOf(post.body).some((f) => f.startsWith('cadence')),
        }).toEqual({ cadence, status: 400, cadenceField: true });
      }
      expect(await centreRow(t.a)).toEqual(before);
      expect(await query(app.databaseUrl, 'SELECT id FROM centre ORDER BY id')).toEqual(centres);
    });

    it('stores a policy of defaultDays alone as given, and a partner without its own cadence then uses it', async () => {
      const res = await call(app, 'POST', '/api/v1/centres', {
        token: t.network.token,
        body: { name: 'Five Days', country: 'NL', timezone: 'Europe/Amsterdam', cadence: { defaultDays: 5 } },
      });
      expect(res.status).toBe(201);
      expect(res.body.cadence).toEqual({ defaultDays: 5, bySector: {}, byTier: {} });
      expect((await centreRow(res.body.id))!.cadence).toEqual({ defaultDays: 5, bySector: {}, byTier: {} });
      const admin = await seedMember(app, res.body.id, 'admin');
      const created = await call(app, 'POST', '/api/v1/partners', {
        token: admin.token,
        body: { name: 'Telco', sector: 'telecom', tier: 'key' },
      });
      expect(created.status).toBe(201);
      const partner = await call(app, 'GET', `/api/v1/partners/${created.body.id}`, { token: admin.token });
      expect(partner.body.cadence).toEqual({ days: 5, source: 'default' });
      expect(partner.body.nextContactDue).toEqual(expect.any(String));
      expect(partner.body.overdue).toBe(false);

      const patched = await call(app, 'PATCH', `/api/v1/centres/${res.body.id}`, {
        token: admin.token,
        body: { cadence: { defaultDays: 7, byTier: { key: 3 } } },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.cadence).toEqual({ defaultDays: 7, bySector: {}, byTier: { key: 3 } });
      expect(
        (await call(app, 'GET', `/api/v1/partners/${created.body.id}`, { token: admin.token })).body.cadence,
      ).toEqual({ days: 3, source: 'tier' });
    });

    it('refuses null and malformed values in every other setting, naming the field', async () => {
      const before = await centreRow(t.a);
      const cases: [string, unknown][] = [
        ['name', null],
        ['country', null],
        ['timezone', null],
        ['locale', null],
        ['reminderHour', null],
        ['reminderHour', -1],
        ['reminderHour', 1.5],
        ['reminderHour', '9'],
        ['reminderHour', [9]],
        ['sidDaysBefore', null],
        ['sidDaysBefore', -1],
        ['sidDaysBefore', 181],
        ['sidDaysBefore', [[10]]],
        ['sidDaysAfter', null],
        ['sidDaysAfter', 181],
        ['sidDaysAfter', {}],
        ['sectors', null],
        ['sectors', []],
        ['sectors', 'media'],
        ['sectors', [['media']]],
        ['sectors', ['Bad Sector']],
        ['requiredBoardSectors', null],
        ['requiredBoardSectors', 'media'],
        ['requiredBoardSectors', [['media']]],
        ['requiredBoardSectors', [null]],
        ['keepWarmPlan', null],
        ['keepWarmPlan', {}],
        ['keepWarmPlan', 60],
        ['keepWarmPlan', [[60]]],
        ['keepWarmPlan', [0]],
        ['keepWarmPlan', [366]],
        ['keepWarmPlan', [60, 60]],
        ['keepWarmPlan', [null]],
      ];
      for (const [field, value] of cases) {
        const res = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
          token: t.aAdmin.token,
          body: { [field]: value },
        });
        expect({
          field,
          value,
          status: res.status,
          named: fieldsOf(res.body).some((f) => f === field || f.startsWith(`${field}[`)),
        }).toEqual({ field, value, status: 400, named: true });
      }
      expect(await centreRow(t.a)).toEqual(before);
      const centres = await query(app.databaseUrl, 'SELECT id FROM centre ORDER BY id');
      const required = { name: 'Required Fields', country: 'NL', timezone: 'Europe/Amsterdam' };
      for (const field of Object.keys(required)) {
        for (const value of [null, undefined]) {
          const created = await call(app, 'POST', '/api/v1/centres', {
            token: t.network.token,
            body: { ...required, [field]: value },
          });
          expect({ field, value, status: created.status, fields: [...new Set(fieldsOf(created.body))] }).toEqual({
            field,
            value,
            status: 400,
            fields: [field],
          });
        }
      }
      expect(await query(app.databaseUrl, 'SELECT id FROM centre ORDER BY id')).toEqual(centres);
    });

    it("another centre's settings are not found, and a manager or coordinator cannot change their own", async () => {
      const b = await centreRow(t.b);
      expect(
        (
          await call(app, 'PATCH', `/api/v1/centres/${t.b}`, {
            token: t.aAdmin.token,
            body: { name: 'Taken Over', reminderHour: 3 },
          })
        ).status,
      ).toBe(404);
      expect(await centreRow(t.b)).toEqual(b);

      const a = await centreRow(t.a);
      for (const member of [t.aManager, t.aCoordinator]) {
        expect(
          (await call(app, 'PATCH', `/api/v1/centres/${t.a}`, { token: member.token, body: { reminderHour: 3 } }))
            .status,
        ).toBe(403);
      }
      expect(await centreRow(t.a)).toEqual(a);
    });

    it('anyone in a centre reads it; other centres and malformed ids are not found', async () => {
      const own = await call(app, 'GET', `/api/v1/centres/${t.a}`, { token: t.aCoordinator.token });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: t.a, reminderHour: settings.reminderHour });
      expect((await call(app, 'GET', `/api/v1/centres/${t.b}`, { token: t.aCoordinator.token })).status).toBe(404);
      for (const token of [t.aCoordinator.token, t.network.token]) {
        const res = await call(app, 'GET', '/api/v1/centres/not-a-uuid', { token });
        expect(res.status).toBe(404);
      }
    });
  });
});
