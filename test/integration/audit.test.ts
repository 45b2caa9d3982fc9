import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, TEST_PASSWORD, type ApiResponse } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

interface AuditRow {
  id: string;
  centre_id: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  occurred_at: Date;
}

interface AuditItem {
  id: string;
  occurredAt: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  requestId: string | null;
}

const CREATED_PASSWORD = 'created-user-password-1';
const NEW_PASSWORD = 'changed-password-after-audit';

describe('audit trail', () => {
  let app: TestApp;
  let t: TwoCentres;
  let createdUserId: string;
  const passwords = new Set([TEST_PASSWORD, CREATED_PASSWORD, NEW_PASSWORD]);

  const auditCount = async () =>
    (await query<{ n: number }>(app.databaseUrl, 'SELECT count(*)::int AS n FROM audit_event'))[0]!.n;
  const rowsOf = (requestId: string) =>
    query<AuditRow>(app.databaseUrl, 'SELECT * FROM audit_event WHERE request_id = $1', [requestId]);
  const list = (token: string, params = '') =>
    call<{ items: AuditItem[]; total: number; page: number; limit: number }>(app, 'GET', `/api/v1/audit${params}`, {
      token,
    });

  /** The one audit row the request behind `res` wrote, checked against `expected`; also visible through the API to `reader`. */
  async function expectOneRow(res: ApiResponse, expected: Partial<AuditRow>, reader?: string): Promise<AuditRow> {
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toEqual(expect.any(String));
    const rows = await rowsOf(requestId!);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ ...expected, request_id: requestId });
    expect(row.occurred_at).toBeInstanceOf(Date);
    if (expected.action === 'create') expect(row.before).toBeNull();
    if (reader) {
      const seen = await list(reader, `?entityId=${row.entity_id}&limit=100`);
      expect(seen.body.items.filter((i) => i.requestId === requestId)).toEqual([
        {
          id: String(row.id),
          occurredAt: row.occurred_at.toISOString(),
          actorId: row.actor_id,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: row.before,
          after: row.after,
          requestId,
        },
      ]);
    }
    return row;
  }

  beforeAll(async () => {
    app = await bootApp();
    t = await seedTwoCentres(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('every change writes one row', () => {
    it('first run recorded the first centre and admin with no actor', async () => {
      const rows = await query<AuditRow>(
        app.databaseUrl,
        'SELECT * FROM audit_event WHERE actor_id IS NULL ORDER BY id',
      );
      const [admin] = await query<{ id: string }>(app.databaseUrl, 'SELECT id FROM app_user WHERE email = $1', [
        'admin@localhost',
      ]);
      expect(rows).toEqual([
        expect.objectContaining({
          centre_id: t.a,
          action: 'create',
          entity_type: 'centre',
          entity_id: t.a,
          before: null,
          request_id: null,
        }),
        expect.objectContaining({
          centre_id: t.a,
          action: 'create',
          entity_type: 'user',
          entity_id: admin!.id,
          before: null,
          request_id: null,
        }),
      ]);
      expect(rows[1]!.after).toMatchObject({ email: 'admin@localhost', role: 'admin', networkAdmin: true });
    });

    it('user create, update and deactivate', async () => {
      const created = await call(app, 'POST', '/api/v1/users', {
        token: t.aAdmin.token,
        body: { email: 'Audited@Example.org', name: 'Audited', role: 'coordinator', password: CREATED_PASSWORD },
      });
      expect(created.status).toBe(201);
      createdUserId = created.body.id;
      const row = await expectOneRow(
        created,
        { centre_id: t.a, actor_id: t.aAdmin.id, action: 'create', entity_type: 'user', entity_id: createdUserId },
        t.aAdmin.token,
      );
      expect(row.after).toMatchObject({
        id: createdUserId,
        centreId: t.a,
        email: 'audited@example.org',
        role: 'coordinator',
        active: true,
      });

      const updated = await call(app, 'PATCH', `/api/v1/users/${createdUserId}`, {
        token: t.aAdmin.token,
        body: { name: 'Audited Renamed', role: 'manager' },
      });
      expect(updated.status).toBe(200);
      const update = await expectOneRow(
        updated,
        { centre_id: t.a, actor_id: t.aAdmin.id, action: 'update', entity_type: 'user', entity_id: createdUserId },
        t.aManager.token,
      );
      expect(update.before).toMatchObject({ name: 'Audited', role: 'coordinator' });
      expect(update.after).toMatchObject({ name: 'Audited Renamed', role: 'manager' });

      const deleted = await call(app, 'DELETE', `/api/v1/users/${createdUserId}`, { token: t.aAdmin.token });
      expect(deleted.status).toBe(200);
      // Deactivation keeps the user (their history stays theirs): it is recorded as a change of `active`.
      const deactivate = await expectOneRow(
        deleted,
        { centre_id: t.a, actor_id: t.aAdmin.id, action: 'update', entity_type: 'user', entity_id: createdUserId },
        t.aAdmin.token,
      );
      expect(deactivate.before).toMatchObject({ active: true });
      expect(deactivate.after).toMatchObject({ active: false });
    });

    it('PATCH /me and a password change', async () => {
      const me = await call(app, 'PATCH', '/api/v1/me', {
        token: t.aCoordinator.token,
        body: { name: 'Coordinator Renamed' },
      });
      expect(me.status).toBe(200);
      const row = await expectOneRow(
        me,
        {
          centre_id: t.a,
          actor_id: t.aCoordinator.id,
          action: 'update',
          entity_type: 'user',
          entity_id: t.aCoordinator.id,
        },
        t.aAdmin.token,
      );
      expect(row.after).toMatchObject({ name: 'Coordinator Renamed' });

      const changed = await call(app, 'POST', '/api/v1/me/password', {
        token: t.aCoordinator.token,
        body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(changed.status).toBe(204);
      const password = await expectOneRow(
        changed,
        {
          centre_id: t.a,
          actor_id: t.aCoordinator.id,
          action: 'update',
          entity_type: 'user',
          entity_id: t.aCoordinator.id,
        },
        t.aAdmin.token,
      );
      expect(password.after).toMatchObject({ passwordHash: '[redacted]', passwordChangedAt: expect.any(String) });
      expect(password.after!.passwordChangedAt).not.toEqual(password.before!.passwordChangedAt);
    });

    it('centre update and centre creation (recorded in the new centre)', async () => {
      const updated = await call(app, 'PATCH', `/api/v1/centres/${t.a}`, {
        token: t.aAdmin.token,
        body: { reminderHour: 6 },
        headers: { 'X-Request-Id': 'centre-update-1' },
      });
      expect(updated.status).toBe(200);
      const row = await expectOneRow(
        updated,
        {
          centre_id: t.a,
          actor_id: t.aAdmin.id,
          action: 'update',
          entity_type: 'centre',
          entity_id: t.a,
          request_id: 'centre-update-1',
        },
        t.aAdmin.token,
      );
      expect(row.before).toMatchObject({ reminderHour: 9 });
      expect(row.after).toMatchObject({ reminderHour: 6 });

      const created = await call(app, 'POST', '/api/v1/centres', {
        token: t.network.token,
        body: { name: 'Centre Audited', country: 'pt', timezone: 'Europe/Lisbon' },
      });
      expect(created.status).toBe(201);
      const create = await expectOneRow(created, {
        centre_id: created.body.id,
        actor_id: t.network.id,
        action: 'create',
        entity_type: 'centre',
        entity_id: created.body.id,
      });
      expect(create.after).toMatchObject({ id: created.body.id, name: 'Centre Audited', country: 'PT' });
    });

    it('no row holds a password or a password hash', async () => {
      const dump = JSON.stringify(await query(app.databaseUrl, 'SELECT row_to_json(a) AS row FROM audit_event a'));
      const hashes = await query<{ password_hash: string }>(app.databaseUrl, 'SELECT password_hash FROM app_user');
      expect(hashes.length).toBeGreaterThan(0);
      for (const secret of [...passwords, ...hashes.map((h) => h.password_hash), '$argon2'])
        expect(dump).not.toContain(secret);
      expect(dump).toContain('[redacted]');
    });
  });

  it('a request refused by validation or authorisation writes nothing and changes nothing', async () => {
    const snapshot = async () => [
      await query(app.databaseUrl, 'SELECT * FROM app_user ORDER BY id'),
      await query(app.databaseUrl, 'SELECT * FROM centre ORDER BY id'),
      await auditCount(),
    ];
    const before = await snapshot();
    const attempts: [string, string, Record<string, unknown> | undefined, string | undefined, number][] = [
      ['PATCH', '/api/v1/me', { role: 'admin' }, t.aManager.token, 400],
      ['PATCH', '/api/v1/me', { name: 'Anonymous' }, undefined, 401],
      [
        'POST',
        '/api/v1/users',
        { email: 'nope@example.org', name: 'Nope', role: 'admin', password: CREATED_PASSWORD },
        t.aManager.token,
        403,
      ],
      [
        'POST',
        '/api/v1/users',
        { email: 'nope@example.org', name: 'Nope', role: 'admin', password: CREATED_PASSWORD, networkAdmin: true },
        t.aAdmin.token,
        403,
      ],
      [
        'POST',
        '/api/v1/users',
        { email: t.bAdmin.email.toUpperCase(), name: 'Duplicate', role: 'manager', password: CREATED_PASSWORD },
        t.aAdmin.token,
        409,
      ],
      ['PATCH', `/api/v1/users/${t.bManager.id}`, { name: 'Across' }, t.aAdmin.token, 404],
      ['DELETE', `/api/v1/users/${t.aAdmin.id}`, undefined, t.aAdmin.token, 409],
      ['PATCH', `/api/v1/centres/${t.a}`, { reminderHour: 3 }, t.aManager.token, 403],
      [
        'PATCH',
        `/api/v1/centres/${t.a}`,
        { reminderHour: 3, requiredBoardSectors: ['space_travel'] },
        t.aAdmin.token,
        400,
      ],
      [
        'POST',
        '/api/v1/me/password',
        { currentPassword: 'not-the-password', newPassword: 'another-long-password' },
        t.aManager.token,
        400,
      ],
      ['POST', '/api/v1/centres', { name: 'Rogue', country: 'DE', timezone: 'Europe/Berlin' }, t.aAdmin.token, 403],
    ];
    for (const [i, [method, path, body, token, status]] of attempts.entries()) {
      const requestId = `refused-${i}`;
      const res = await call(app, method, path, { token, body, headers: { 'X-Request-Id': requestId } });
      expect({ method, path, status: res.status }).toEqual({ method, path, status });
      expect(await rowsOf(requestId)).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
  });

  describe('GET /api/v1/audit', () => {
    it('is for admins and managers of the centre', async () => {
      expect((await list(t.aAdmin.token)).status).toBe(200);
      expect((await list(t.aManager.token)).status).toBe(200);
      expect((await list(t.aCoordinator.token)).status).toBe(403);
      expect((await call(app, 'GET', '/api/v1/audit')).status).toBe(401);
    });

    it("lists only the caller's centre", async () => {
      const inB = await call(app, 'PATCH', '/api/v1/me', { token: t.bAdmin.token, body: { name: 'B Admin Renamed' } });
      expect(inB.status).toBe(200);
      await expectOneRow(inB, { centre_id: t.b, actor_id: t.bAdmin.id, entity_type: 'user' }, t.bAdmin.token);
      const requestId = inB.headers.get('x-request-id');

      const a = await list(t.aAdmin.token, '?limit=100');
      const [{ n }] = (await query<{ n: number }>(
        app.databaseUrl,
        'SELECT count(*)::int AS n FROM audit_event WHERE centre_id = $1',
        [t.a],
      )) as [{ n: number }];
      expect(a.body.total).toBe(n);
      expect(
        a.body.items.some((i) => i.requestId === requestId || i.entityId === t.bAdmin.id || i.entityId === t.b),
      ).toBe(false);
      expect((await list(t.aAdmin.token, `?entityId=${t.bAdmin.id}`)).body.total).toBe(0);
      const b = await list(t.bAdmin.token, '?limit=100');
      expect(b.body.items.map((i) => i.requestId)).toContain(requestId);
      expect(b.body.items.some((i) => i.entityId === t.a || i.entityId === t.aAdmin.id)).toBe(false);
    });

    it('filters by entity, entity id, actor and action', async () => {
      const centres = await list(t.aAdmin.token, '?entity=centre&limit=100');
      expect(centres.body.items.length).toBeGreaterThanOrEqual(2);
      expect(centres.body.items.every((i) => i.entityType === 'centre' && i.entityId === t.a)).toBe(true);

      const one = await list(t.aAdmin.token, `?entityId=${createdUserId}&limit=100`);
      expect(one.body.items.map((i) => i.action).sort()).toEqual(['create', 'update', 'update']);
      expect(one.body.items.every((i) => i.entityId === createdUserId)).toBe(true);

      const byActor = await list(t.aAdmin.token, `?actor=${t.aCoordinator.id}&limit=100`);
      expect(byActor.body.total).toBe(2);
      expect(byActor.body.items.every((i) => i.actorId === t.aCoordinator.id)).toBe(true);

      const creates = await list(t.aAdmin.token, '?action=create&limit=100');
      expect(creates.body.items.length).toBeGreaterThanOrEqual(3);
      expect(creates.body.items.every((i) => i.action === 'create')).toBe(true);
      const updates = await list(t.aAdmin.token, `?action=update&entity=user&actor=${t.aAdmin.id}&limit=100`);
      expect(updates.body.items.map((i) => i.entityId)).toEqual([createdUserId, createdUserId]);
    });

    it('filters by time (a bare `to` date includes that whole day), sorts and pages', async () => {
      const entityId = randomUUID();
      await query(
        app.databaseUrl,
        `INSERT INTO audit_event (centre_id, actor_id, action, entity_type, entity_id, before, after, occurred_at) VALUES ($1, $2, 'create', 'partner', $3, NULL, '{"name":"Old"}', '2024-03-10T12:00:00Z')`,
        [t.a, t.aAdmin.id, entityId],
      );
      const totalOf = async (params: string) =>
        (await list(t.aAdmin.token, `?entityId=${entityId}&${params}`)).body.total;
      expect(await totalOf('to=2024-03-10')).toBe(1);
      expect(await totalOf('to=2024-03-09')).toBe(0);
      expect(await totalOf('to=2024-03-10T12:00:00Z')).toBe(0);
      expect(await totalOf('from=2024-03-10T12:00:00Z')).toBe(1);
      expect(await totalOf('from=2024-03-10T12:00:01Z')).toBe(0);
      expect((await list(t.aAdmin.token, '?from=2024-03-10&to=2024-03-10')).body.items.map((i) => i.entityId)).toEqual([
        entityId,
      ]);
      expect((await list(t.aAdmin.token, '?to=2024-03-11')).body.total).toBe(1);

      const newest = await list(t.aAdmin.token, '?limit=100');
      const times = newest.body.items.map((i) => i.occurredAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(newest.body.items.at(-1)!.entityId).toBe(entityId);
      const oldest = await list(t.aAdmin.token, '?sort=occurredAt&limit=100');
      expect(oldest.body.items[0]!.entityId).toBe(entityId);
      expect(oldest.body.items.map((i) => i.occurredAt)).toEqual([...times].sort());

      const page = await list(t.aAdmin.token, '?limit=3&page=2');
      expect(page.body).toEqual({ items: newest.body.items.slice(3, 6), total: newest.body.total, page: 2, limit: 3 });
    });

    it('refuses invalid filters, naming the field', async () => {
      for (const [params, field] of [
        ['from=yesterday', 'from'],
        ['to=tomorrow', 'to'],
        ['actor=not-a-uuid', 'actor'],
        ['entity=User!', 'entity'],
        ['action=erase', 'action'],
        ['limit=101', 'limit'],
      ]) {
        const res = await list(t.aAdmin.token, `?${params}`);
        expect({ params, status: res.status, fields: fieldsOf(res.body) }).toEqual({
          params,
          status: 400,
          fields: [field],
        });
      }
    });
  });

  describe('the trail is immutable', () => {
    it('has no route to change it', async () => {
      const [{ id }] = (await query<{ id: string }>(
        app.databaseUrl,
        'SELECT id FROM audit_event ORDER BY id LIMIT 1',
      )) as [{ id: string }];
      const before = await query(app.databaseUrl, 'SELECT * FROM audit_event ORDER BY id');
      for (const method of ['PATCH', 'PUT', 'DELETE']) {
        expect(
          (
            await call(app, method, `/api/v1/audit/${id}`, {
              token: t.network.token,
              body: method === 'DELETE' ? undefined : { action: 'delete' },
            })
          ).status,
        ).toBe(404);
      }
      expect((await call(app, 'DELETE', '/api/v1/audit', { token: t.network.token })).status).toBe(404);
      expect(await query(app.databaseUrl, 'SELECT * FROM audit_event ORDER BY id')).toEqual(before);
    });

    it('refuses UPDATE, DELETE and TRUNCATE even through SQL', async () => {
      const before = await query(app.databaseUrl, 'SELECT * FROM audit_event ORDER BY id');
      for (const sql of [
        `UPDATE audit_event SET actor_id = NULL, after = '{}'`,
        'DELETE FROM audit_event',
        'TRUNCATE audit_event',
      ]) {
        await expect(query(app.databaseUrl, sql)).rejects.toThrow('audit events cannot be changed or deleted');
      }
      expect(await query(app.databaseUrl, 'SELECT * FROM audit_event ORDER BY id')).toEqual(before);
    });
  });
});
