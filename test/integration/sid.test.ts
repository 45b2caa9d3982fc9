import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultSidDate, sidWindow } from '../../src/sid/sid-calendar.js';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface RoleRow {
  id: string;
  centre_id: string;
  partner_id: string;
  year: number;
  role: string;
  status: string;
  notes: string | null;
  status_changed_at: Date;
  updated_at: Date;
}

describe('Safer Internet Day', () => {
  let app: TestApp;
  let t: TwoCentres;
  const clock = new TestClock();

  const partner = async (centreId: string, name: string, archived = false) => {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO partner (centre_id, name, sector) VALUES ($1, $2, 'media') RETURNING id`,
      [centreId, name],
    );
    if (archived) await query(app.databaseUrl, 'UPDATE partner SET archived_at = now() WHERE id = $1', [row!.id]);
    return row!.id;
  };
  const campaignOf = async (centreId: string, year: number) =>
    (
      await query(
        app.databaseUrl,
        'SELECT date::text AS date, theme, updated_at FROM sid_campaign WHERE centre_id = $1 AND year = $2',
        [centreId, year],
      )
    )[0];
  const roleRow = async (id: string) =>
    (await query<RoleRow>(app.databaseUrl, 'SELECT * FROM sid_role WHERE id = $1', [id]))[0];
  const rolesOf = (centreId: string) =>
    query<RoleRow>(app.databaseUrl, 'SELECT * FROM sid_role WHERE centre_id = $1 ORDER BY id', [centreId]);
  const auditOf = (entityType: string, entityId?: string) =>
    query<{
      action: string;
      entity_id: string;
      actor_id: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>(
      app.databaseUrl,
      `SELECT action, entity_id, actor_id, before, after FROM audit_event WHERE entity_type = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
      [entityType, entityId ?? null],
    );
  const get = (token: string, path: string) => call(app, 'GET', path, { token });
  const put = (token: string, year: number | string, body: unknown) =>
    call(app, 'PUT', `/api/v1/sid/${year}`, { token, body });
  const createRole = (token: string, year: number, body: unknown) =>
    call(app, 'POST', `/api/v1/sid/${year}/roles`, { token, body });
  const patchRole = (token: string, year: number, id: string, body: unknown) =>
    call(app, 'PATCH', `/api/v1/sid/${year}/roles/${id}`, { token, body });

  beforeAll(async () => {
    app = await bootApp({ clock });
    t = await seedTwoCentres(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('documents every SID route with its body, response and errors in OpenAPI', async () => {
    const doc = (await call(app, 'GET', '/api/docs-json')).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>
      >;
    };
    const routes = {
      '/api/v1/sid/{year}': { get: ['200', '400'], put: ['200', '400'] },
      '/api/v1/sid/{year}/roles': { get: ['200', '400'], post: ['201', '400', '404', '409'] },
      '/api/v1/sid/{year}/roles/{roleId}': {
        patch: ['200', '400', '404', '409'],
        delete: ['204', '400', '404', '409'],
      },
    };
    for (const [path, methods] of Object.entries(routes)) {
      for (const [method, statuses] of Object.entries(methods)) {
        const operation = doc.paths[path]?.[method];
        expect({ path, method, statuses: Object.keys(operation?.responses ?? {}).sort() }).toEqual({
          path,
          method,
          statuses: [...statuses].sort(),
        });
        expect(operation!.parameters!.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(
          path.includes('roleId') ? ['year', 'roleId'] : ['year'],
        );
      }
    }
  });

  describe('the date and window of a year', () => {
    it('is the Tuesday between 5 and 11 February: 2027-02-09 and 2025-02-11', async () => {
      const y2027 = await get(t.aCoordinator.token, '/api/v1/sid/2027');
      expect(y2027.status).toBe(200);
      expect(y2027.body).toEqual({
        year: 2027,
        date: '2027-02-09',
        windowStart: '2026-12-29',
        windowEnd: '2027-02-23',
        theme: null,
        dateSource: 'default',
      });
      const y2025 = await get(t.aCoordinator.token, '/api/v1/sid/2025');
      expect(y2025.status).toBe(200);
      expect(y2025.body).toEqual({
        year: 2025,
        date: '2025-02-11',
        windowStart: '2024-12-31',
        windowEnd: '2025-02-25',
        theme: null,
        dateSource: 'default',
      });
    });

    it.each(['abc', '2027.5', '2003', '2101', '1e3', '0x7eb', '-2027', '20270'])(
      'refuses year %s with 400 naming year',
      async (year) => {
        for (const path of [`/api/v1/sid/${year}`, `/api/v1/sid/${year}/roles`]) {
          const res = await get(t.aManager.token, path);
          expect(res.status).toBe(400);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect(fieldsOf(res.body)).toEqual(['year']);
        }
      },
    );

    it('accepts the first and last years', async () => {
      expect((await get(t.aCoordinator.token, '/api/v1/sid/2004')).body).toMatchObject({ date: '2004-02-10' });
      expect((await get(t.aCoordinator.token, '/api/v1/sid/2100')).body).toMatchObject({ date: '2100-02-09' });
    });

    it("follows the centre's window settings, and only that centre's", async () => {
      const patched = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
        token: t.aAdmin.token,
        body: { sidDaysBefore: 30, sidDaysAfter: 7 },
      });
      expect(patched.status).toBe(200);
      try {
        expect((await get(t.aCoordinator.token, '/api/v1/sid/2027')).body).toMatchObject({
          date: '2027-02-09',
          windowStart: '2027-01-10',
          windowEnd: '2027-02-16',
        });
        expect((await get(t.bCoordinator.token, '/api/v1/sid/2027')).body).toMatchObject({
          date: '2027-02-09',
          windowStart: '2026-12-29',
          windowEnd: '2027-02-23',
        });
      } finally {
        await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
          token: t.aAdmin.token,
          body: { sidDaysBefore: 42, sidDaysAfter: 14 },
        });
      }
    });
  });

  describe("a centre's own date and theme", () => {
    it('overrides the date with PUT, and goes back to the default with date null', async () => {
      const set = await put(t.aManager.token, 2026, { date: '2026-02-17', theme: '  Together for a better internet ' });
      expect(set.status).toBe(200);
      const expected = {
        year: 2026,
        date: '2026-02-17',
        windowStart: '2026-01-06',
        windowEnd: '2026-03-03',
        theme: 'Together for a better internet',
        dateSource: 'centre',
      };
      expect(set.body).toEqual(expected);
      expect((await get(t.aCoordinator.token, '/api/v1/sid/2026')).body).toEqual(expected);
      // Another centre keeps the usual Tuesday.
      expect((await get(t.bCoordinator.token, '/api/v1/sid/2026')).body).toMatchObject({
        date: '2026-02-10',
        theme: null,
        dateSource: 'default',
      });

      const theme = await put(t.aAdmin.token, 2026, { theme: 'Smart, safe, kind' });
      expect(theme.body).toMatchObject({ date: '2026-02-17', theme: 'Smart, safe, kind', dateSource: 'centre' });

      const back = await put(t.aManager.token, 2026, { date: null });
      expect(back.status).toBe(200);
      expect(back.body).toEqual({
        year: 2026,
        date: '2026-02-10',
        windowStart: '2025-12-30',
        windowEnd: '2026-02-24',
        theme: 'Smart, safe, kind',
        dateSource: 'default',
      });
      expect(await campaignOf(t.a, 2026)).toMatchObject({ date: null, theme: 'Smart, safe, kind' });

      expect((await put(t.aManager.token, 2026, { theme: '' })).body).toMatchObject({ theme: null });
    });

    it('writes an audit row for the creation and each change, none for a PUT that changes nothing', async () => {
      await put(t.aManager.token, 2030, { theme: 'First' });
      await put(t.aManager.token, 2030, { theme: 'First' });
      await put(t.aManager.token, 2030, { date: '2030-02-12' });
      const [row] = await query<{ id: string }>(
        app.databaseUrl,
        'SELECT id FROM sid_campaign WHERE centre_id = $1 AND year = 2030',
        [t.a],
      );
      const trail = await auditOf('sid_campaign', row!.id);
      expect(trail.map((e) => e.action)).toEqual(['create', 'update']);
      expect(trail[0]).toMatchObject({
        actor_id: t.aManager.id,
        before: null,
        after: expect.objectContaining({ year: 2030, theme: 'First', date: null }),
      });
      expect(trail[1]).toMatchObject({
        before: expect.objectContaining({ date: null }),
        after: expect.objectContaining({ date: '2030-02-12' }),
      });
    });

    it('creates no campaign row for a PUT that sets nothing', async () => {
      const res = await put(t.aManager.token, 2031, { date: null, theme: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ date: defaultSidDate(2031), dateSource: 'default' });
      expect(await campaignOf(t.a, 2031)).toBeUndefined();
    });

    it.each([
      ['a date in April', { date: '2026-04-01' }, ['date']],
      ["another year's date", { date: '2027-02-09' }, ['date']],
      ['the last day of the previous year', { date: '2025-12-31' }, ['date']],
      ['an impossible date', { date: '2026-02-30' }, ['date']],
      ['a date with a time', { date: '2026-02-17T10:00:00Z' }, ['date']],
      ['a number as date', { date: 20260217 }, ['date']],
      ['a theme too long', { theme: 'x'.repeat(201) }, ['theme']],
      ['a theme that is not text', { theme: 42 }, ['theme']],
      ['a theme on two lines', { theme: 'Line one\nline two' }, ['theme']],
      ['a theme with a NUL character', { theme: 'a\u0000b' }, ['theme']],
      ['an unknown field', { year: 2027 }, ['year']],
    ])('refuses %s with 400 naming the field, and changes nothing', async (_name, body, fields) => {
      const before = await campaignOf(t.a, 2026);
      const auditBefore = (await auditOf('sid_campaign')).length;
      const res = await put(t.aManager.token, 2026, body);
      expect(res.status).toBe(400);
      expect(uniqueFieldsOf(res.body)).toEqual(fields);
      expect(await campaignOf(t.a, 2026)).toEqual(before);
      expect(await auditOf('sid_campaign')).toHaveLength(auditBefore);
    });

    it('accepts the edges of January to March, and leaves the date to managers and admins', async () => {
      expect((await put(t.aManager.token, 2032, { date: '2032-01-01' })).body).toMatchObject({
        date: '2032-01-01',
        windowStart: '2031-11-20',
      });
      expect((await put(t.aManager.token, 2032, { date: '2032-03-31' })).body).toMatchObject({
        date: '2032-03-31',
        windowEnd: '2032-04-14',
      });
      const refused = await put(t.aCoordinator.token, 2032, { date: '2032-02-10' });
      expect(refused.status).toBe(403);
      expect(await campaignOf(t.a, 2032)).toMatchObject({ date: '2032-03-31' });
    });
  });

  describe('the SQL calendar functions agree with the application', () => {
    it('keepwarm_default_sid_date(year) is defaultSidDate for every year 2004–2100', async () => {
      const rows = await query<{ year: number; date: string }>(
        app.databaseUrl,
        'SELECT y AS year, keepwarm_default_sid_date(y)::text AS date FROM generate_series(2004, 2100) y ORDER BY y',
      );
      expect(rows).toHaveLength(97);
      const disagreements = rows.filter((r) => r.date !== defaultSidDate(r.year));
      expect(disagreements).toEqual([]);
    });

    const edgesAgree = async (centreId: string, year: number, before: number, after: number) => {
      const sid = (await get(t.aCoordinator.token, `/api/v1/sid/${year}`)).body as {
        date: string;
        windowStart: string;
        windowEnd: string;
      };
      const window = sidWindow(sid.date, before, after);
      expect({ start: sid.windowStart, end: sid.windowEnd }).toEqual(window);
      const edges = [
        [window.start, true],
        [dayBefore(window.start), false],
        [window.end, true],
        [dayAfter(window.end), false],
      ] as const;
      const rows = await query<{ day: string; inside: boolean }>(
        app.databaseUrl,
        'SELECT d AS day, keepwarm_in_sid_window($1, d::date) AS inside FROM unnest($2::text[]) AS d',
        [centreId, edges.map(([day]) => day)],
      );
      expect(rows.map((r) => [r.day, r.inside])).toEqual(edges.map(([day, inside]) => [day, inside]));
    };

    it('keepwarm_in_sid_window agrees with the window on its edge days, with the default date', async () => {
      await edgesAgree(t.a, 2027, 42, 14);
      await edgesAgree(t.a, 2028, 42, 14);
    });

    it("…with the centre's own date", async () => {
      expect((await put(t.aManager.token, 2029, { date: '2029-02-20' })).status).toBe(200);
      await edgesAgree(t.a, 2029, 42, 14);
      const [row] = await query<{ inside: boolean }>(
        app.databaseUrl,
        `SELECT keepwarm_in_sid_window($1, '2029-03-06') AS inside`,
        [t.a],
      );
      expect(row!.inside).toBe(true);
      // The default window would have ended on 2029-02-20; centre B, without an override, is out by then.
      const [b] = await query<{ inside: boolean }>(
        app.databaseUrl,
        `SELECT keepwarm_in_sid_window($1, '2029-03-06') AS inside`,
        [t.b],
      );
      expect(b!.inside).toBe(false);
    });

    it("…with the centre's own window settings", async () => {
      await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
        token: t.aAdmin.token,
        body: { sidDaysBefore: 10, sidDaysAfter: 3 },
      });
      try {
        await edgesAgree(t.a, 2027, 10, 3);
        await edgesAgree(t.a, 2029, 10, 3);
      } finally {
        await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
          token: t.aAdmin.token,
          body: { sidDaysBefore: 42, sidDaysAfter: 14 },
        });
      }
    });
  });

  describe('SID roles', () => {
    let alpha: string;
    let zeta: string;
    let archived: string;
    let inB: string;
    let bRole: string;

    beforeAll(async () => {
      alpha = await partner(t.a, 'Alpha Telecom');
      zeta = await partner(t.a, 'Zeta Media');
      archived = await partner(t.a, 'Old Partner', true);
      inB = await partner(t.b, 'B Broadcasting');
      const created = await createRole(t.bCoordinator.token, 2027, { partnerId: inB, role: 'sponsor' });
      expect(created.status).toBe(201);
      bRole = created.body.id;
    });

    it('creates a role, invited by default, with its partner name', async () => {
      const before = clock.now().getTime();
      const res = await createRole(t.aCoordinator.token, 2027, { partnerId: alpha, role: 'speaker' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        partnerId: alpha,
        partnerName: 'Alpha Telecom',
        year: 2027,
        role: 'speaker',
        status: 'invited',
        notes: null,
        statusChangedAt: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(new Date(res.body.statusChangedAt).getTime()).toBeGreaterThanOrEqual(before);
      expect(await roleRow(res.body.id)).toMatchObject({
        centre_id: t.a,
        partner_id: alpha,
        year: 2027,
        role: 'speaker',
        status: 'invited',
      });
      expect(await auditOf('sid_role', res.body.id)).toEqual([
        expect.objectContaining({ action: 'create', actor_id: t.aCoordinator.id, before: null }),
      ]);
    });

    it('may start a role as confirmed, but not further', async () => {
      const ok = await createRole(t.aManager.token, 2027, {
        partnerId: zeta,
        role: 'media',
        status: 'confirmed',
        notes: '  Front page  ',
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ partnerName: 'Zeta Media', status: 'confirmed', notes: 'Front page' });
      const count = (await rolesOf(t.a)).length;
      for (const status of ['delivered', 'declined', 'maybe', null]) {
        const res = await createRole(t.aManager.token, 2027, { partnerId: zeta, role: 'sponsor', status });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['status']);
      }
      expect(await rolesOf(t.a)).toHaveLength(count);
    });

    it('refuses the same partner, year and role twice with 409; another role or year is fine', async () => {
      const count = (await rolesOf(t.a)).length;
      const again = await createRole(t.aCoordinator.token, 2027, { partnerId: alpha, role: 'speaker' });
      expect(again.status).toBe(409);
      expect(fieldsOf(again.body)).toEqual(['role']);
      expect(await rolesOf(t.a)).toHaveLength(count);
      expect((await createRole(t.aCoordinator.token, 2027, { partnerId: alpha, role: 'activity_host' })).status).toBe(
        201,
      );
      expect((await createRole(t.aCoordinator.token, 2026, { partnerId: alpha, role: 'speaker' })).status).toBe(201);
    });

    it('refuses an archived partner with 409, and another centre’s or an unknown partner with 404, changing nothing', async () => {
      const roles = { a: await rolesOf(t.a), b: await rolesOf(t.b) };
      const audit = (await auditOf('sid_role')).length;
      const old = await createRole(t.aCoordinator.token, 2027, { partnerId: archived, role: 'supporter' });
      expect(old.status).toBe(409);
      expect(fieldsOf(old.body)).toEqual(['partnerId']);
      for (const partnerId of [inB, '7c9e6679-7425-40de-944b-e07fc1f90ae7']) {
        expect((await createRole(t.aCoordinator.token, 2027, { partnerId, role: 'supporter' })).status).toBe(404);
      }
      expect({ a: await rolesOf(t.a), b: await rolesOf(t.b) }).toEqual(roles);
      expect(await auditOf('sid_role')).toHaveLength(audit);
    });

    it('names each invalid field of a new role', async () => {
      const count = (await rolesOf(t.a)).length;
      const res = await createRole(t.aCoordinator.token, 2027, {
        partnerId: 'not-a-uuid',
        role: 'boss',
        notes: 5,
        centreId: t.b,
      });
      expect(res.status).toBe(400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['partnerId', 'role', 'notes', 'centreId']));
      const missing = await createRole(t.aCoordinator.token, 2027, {});
      expect(new Set(fieldsOf(missing.body))).toEqual(new Set(['partnerId', 'role']));
      const longNotes = await createRole(t.aCoordinator.token, 2027, {
        partnerId: zeta,
        role: 'other',
        notes: 'x'.repeat(2001),
      });
      expect(fieldsOf(longNotes.body)).toEqual(['notes']);
      expect(await rolesOf(t.a)).toHaveLength(count);
    });

    it("lists the year's roles with partner names, filters, sorting and pages, and only the caller's centre", async () => {
      const all = await get(t.aCoordinator.token, '/api/v1/sid/2027/roles');
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, limit: 20 });
      expect(all.body.items.map((r: { partnerName: string; role: string }) => `${r.partnerName}/${r.role}`)).toEqual([
        'Alpha Telecom/activity_host',
        'Alpha Telecom/speaker',
        'Zeta Media/media',
      ]);
      expect(JSON.stringify(all.body)).not.toContain(inB);

      const confirmed = await get(t.aCoordinator.token, '/api/v1/sid/2027/roles?status=confirmed');
      expect(confirmed.body.items.map((r: { partnerId: string }) => r.partnerId)).toEqual([zeta]);
      const speakers = await get(t.aCoordinator.token, '/api/v1/sid/2027/roles?role=speaker');
      expect(speakers.body).toMatchObject({ total: 1, items: [{ partnerId: alpha, role: 'speaker' }] });
      const ofAlpha = await get(t.aCoordinator.token, `/api/v1/sid/2027/roles?partnerId=${alpha}`);
      expect(ofAlpha.body.total).toBe(2);
      const ofB = await get(t.aCoordinator.token, `/api/v1/sid/2027/roles?partnerId=${inB}`);
      expect(ofB.body).toMatchObject({ total: 0, items: [] });

      const desc = await get(t.aCoordinator.token, '/api/v1/sid/2027/roles?sort=-partnerName&limit=1&page=1');
      expect(desc.body).toMatchObject({ total: 3, page: 1, limit: 1, items: [{ partnerName: 'Zeta Media' }] });
      const byRole = await get(t.aCoordinator.token, '/api/v1/sid/2027/roles?sort=role');
      expect(byRole.body.items.map((r: { role: string }) => r.role)).toEqual(['activity_host', 'media', 'speaker']);
      const newest = await get(t.aCoordinator.token, '/api/v1/sid/2027/roles?sort=-createdAt');
      expect(newest.body.items.map((r: { role: string }) => r.role)).toEqual(['activity_host', 'media', 'speaker']);
      const second = await get(t.aCoordinator.token, '/api/v1/sid/2027/roles?limit=2&page=2');
      expect(second.body.items.map((r: { role: string }) => r.role)).toEqual(['media']);

      expect((await get(t.aCoordinator.token, '/api/v1/sid/2026/roles')).body).toMatchObject({
        total: 1,
        items: [{ year: 2026, partnerName: 'Alpha Telecom' }],
      });
      expect((await get(t.bCoordinator.token, '/api/v1/sid/2027/roles')).body).toMatchObject({
        total: 1,
        items: [{ id: bRole, partnerName: 'B Broadcasting' }],
      });
    });

    it('refuses bad list filters with 400 naming them', async () => {
      const res = await get(
        t.aCoordinator.token,
        '/api/v1/sid/2027/roles?status=maybe&role=boss&partnerId=x&sort=name&limit=101',
      );
      expect(res.status).toBe(400);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['status', 'role', 'partnerId', 'sort', 'limit']));
    });

    describe('status transitions', () => {
      const roleId = async (role: string, status?: string) => {
        const p = await partner(t.a, `Transition partner ${role} ${Math.random().toString(36).slice(2, 8)}`);
        const res = await createRole(t.aCoordinator.token, 2027, { partnerId: p, role, ...(status ? { status } : {}) });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };

      it('goes invited → confirmed → delivered, stamping statusChangedAt from the clock', async () => {
        const id = await roleId('supporter');
        const created = await roleRow(id);
        clock.advance(DAY_MS);
        const from = clock.now().getTime();
        const confirmed = await patchRole(t.aCoordinator.token, 2027, id, { status: 'confirmed' });
        expect(confirmed.status).toBe(200);
        expect(confirmed.body).toMatchObject({ id, status: 'confirmed' });
        const stamped = new Date(confirmed.body.statusChangedAt).getTime();
        expect(stamped).toBeGreaterThanOrEqual(from);
        expect(stamped).toBeGreaterThan(created!.status_changed_at.getTime());
        expect(stamped).toBeLessThanOrEqual(clock.now().getTime());

        const delivered = await patchRole(t.aCoordinator.token, 2027, id, {
          status: 'delivered',
          notes: 'Ran 3 workshops',
        });
        expect(delivered.body).toMatchObject({ status: 'delivered', notes: 'Ran 3 workshops' });
        expect(await roleRow(id)).toMatchObject({ status: 'delivered', notes: 'Ran 3 workshops' });
        const trail = await auditOf('sid_role', id);
        expect(trail.map((e) => e.action)).toEqual(['create', 'update', 'update']);
        expect(trail[1]).toMatchObject({
          before: expect.objectContaining({ status: 'invited' }),
          after: expect.objectContaining({ status: 'confirmed' }),
        });
      });

      it('declines from invited or confirmed, and re-invites a declined partner', async () => {
        const invited = await roleId('showcase');
        expect((await patchRole(t.aCoordinator.token, 2027, invited, { status: 'declined' })).body).toMatchObject({
          status: 'declined',
        });
        expect((await patchRole(t.aCoordinator.token, 2027, invited, { status: 'invited' })).body).toMatchObject({
          status: 'invited',
        });
        const confirmed = await roleId('content_co_creator', 'confirmed');
        expect((await patchRole(t.aCoordinator.token, 2027, confirmed, { status: 'declined' })).body).toMatchObject({
          status: 'declined',
        });
      });

      it('answers the same status with 200 and changes nothing', async () => {
        const id = await roleId('ambassador_programme');
        const before = await roleRow(id);
        const audit = (await auditOf('sid_role', id)).length;
        const res = await patchRole(t.aCoordinator.token, 2027, id, { status: 'invited' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'invited', statusChangedAt: before!.status_changed_at.toISOString() });
        expect(await roleRow(id)).toEqual(before);
        expect(await auditOf('sid_role', id)).toHaveLength(audit);
      });

      it.each([
        ['invited', 'delivered'],
        ['confirmed', 'invited'],
        ['declined', 'confirmed'],
        ['declined', 'delivered'],
        ['delivered', 'invited'],
        ['delivered', 'confirmed'],
        ['delivered', 'declined'],
      ])('refuses %s → %s with 409 naming both, changing nothing', async (from, to) => {
        const id = await roleId('other', from === 'invited' ? undefined : 'confirmed');
        // Walk to `from` along legal moves.
        const path: Record<string, string[]> = {
          invited: [],
          confirmed: [],
          declined: ['declined'],
          delivered: ['delivered'],
        };
        for (const step of path[from]!)
          expect((await patchRole(t.aManager.token, 2027, id, { status: step })).status).toBe(200);
        const before = await roleRow(id);
        const res = await patchRole(t.aCoordinator.token, 2027, id, { status: to, notes: 'should not be saved' });
        expect(res.status).toBe(409);
        expect(res.body.detail).toContain(`from ${from} to ${to}`);
        expect(fieldsOf(res.body)).toEqual(['status']);
        expect(await roleRow(id)).toEqual(before);
      });

      it('edits and clears notes without touching the status', async () => {
        const id = await roleId('speaker');
        const before = await roleRow(id);
        expect((await patchRole(t.aCoordinator.token, 2027, id, { notes: 'Keynote at 10:00' })).body).toMatchObject({
          status: 'invited',
          notes: 'Keynote at 10:00',
        });
        expect((await patchRole(t.aCoordinator.token, 2027, id, { notes: null })).body).toMatchObject({ notes: null });
        expect(await roleRow(id)).toMatchObject({ status: 'invited', status_changed_at: before!.status_changed_at });
      });

      it('names invalid fields of a change', async () => {
        const id = await roleId('media');
        const before = await roleRow(id);
        for (const [body, fields] of [
          [{ status: 'maybe' }, ['status']],
          [{ status: null }, ['status']],
          [{ notes: 7 }, ['notes']],
          [{ notes: 'a\u0000b' }, ['notes']],
          [{ partnerId: alpha }, ['partnerId']],
          [{ year: 2026 }, ['year']],
        ] as const) {
          const res = await patchRole(t.aCoordinator.token, 2027, id, body);
          expect(res.status).toBe(400);
          expect(uniqueFieldsOf(res.body)).toEqual(fields);
        }
        expect(await roleRow(id)).toEqual(before);
      });
    });

    describe('reaching a role', () => {
      it("answers 404 for another year's role, an unknown or malformed id, and another centre's role, changing nothing", async () => {
        const [mine] = (await get(t.aCoordinator.token, `/api/v1/sid/2027/roles?partnerId=${alpha}&role=speaker`)).body
          .items as { id: string }[];
        const before = { mine: await roleRow(mine!.id), b: await roleRow(bRole) };
        const attempts: [number, string][] = [
          [2026, mine!.id],
          [2027, '7c9e6679-7425-40de-944b-e07fc1f90ae7'],
          [2027, 'not-a-uuid'],
          [2027, bRole],
        ];
        for (const [year, id] of attempts) {
          expect((await patchRole(t.aCoordinator.token, year, id, { status: 'declined' })).status).toBe(404);
          expect((await call(app, 'DELETE', `/api/v1/sid/${year}/roles/${id}`, { token: t.aAdmin.token })).status).toBe(
            404,
          );
        }
        expect({ mine: await roleRow(mine!.id), b: await roleRow(bRole) }).toEqual(before);
      });

      it('refuses a bad year on role routes with 400', async () => {
        const res = await patchRole(t.aCoordinator.token, 1999, bRole, { status: 'declined' });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['year']);
      });
    });

    describe('deleting', () => {
      const newRole = async (steps: string[]) => {
        const p = await partner(t.a, `Delete partner ${Math.random().toString(36).slice(2, 8)}`);
        const res = await createRole(t.aCoordinator.token, 2028, { partnerId: p, role: 'supporter' });
        for (const status of steps)
          expect((await patchRole(t.aCoordinator.token, 2028, res.body.id, { status })).status).toBe(200);
        return res.body.id as string;
      };
      const remove = (id: string) =>
        call(app, 'DELETE', `/api/v1/sid/2028/roles/${id}`, { token: t.aCoordinator.token });

      it('deletes an invited or a declined role, with an audit row', async () => {
        for (const steps of [[], ['declined']]) {
          const id = await newRole(steps);
          const res = await remove(id);
          expect(res.status).toBe(204);
          expect(await roleRow(id)).toBeUndefined();
          const trail = await auditOf('sid_role', id);
          expect(trail.at(-1)).toMatchObject({
            action: 'delete',
            actor_id: t.aCoordinator.id,
            after: null,
            before: expect.objectContaining({ id }),
          });
        }
      });

      it('refuses to delete a confirmed or delivered role with 409, keeping it', async () => {
        for (const steps of [['confirmed'], ['confirmed', 'delivered']]) {
          const id = await newRole(steps);
          const before = await roleRow(id);
          const res = await remove(id);
          expect(res.status).toBe(409);
          expect(res.body.detail).toContain(steps.at(-1));
          expect(await roleRow(id)).toEqual(before);
          expect((await auditOf('sid_role', id)).map((e) => e.action)).not.toContain('delete');
        }
      });
    });
  });
});

/** Each bad field once, whatever the number of rules it broke. */
function uniqueFieldsOf(body: unknown): string[] {
  return [...new Set(fieldsOf(body))];
}

function dayBefore(date: string): string {
  return shift(date, -1);
}

function dayAfter(date: string): string {
  return shift(date, 1);
}

/** Independent of src/common/dates.ts on purpose. */
function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
