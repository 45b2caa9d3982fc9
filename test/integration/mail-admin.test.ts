import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, type ApiResponse } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { fieldsOf, seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

interface OutboxItem {
  id: string;
  centreId: string | null;
  recipient: string;
}

interface AuditRow {
  centre_id: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  after: Record<string, unknown> | null;
}

/** The admin mail routes keep each centre to its own outbox; a network admin's look elsewhere is audited. */
describe('admin mail: centre isolation', () => {
  let app: TestApp;
  let t: TwoCentres;
  let aEmail: string;
  let bEmail: string;
  let installationEmail: string;

  const failedEmail = async (centreId: string | null, to: string): Promise<string> => {
    const [row] = await query<{ id: string }>(
      app.databaseUrl,
      `INSERT INTO outbox_email (centre_id, recipient, subject, text, status, attempts, last_error) VALUES ($1, $2, 'Isolation', 'Isolation', 'failed', 1, '550 rejected') RETURNING id`,
      [centreId, to],
    );
    return row!.id;
  };
  const auditOf = (res: ApiResponse) =>
    query<AuditRow>(app.databaseUrl, 'SELECT * FROM audit_event WHERE request_id = $1 ORDER BY id', [
      res.headers.get('x-request-id'),
    ]);
  const outboxCount = async () =>
    (await query<{ n: number }>(app.databaseUrl, 'SELECT count(*)::int AS n FROM outbox_email'))[0]!.n;

  beforeAll(async () => {
    app = await bootApp();
    t = await seedTwoCentres(app);
    aEmail = await failedEmail(t.a, t.aCoordinator.email);
    bEmail = await failedEmail(t.b, t.bCoordinator.email);
    installationEmail = await failedEmail(null, 'operator@example.org');
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('a centre admin', () => {
    it("lists only their own centre's outbox", async () => {
      const res = await call<{ items: OutboxItem[]; total: number }>(
        app,
        'GET',
        '/api/v1/admin/mail/outbox?limit=100',
        { token: t.bAdmin.token },
      );
      expect(res.status).toBe(200);
      expect(res.body.items.map((i) => i.id)).toEqual([bEmail]);
      expect(res.body.total).toBe(1);
      const mine = await call<{ items: OutboxItem[] }>(app, 'GET', '/api/v1/admin/mail/outbox?limit=100', {
        token: t.aAdmin.token,
      });
      expect(mine.body.items.map((i) => i.id)).toContain(aEmail);
      expect(mine.body.items.every((i) => i.centreId === t.a)).toBe(true);
    });

    it("cannot read, retry or count another centre's mail, nor the installation's", async () => {
      expect((await call(app, 'GET', `/api/v1/admin/mail/outbox/${bEmail}`, { token: t.aAdmin.token })).status).toBe(
        404,
      );
      expect(
        (await call(app, 'GET', `/api/v1/admin/mail/outbox/${installationEmail}`, { token: t.aAdmin.token })).status,
      ).toBe(404);
      expect(
        (await call(app, 'POST', `/api/v1/admin/mail/outbox/${bEmail}/retry`, { token: t.aAdmin.token })).status,
      ).toBe(404);
      expect(
        (await call(app, 'GET', `/api/v1/admin/mail/outbox?centreId=${t.b}`, { token: t.aAdmin.token })).status,
      ).toBe(403);
      expect(
        (await call(app, 'GET', '/api/v1/admin/mail/outbox?installation=true', { token: t.aAdmin.token })).status,
      ).toBe(403);
      expect(
        (await call(app, 'GET', `/api/v1/admin/mail/status?centreId=${t.b}`, { token: t.aAdmin.token })).status,
      ).toBe(403);
      const [row] = await query<{ status: string }>(app.databaseUrl, 'SELECT status FROM outbox_email WHERE id = $1', [
        bEmail,
      ]);
      expect(row!.status).toBe('failed');
      const status = await call(app, 'GET', '/api/v1/admin/mail/status', { token: t.bAdmin.token });
      expect(status.body).toMatchObject({ failed: 1, pending: 0 });
    });

    it('writes no audit row for looking at their own outbox', async () => {
      const res = await call(app, 'GET', '/api/v1/admin/mail/outbox', { token: t.aAdmin.token });
      expect(res.status).toBe(200);
      expect(await auditOf(res)).toEqual([]);
    });
  });

  describe('a network admin', () => {
    it("lists another centre's outbox, and that centre's audit trail records who looked", async () => {
      const res = await call<{ items: OutboxItem[] }>(
        app,
        'GET',
        `/api/v1/admin/mail/outbox?centreId=${t.b}&status=failed`,
        { token: t.network.token },
      );
      expect(res.status).toBe(200);
      expect(res.body.items.map((i) => i.id)).toEqual([bEmail]);
      expect(await auditOf(res)).toEqual([
        expect.objectContaining({
          centre_id: t.b,
          actor_id: t.network.id,
          action: 'read',
          entity_type: 'outbox',
          entity_id: t.b,
          after: { view: 'list', status: 'failed' },
        }),
      ]);
      // Centre B's own admins see it in their trail.
      const trail = await call<{ items: { action: string; actorId: string; requestId: string }[] }>(
        app,
        'GET',
        '/api/v1/audit?action=read',
        { token: t.bAdmin.token },
      );
      expect(trail.status).toBe(200);
      expect(trail.body.items).toEqual([
        expect.objectContaining({ action: 'read', actorId: t.network.id, requestId: res.headers.get('x-request-id') }),
      ]);
    });

    it('reads one email and the status of another centre, each audited there', async () => {
      const one = await call(app, 'GET', `/api/v1/admin/mail/outbox/${bEmail}`, { token: t.network.token });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: bEmail, centreId: t.b, sendLog: [] });
      expect(await auditOf(one)).toEqual([
        expect.objectContaining({
          centre_id: t.b,
          actor_id: t.network.id,
          action: 'read',
          entity_type: 'outbox_email',
          entity_id: bEmail,
        }),
      ]);

      const status = await call(app, 'GET', `/api/v1/admin/mail/status?centreId=${t.b}`, { token: t.network.token });
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ failed: 1, pending: 0 });
      expect(await auditOf(status)).toEqual([
        expect.objectContaining({
          centre_id: t.b,
          action: 'read',
          entity_type: 'outbox',
          entity_id: t.b,
          after: { view: 'status' },
        }),
      ]);
    });

    it('gets 404 for a centre that does not exist, and no audit row', async () => {
      const res = await call(app, 'GET', '/api/v1/admin/mail/outbox?centreId=00000000-0000-4000-8000-000000000000', {
        token: t.network.token,
      });
      expect(res.status).toBe(404);
      expect(await auditOf(res)).toEqual([]);
    });

    it('lists mail that belongs to no centre, audited in their own centre', async () => {
      const res = await call<{ items: OutboxItem[] }>(app, 'GET', '/api/v1/admin/mail/outbox?installation=true', {
        token: t.network.token,
      });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i) => i.id)).toEqual([installationEmail]);
      expect(await auditOf(res)).toEqual([
        expect.objectContaining({
          centre_id: t.network.centreId,
          actor_id: t.network.id,
          action: 'read',
          entity_type: 'outbox',
          entity_id: 'installation',
        }),
      ]);
    });
  });

  describe('a network admin and mail that belongs to no centre', () => {
    it('reads and retries one such email, each audited in their own centre', async () => {
      const one = await call(app, 'GET', `/api/v1/admin/mail/outbox/${installationEmail}`, { token: t.network.token });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: installationEmail, centreId: null, status: 'failed', sendLog: [] });
      expect(await auditOf(one)).toEqual([
        expect.objectContaining({
          centre_id: t.network.centreId,
          action: 'read',
          entity_type: 'outbox_email',
          entity_id: installationEmail,
        }),
      ]);

      const retried = await call(app, 'POST', `/api/v1/admin/mail/outbox/${installationEmail}/retry`, {
        token: t.network.token,
      });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: installationEmail, centreId: null, status: 'pending' });
      expect(await auditOf(retried)).toEqual([
        expect.objectContaining({
          centre_id: t.network.centreId,
          actor_id: t.network.id,
          action: 'update',
          entity_type: 'outbox_email',
          entity_id: installationEmail,
          after: { status: 'pending' },
        }),
      ]);
      const again = await call(app, 'POST', `/api/v1/admin/mail/outbox/${installationEmail}/retry`, {
        token: t.network.token,
      });
      expect(again.status).toBe(409);
    });
  });

  describe('the test send', () => {
    it("refuses an address that is not one of the centre's users, staging nothing", async () => {
      const before = await outboxCount();
      for (const to of ['stranger@example.net', t.bCoordinator.email]) {
        const res = await call(app, 'POST', '/api/v1/admin/mail/test', { token: t.aAdmin.token, body: { to } });
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(fieldsOf(res.body)).toEqual(['to']);
      }
      expect(await outboxCount()).toBe(before);
    });

    it("sends to one of the centre's users, whatever the case of the address, or to the admin by default", async () => {
      const res = await call(app, 'POST', '/api/v1/admin/mail/test', {
        token: t.aAdmin.token,
        body: { to: t.aCoordinator.email.toUpperCase() },
      });
      expect(res.status).toBe(201);
      expect(res.body.to).toBe(t.aCoordinator.email);
      const own = await call(app, 'POST', '/api/v1/admin/mail/test', { token: t.aAdmin.token, body: {} });
      expect(own.status).toBe(201);
      expect(own.body.to).toBe(t.aAdmin.email);
      const [row] = await query<{ centre_id: string; recipient: string }>(
        app.databaseUrl,
        'SELECT centre_id, recipient FROM outbox_email WHERE id = $1',
        [res.body.id],
      );
      expect(row).toEqual({ centre_id: t.a, recipient: t.aCoordinator.email });
    });
  });
});
