import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { firstCentreId, seedUser, TEST_PASSWORD, type ApiResponse } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { AuthClient, from, tamper } from '../utils/auth-client.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';
import { emailsTo, type OutboxEmail } from '../utils/outbox.js';
import { waitFor } from '../utils/wait.js';

const PUBLIC_URL = 'https://keepwarm.example.org';
const ADMIN_EMAIL = 'admin@localhost';
const ADMIN_PASSWORD = 'reset-test-admin-password';
const LINK = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/reset-password\\?token=([^\\s"<>&]+)`);

function expectProblem(res: ApiResponse, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

function expectInvalidToken(res: ApiResponse<{ errors?: { field: string }[] }>): void {
  expectProblem(res, 400);
  expect((res.body.errors ?? []).map((e) => e.field)).toContain('token');
}

describe('password reset and invitation links', () => {
  const clock = new TestClock();
  let app: TestApp;
  let api: AuthClient;
  let centreId: string;
  let addresses = 0;
  /** A client address of its own, so that one test's reset requests don't throttle another's. */
  const newAddress = () => `198.51.100.${++addresses}`;

  beforeAll(async () => {
    app = await bootApp({ clock, env: { ADMIN_PASSWORD, PUBLIC_URL, TRUST_PROXY: 'loopback' } });
    api = new AuthClient(app);
    api.secret(ADMIN_PASSWORD, TEST_PASSWORD);
    centreId = await firstCentreId(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  const requestReset = (email: string, address: string) =>
    api.call('POST', '/api/v1/auth/password-reset', { body: { email }, headers: from(address) });

  const confirm = (token: string, password: string) => {
    api.secret(password);
    return api.call('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password } });
  };

  /** The link of an email: in the text, and as the href of the html part; its token is remembered as a secret. */
  function linkIn(mail: OutboxEmail): { link: string; token: string } {
    const match = LINK.exec(mail.text);
    expect(match).not.toBeNull();
    const link = match![0];
    expect(mail.html).toContain(`href="${link}"`);
    const token = decodeURIComponent(match![1]!);
    api.secret(token);
    return { link, token };
  }

  /** Waits for an email to `to` that was not there in `before`. */
  function newEmailTo(to: string, before: OutboxEmail[]): Promise<OutboxEmail> {
    const seen = new Set(before.map((m) => m.file));
    return waitFor(`a new email to ${to}`, async () => (await emailsTo(app, to)).find((m) => !seen.has(m.file)));
  }

  /** Asks for a reset link for `email` and returns the token it emails. */
  async function resetToken(email: string): Promise<string> {
    const before = await emailsTo(app, email);
    expect((await requestReset(email, newAddress())).status).toBe(202);
    return linkIn(await newEmailTo(email, before)).token;
  }

  it('answers the same whether or not the email is known, and emails a link only to a known account', async () => {
    const user = await seedUser(app, centreId, 'coordinator', { email: 'reset-known@example.org' });
    const address = newAddress();
    const unknown = await requestReset('reset-unknown@example.org', address);
    const known = await requestReset('Reset-Known@Example.org', address);
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);

    const mail = await newEmailTo(user.email, []);
    const { link, token } = linkIn(mail);
    expect(link).toBe(`${PUBLIC_URL}/reset-password?token=${encodeURIComponent(token)}`);
    expect(await emailsTo(app, 'reset-unknown@example.org')).toEqual([]);
    expect(
      await query(
        app.databaseUrl,
        `SELECT id FROM outbox_email WHERE lower(recipient) LIKE '%reset-unknown@example.org%'`,
      ),
    ).toEqual([]);
  });

  it('sets a new password once: the new one signs in, the old one no longer, earlier sessions end', async () => {
    const user = await seedUser(app, centreId, 'manager');
    const earlier = await api.session(user.email);
    const token = await resetToken(user.email);

    expect((await confirm(token, 'password-chosen-by-reset')).status).toBe(204);
    expect((await api.login(user.email, 'password-chosen-by-reset')).status).toBe(200);
    expectProblem(await api.login(user.email, TEST_PASSWORD), 401);
    expectProblem(await api.call('GET', '/api/v1/me', { token: earlier.token }), 401);
    expectProblem(await api.call('GET', '/api/v1/me', { cookie: earlier.cookie }), 401);

    // The link works once.
    expectInvalidToken(await confirm(token, 'password-chosen-twice'));
    expectProblem(await api.login(user.email, 'password-chosen-twice'), 401);
    expect((await api.login(user.email, 'password-chosen-by-reset')).status).toBe(200);
  });

  it('refuses a tampered link', async () => {
    const user = await seedUser(app, centreId, 'coordinator');
    const token = await resetToken(user.email);
    const [id, signature] = token.split('.');
    for (const forged of [tamper(token), `${id}.`, id!, `${tamper(id!)}.${signature}`, `${token}.x`]) {
      expectInvalidToken(await confirm(forged, 'password-from-forged-link'));
    }
    expectProblem(await api.login(user.email, 'password-from-forged-link'), 401);
    // The genuine link still works.
    expect((await confirm(token, 'password-from-genuine-link')).status).toBe(204);
  });

  it('a newer link makes the earlier one unusable', async () => {
    const user = await seedUser(app, centreId, 'coordinator');
    const first = await resetToken(user.email);
    const second = await resetToken(user.email);
    expect(second).not.toBe(first);

    expectInvalidToken(await confirm(first, 'password-from-first-link'));
    expect((await api.login(user.email, TEST_PASSWORD)).status).toBe(200);
    expect((await confirm(second, 'password-from-second-link')).status).toBe(204);
    expect((await api.login(user.email, 'password-from-second-link')).status).toBe(200);
  });

  it('refuses the 6th reset request within 15 minutes from one address, with Retry-After', async () => {
    const address = newAddress();
    for (let i = 1; i <= 5; i++) expect((await requestReset(`nobody-${i}@example.org`, address)).status).toBe(202);
    const refused = await requestReset('nobody-6@example.org', address);
    expectProblem(refused, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another address is not affected.
    expect((await requestReset('nobody-6@example.org', newAddress())).status).toBe(202);
  });

  it('an invited user (created without a password) gets a link to choose one, and cannot sign in before', async () => {
    const admin = await api.session(ADMIN_EMAIL, ADMIN_PASSWORD);
    const email = 'invited-person@example.org';
    const created = await api.call('POST', '/api/v1/users', {
      token: admin.token,
      body: { email, name: 'Invited Person', role: 'coordinator' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, name: 'Invited Person', role: 'coordinator', active: true });

    for (const password of [TEST_PASSWORD, '!unset', 'any-password-at-all'])
      expectProblem(await api.login(email, password), 401);

    const { token } = linkIn(await newEmailTo(email, []));
    expect((await confirm(token, 'invited-person-password')).status).toBe(204);
    const res = await api.login(email, 'invited-person-password');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: created.body.id, email, role: 'coordinator' });
  });

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const admin = await api.session(ADMIN_EMAIL, ADMIN_PASSWORD);
    const attributes = admin.setCookie.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const res = await api.call('GET', '/api/v1/me');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('refuses a new password equal to the current one, or containing the email or the name, naming password; the link stays usable', async () => {
    const user = await seedUser(app, centreId, 'coordinator', {
      email: 'rules-reset@example.org',
      name: 'Ottilie Vance',
    });
    const token = await resetToken(user.email);
    for (const password of [TEST_PASSWORD, 'xx-rules-reset@EXAMPLE.org-xx', 'ottilie vance 2027!']) {
      const res = await confirm(token, password);
      expectProblem(res, 400);
      expect((res.body as { errors?: { field: string }[] }).errors?.map((e) => e.field)).toEqual(['password']);
    }
    expect((await api.login(user.email, TEST_PASSWORD, from(newAddress()))).status).toBe(200);
    expect((await confirm(token, 'a-fine-new-password')).status).toBe(204);
    expect((await api.login(user.email, 'a-fine-new-password', from(newAddress()))).status).toBe(200);
  });

  it("refuses an invited user's password containing their name", async () => {
    const admin = await api.session(ADMIN_EMAIL, ADMIN_PASSWORD);
    const email = 'invited-rules@example.org';
    expect(
      (
        await api.call('POST', '/api/v1/users', {
          token: admin.token,
          body: { email, name: 'Barnaby Quill', role: 'coordinator' },
        })
      ).status,
    ).toBe(201);
    const { token } = linkIn(await newEmailTo(email, []));
    const res = await confirm(token, 'Barnaby Quill is my password');
    expectProblem(res, 400);
    expect((res.body as { errors?: { field: string }[] }).errors?.map((e) => e.field)).toEqual(['password']);
    expect((await confirm(token, 'a-different-password')).status).toBe(204);
  });

  it('refuses a link older than an hour', async () => {
    const user = await seedUser(app, centreId, 'coordinator');
    const token = await resetToken(user.email);
    clock.advance(61 * 60_000);
    expectInvalidToken(await confirm(token, 'password-from-expired-link'));
    expectProblem(await api.login(user.email, 'password-from-expired-link'), 401);
    expect((await api.login(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  describe('after all of the above', () => {
    it('no log line holds a password, token, CSRF token or reset token, and no response a password hash', async () => {
      expect(api.secrets.size).toBeGreaterThan(20);
      expect(api.leaksIn(app.logs)).toEqual([]);
      const responses = JSON.stringify(api.bodies);
      expect(responses).not.toMatch(/passwordHash|password_hash|\$argon2/);
      for (const password of [ADMIN_PASSWORD, TEST_PASSWORD, 'password-chosen-by-reset', 'invited-person-password'])
        expect(responses).not.toContain(password);
    });
  });
});
