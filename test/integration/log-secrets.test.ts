import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';
import { leaksIn } from '../utils/log-leaks.js';
import { seedTwoCentres, type TwoCentres } from '../utils/tenants.js';

/**
 * A constraint the app does not know about fails a write deep in PostgreSQL, whose error echoes the whole row
 * ("Failing row contains (…)": the argon2id hash and salt, emails). The 500 is logged with the constraint, the table
 * and the request id, and nothing of the row.
 */
describe('database errors in the logs', () => {
  let app: TestApp;
  let t: TwoCentres;

  beforeAll(async () => {
    app = await bootApp();
    t = await seedTwoCentres(app);
    // What a half-deployed migration looks like to the running app: a NOT NULL column it never fills, and a check.
    await query(app.databaseUrl, `ALTER TABLE app_user ADD COLUMN kw_test_required text NOT NULL DEFAULT 'x'`);
    await query(app.databaseUrl, `ALTER TABLE app_user ALTER COLUMN kw_test_required DROP DEFAULT`);
    await query(
      app.databaseUrl,
      `ALTER TABLE contact ADD CONSTRAINT kw_test_contact_check CHECK (name <> 'Refused By The Database') NOT VALID`,
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    [
      'a NOT NULL violation on app_user',
      () =>
        call(app, 'POST', '/api/v1/users', {
          token: t.aAdmin.token,
          body: {
            email: 'not-null-victim@example.org',
            name: 'Victim',
            role: 'coordinator',
            password: 'a-long-secret-password',
          },
        }),
      { code: '23502', table: 'app_user', column: 'kw_test_required' },
      ['not-null-victim@example.org', 'a-long-secret-password'],
    ],
    [
      'a check violation on contact',
      async () => {
        const partner = await call(app, 'POST', '/api/v1/partners', {
          token: t.aAdmin.token,
          body: { name: 'Has contacts', sector: 'media' },
        });
        return call(app, 'POST', `/api/v1/partners/${partner.body.id}/contacts`, {
          token: t.aAdmin.token,
          body: { name: 'Refused By The Database', email: 'check-victim@example.org', phone: '+32 470 00 00 00' },
        });
      },
      { code: '23514', table: 'contact', constraint: 'kw_test_contact_check' },
      ['check-victim@example.org', '+32 470 00 00 00', 'Refused By The Database'],
    ],
  ])('logs %s with its constraint and request id, and no row data', async (_what, write, expected, personal) => {
    const res = await write();
    expect(res.status).toBe(500);
    const requestId = res.body.requestId as string;
    expect(requestId).toEqual(expect.any(String));

    const line = app.logs.find((l) => l.reqId === requestId && l.msg === 'Unhandled error');
    expect(line).toMatchObject({ level: 50, err: expect.objectContaining({ type: 'QueryFailedError', ...expected }) });
    const text = JSON.stringify(app.logs.filter((l) => l.reqId === requestId));
    for (const forbidden of ['$argon2', 'Failing row', 'detail', 'parameters', ...personal])
      expect(text).not.toContain(forbidden);
    expect(leaksIn(app.logs)).toEqual([]);
  });
});
