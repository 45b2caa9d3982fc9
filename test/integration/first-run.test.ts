import { afterAll, describe, expect, it } from '@jest/globals';
import { verifyPassword } from '../../src/auth/password.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { query } from '../utils/database.js';

interface UserRow {
  id: string;
  email: string;
  role: string;
  network_admin: boolean;
  password_hash: string;
  centre_id: string;
}

describe('first run on an empty database', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  it('creates the first centre and its admin from ADMIN_EMAIL / ADMIN_PASSWORD, as a network admin', async () => {
    const app = await bootApp({
      env: {
        ADMIN_EMAIL: 'Director@Example.org',
        ADMIN_PASSWORD: 'correct horse battery',
        CENTRE_NAME: 'Centre Test',
        CENTRE_COUNTRY: 'lu',
        CENTRE_TIMEZONE: 'Europe/Luxembourg',
      },
    });
    apps.push(app);
    const centres = await query<{ id: string; name: string; country: string; timezone: string }>(
      app.databaseUrl,
      'SELECT id, name, country, timezone FROM centre',
    );
    expect(centres).toEqual([
      { id: expect.any(String), name: 'Centre Test', country: 'LU', timezone: 'Europe/Luxembourg' },
    ]);
    const users = await query<UserRow>(app.databaseUrl, 'SELECT * FROM app_user');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      email: 'director@example.org',
      role: 'admin',
      network_admin: true,
      centre_id: centres[0]!.id,
    });
    expect(users[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(users[0]!.password_hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(users[0]!.password_hash, 'wrong horse battery')).toBe(false);
    expect(JSON.stringify(app.logs)).not.toContain('correct horse battery');

    // A second process on the same database creates nothing more.
    const again = await bootApp({
      databaseUrl: app.databaseUrl,
      env: { ADMIN_EMAIL: 'other@example.org', ADMIN_PASSWORD: 'another long password' },
    });
    apps.push(again);
    expect(await query(app.databaseUrl, 'SELECT email FROM app_user')).toEqual([{ email: 'director@example.org' }]);
    expect(await query(app.databaseUrl, 'SELECT count(*)::int AS n FROM centre')).toEqual([{ n: 1 }]);
  });

  it('refuses a second account whose email differs only in case', async () => {
    const [{ centre_id }] = (await query<UserRow>(apps[0]!.databaseUrl, 'SELECT centre_id FROM app_user')) as [UserRow];
    await expect(
      query(
        apps[0]!.databaseUrl,
        `INSERT INTO app_user (centre_id, email, name, role, password_hash) VALUES ($1, 'DIRECTOR@example.org', 'Dup', 'manager', 'x')`,
        [centre_id],
      ),
    ).rejects.toThrow(/app_user_email_key/);
  });

  it('without ADMIN_PASSWORD, generates one and shows it once in the log', async () => {
    const app = await bootApp();
    apps.push(app);
    const line = app.logs.find(
      (l) => typeof l.msg === 'string' && l.msg.includes('created admin admin@localhost with password'),
    );
    expect(line).toMatchObject({ level: 40 });
    const password = /with password (\S+) /.exec(line!.msg as string)![1]!;
    expect(password).toHaveLength(20);
    const [user] = await query<UserRow>(app.databaseUrl, 'SELECT * FROM app_user');
    expect(await verifyPassword(user!.password_hash, password)).toBe(true);
  });
});
