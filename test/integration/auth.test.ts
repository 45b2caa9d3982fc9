import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { firstCentreId, seedUser, TEST_PASSWORD, type ApiResponse } from '../utils/api.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { AuthClient, from, tamper, type Session } from '../utils/auth-client.js';
import { TestClock } from '../utils/clock.js';
import { query } from '../utils/database.js';

const ADMIN_EMAIL = 'admin@localhost';
const ADMIN_PASSWORD = 'auth-test-admin-password';
const PROBLEM = /^application\/problem\+json/;
const PUBLIC_URL = 'http://keepwarm.example.test:8080';

function expectProblem(res: ApiResponse, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(PROBLEM);
}

function fieldsOf(res: ApiResponse<{ errors?: { field: string }[] }>): string[] {
  return (res.body.errors ?? []).map((e) => e.field);
}

describe('signing in, sessions and CSRF', () => {
  const clock = new TestClock();
  let app: TestApp;
  let api: AuthClient;
  let centreId: string;

  beforeAll(async () => {
    app = await bootApp({
      clock,
      env: {
        ADMIN_PASSWORD,
        PUBLIC_URL,
        TRUST_PROXY: 'loopback',
        CENTRE_NAME: 'Centre Auth',
        CENTRE_COUNTRY: 'LU',
        CENTRE_TIMEZONE: 'Europe/Luxembourg',
      },
    });
    api = new AuthClient(app);
    api.secret(ADMIN_PASSWORD, TEST_PASSWORD);
    centreId = await firstCentreId(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  const me = (credentials: { token?: string; cookie?: string }) => api.call('GET', '/api/v1/me', credentials);
  const nameOf = async (session: Session) => (await me({ token: session.token })).body.user.name as string;

  describe('login', () => {
    it('signs the first admin in with a Bearer token, a CSRF token and an httpOnly SameSite=Lax cookie (not Secure over http)', async () => {
      const res = await api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresAt: expect.any(String),
        csrfToken: expect.any(String),
        user: expect.objectContaining({ email: ADMIN_EMAIL, role: 'admin', centreId }),
      });
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(clock.now().getTime());

      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('keepwarm_session='));
      expect(cookie).toBeDefined();
      const [pair, ...attributes] = cookie!.split(';').map((part) => part.trim());
      expect(decodeURIComponent(pair!.slice('keepwarm_session='.length))).toBe(res.body.accessToken);
      const lower = attributes.map((a) => a.toLowerCase());
      expect(lower).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
      expect(lower).not.toContain('secure');

      // The token works as a Bearer token and the cookie works on its own.
      expect((await me({ token: res.body.accessToken })).status).toBe(200);
      expect((await me({ cookie: pair })).status).toBe(200);
    });

    it('matches the email whatever its case', async () => {
      const res = await api.login('Admin@LOCALHOST', ADMIN_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(ADMIN_EMAIL);
    });

    it('answers a wrong password and an unknown email with the same 401 problem', async () => {
      const wrongPassword = await api.login(ADMIN_EMAIL, 'not-the-admin-password');
      const unknownEmail = await api.login('nobody@example.org', ADMIN_PASSWORD);
      expectProblem(wrongPassword, 401);
      expectProblem(unknownEmail, 401);
      expect(wrongPassword.body.detail).toEqual(expect.any(String));
      expect(unknownEmail.body.detail).toBe(wrongPassword.body.detail);
      expect(wrongPassword.body.accessToken).toBeUndefined();
      expect(wrongPassword.headers.getSetCookie()).toEqual([]);
    });

    it('refuses a deactivated user, and ends their open sessions', async () => {
      const user = await seedUser(app, centreId, 'coordinator');
      const before = await api.session(user.email);
      const wrong = await api.login(user.email, 'not-this-users-password');
      await query(app.databaseUrl, 'UPDATE app_user SET active = false WHERE id = $1', [user.id]);

      const res = await api.login(user.email, TEST_PASSWORD);
      expectProblem(res, 401);
      expect(res.body.detail).toBe(wrong.body.detail);
      expect((await me({ token: before.token })).status).toBe(401);
    });
  });

  describe('credentials', () => {
    it('GET /me answers the user and their centre, with the CSRF token only when signed in by cookie', async () => {
      const admin = await api.session(ADMIN_EMAIL, ADMIN_PASSWORD);
      const byBearer = await me({ token: admin.token });
      expect(byBearer.status).toBe(200);
      expect(byBearer.body).toEqual({
        user: expect.objectContaining({ id: admin.user.id, email: ADMIN_EMAIL, role: 'admin' }),
        centre: {
          id: centreId,
          name: 'Centre Auth',
          country: 'LU',
          timezone: 'Europe/Luxembourg',
          locale: expect.any(String),
        },
      });

      const byCookie = await me({ cookie: admin.cookie });
      expect(byCookie.status).toBe(200);
      expect(byCookie.body).toEqual({ ...byBearer.body, csrfToken: admin.csrfToken });
    });

    it("PATCH /me sets one's language (en, fr), null goes back to the browser's, anything else is refused", async () => {
      const user = await seedUser(app, centreId, 'coordinator', { name: 'Language Tester' });
      const session = await api.session(user.email);
      const patch = (body: unknown) => api.call('PATCH', '/api/v1/me', { token: session.token, body });
      const french = await patch({ locale: 'fr' });
      expect(french.status).toBe(200);
      expect(french.body).toMatchObject({ locale: 'fr', name: 'Language Tester' });
      expect((await me({ token: session.token })).body.user.locale).toBe('fr');
      // A name alone keeps the language.
      expect((await patch({ name: 'Renamed Tester' })).body).toMatchObject({ locale: 'fr', name: 'Renamed Tester' });
      const refused = await patch({ locale: 'de' });
      expectProblem(refused, 400);
      expect(fieldsOf(refused)).toEqual(['locale']);
      const cleared = await patch({ locale: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.locale).toBeNull();
    });

    it('the Bearer token works on other routes too', async () => {
      const admin = await api.session(ADMIN_EMAIL, ADMIN_PASSWORD);
      const res = await api.call('GET', '/api/v1/users', { token: admin.token });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain(ADMIN_EMAIL);
    });

    it('refuses forged and garbage tokens, as a Bearer token or a cookie', async () => {
      const admin = await api.session(ADMIN_EMAIL, ADMIN_PASSWORD);
      const [sessionId] = admin.token.split('.');
      const forged = [
        tamper(admin.token),
        `${randomUUID()}.x`,
        `${sessionId}.`,
        sessionId!,
        'garbage',
        `${admin.token}.extra`,
      ];
      for (const token of forged) {
        expectProblem(await me({ token }), 401);
        expectProblem(await me({ cookie: `keepwarm_session=${encodeURIComponent(token)}` }), 401);
      }
      // The genuine token still works.
      expect((await me({ token: admin.token })).status).toBe(200);
    });

    it('tells an anonymous request to sign in, with WWW-Authenticate: Bearer', async () => {
      const res = await me({});
      expectProblem(res, 401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('signing out ends that session (token and cookie) and no other', async () => {
      const user = await seedUser(app, centreId, 'coordinator');
      const leaving = await api.session(user.email);
      const staying = await api.session(user.email);

      const res = await api.call('POST', '/api/v1/auth/logout', { token: leaving.token });
      expect(res.status).toBe(204);
      expectProblem(await me({ token: leaving.token }), 401);
      expectProblem(await me({ cookie: leaving.cookie }), 401);
      expect((await me({ token: staying.token })).status).toBe(200);
      expect((await me({ cookie: staying.cookie })).status).toBe(200);
    });
  });

  describe('CSRF protection of cookie-authenticated writes', () => {
    let user: { id: string; email: string };
    let session: Session;
    let other: Session;

    beforeAll(async () => {
      user = await seedUser(app, centreId, 'coordinator', { name: 'Original Name' });
      session = await api.session(user.email);
      other = await api.session(user.email);
    });

    it('refuses a write with the cookie alone and changes nothing', async () => {
      expectProblem(
        await api.call('PATCH', '/api/v1/me', { cookie: session.cookie, body: { name: 'Forged Name' } }),
        403,
      );
      expect(await nameOf(session)).toBe('Original Name');
      // Signing out is a write too: a forged logout does not end the session.
      expectProblem(await api.call('POST', '/api/v1/auth/logout', { cookie: session.cookie }), 403);
      expect((await me({ cookie: session.cookie })).status).toBe(200);
    });

    it('needs no CSRF token to read with the cookie', async () => {
      const res = await me({ cookie: session.cookie });
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(user.email);
    });

    it('refuses the CSRF token of another session', async () => {
      expect(other.csrfToken).not.toBe(session.csrfToken);
      const res = await api.call('PATCH', '/api/v1/me', {
        cookie: session.cookie,
        headers: { 'x-csrf-token': other.csrfToken },
        body: { name: 'Cross Name' },
      });
      expectProblem(res, 403);
      expect(await nameOf(session)).toBe('Original Name');
    });

    it('accepts the session CSRF token in the X-CSRF-Token header', async () => {
      const res = await api.call('PATCH', '/api/v1/me', {
        cookie: session.cookie,
        headers: { 'x-csrf-token': session.csrfToken },
        body: { name: 'Header Name' },
      });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('Header Name');
      expect(await nameOf(session)).toBe('Header Name');
    });

    it('accepts the session CSRF token as a _csrf field of a form', async () => {
      const res = await api.call('PATCH', '/api/v1/me', {
        cookie: session.cookie,
        form: { name: 'Form Name', _csrf: session.csrfToken },
      });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('Form Name');
      expect(await nameOf(session)).toBe('Form Name');
    });

    it('accepts the CSRF token GET /me gives a cookie session', async () => {
      const csrfToken = (await me({ cookie: session.cookie })).body.csrfToken as string;
      const res = await api.call('PATCH', '/api/v1/me', {
        cookie: session.cookie,
        headers: { 'x-csrf-token': csrfToken },
        body: { name: 'Fetched Name' },
      });
      expect(res.status).toBe(200);
      expect(await nameOf(session)).toBe('Fetched Name');
    });

    it('needs no CSRF token with a Bearer token', async () => {
      const res = await api.call('PATCH', '/api/v1/me', { token: session.token, body: { name: 'Bearer Name' } });
      expect(res.status).toBe(200);
      expect(await nameOf(session)).toBe('Bearer Name');
    });
  });

  describe("changing one's password", () => {
    const newPassword = 'a-brand-new-password';
    let user: { id: string; email: string };
    let current: Session;
    let other: Session;

    beforeAll(async () => {
      user = await seedUser(app, centreId, 'manager');
      current = await api.session(user.email);
      other = await api.session(user.email);
      api.secret(newPassword);
    });

    const change = (body: { currentPassword: string; newPassword: string }) => {
      api.secret(body.currentPassword, body.newPassword);
      return api.call('POST', '/api/v1/me/password', { token: current.token, body });
    };

    it('refuses a wrong current password, naming currentPassword', async () => {
      const res = await change({ currentPassword: 'not-the-current-password', newPassword });
      expectProblem(res, 400);
      expect(fieldsOf(res)).toContain('currentPassword');
    });

    it('refuses a new password shorter than 12 characters, naming newPassword', async () => {
      const res = await change({ currentPassword: TEST_PASSWORD, newPassword: 'short-pass1' });
      expectProblem(res, 400);
      expect(fieldsOf(res)).toContain('newPassword');
      expect((await api.login(user.email, 'short-pass1')).status).toBe(401);
    });

    it('changes it: the old one stops working, this session stays, the others end', async () => {
      expect((await change({ currentPassword: TEST_PASSWORD, newPassword })).status).toBe(204);
      expectProblem(await api.login(user.email, TEST_PASSWORD), 401);
      expect((await api.login(user.email, newPassword)).status).toBe(200);
      expect((await me({ token: current.token })).status).toBe(200);
      expectProblem(await me({ token: other.token }), 401);
      expectProblem(await me({ cookie: other.cookie }), 401);
    });
  });

  describe('throttling failed sign-ins per address', () => {
    it('refuses the 11th failed sign-in within a minute, even with the right password, for that address only, until the minute has passed', async () => {
      const attacker = from('203.0.113.10');
      // Ten different accounts, so that only the per-address limit is at stake.
      for (let i = 1; i <= 10; i++)
        expectProblem(await api.login(`address-probe-${i}@example.org`, `wrong-password-number-${i}`, attacker), 401);

      const refused = await api.login('address-probe-11@example.org', 'wrong-password-number-11', attacker);
      expectProblem(refused, 429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);

      expectProblem(await api.login(ADMIN_EMAIL, ADMIN_PASSWORD, attacker), 429);
      expect((await api.login(ADMIN_EMAIL, ADMIN_PASSWORD, from('203.0.113.11'))).status).toBe(200);

      clock.advance(61_000);
      expect((await api.login(ADMIN_EMAIL, ADMIN_PASSWORD, attacker)).status).toBe(200);
    });

    it('does not count successful sign-ins', async () => {
      const address = from('203.0.113.20');
      for (let i = 0; i < 12; i++) expect((await api.login(ADMIN_EMAIL, ADMIN_PASSWORD, address)).status).toBe(200);
      for (let i = 1; i <= 10; i++)
        expectProblem(await api.login(`success-probe-${i}@example.org`, `another-wrong-password-${i}`, address), 401);
      expectProblem(await api.login(ADMIN_EMAIL, ADMIN_PASSWORD, address), 429);
    });
  });

  describe('throttling failed sign-ins per account', () => {
    it('refuses the 11th failed sign-in to one account within 15 minutes from any address, even with the right password, until the window has passed', async () => {
      const user = await seedUser(app, centreId, 'coordinator');
      // Twenty addresses, each well under its own limit.
      for (let i = 1; i <= 10; i++)
        expectProblem(await api.login(user.email, `guess-number-${i}`, from(`198.18.0.${i}`)), 401);

      const refused = await api.login(user.email, 'guess-number-11', from('198.18.0.11'));
      expectProblem(refused, 429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      for (let i = 12; i <= 20; i++)
        expectProblem(await api.login(user.email, TEST_PASSWORD, from(`198.18.0.${i}`)), 429);

      // Other accounts, from the same addresses, are not affected.
      expect((await api.login(ADMIN_EMAIL, ADMIN_PASSWORD, from('198.18.0.11'))).status).toBe(200);

      clock.advance(15 * 60_000 + 1000);
      expect((await api.login(user.email, TEST_PASSWORD, from('198.18.0.21'))).status).toBe(200);
    });

    it('answers an unknown email the same way, so the limit does not reveal which accounts exist', async () => {
      for (let i = 1; i <= 10; i++)
        expectProblem(await api.login('nobody-here@example.org', `guess-${i}`, from(`198.18.1.${i}`)), 401);
      expectProblem(await api.login('nobody-here@example.org', 'guess-11', from('198.18.1.11')), 429);
    });
  });

  describe('limits hold under concurrent attempts', () => {
    const CONCURRENT = 60;

    it(`lets exactly 10 of ${CONCURRENT} concurrent failed sign-ins from one address through`, async () => {
      const address = from('198.18.2.1');
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) => api.login(`concurrent-${i}@example.org`, `wrong-${i}`, address)),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(CONCURRENT - 10);
    });

    it(`lets exactly 10 of ${CONCURRENT} concurrent failed sign-ins to one account through`, async () => {
      const user = await seedUser(app, centreId, 'coordinator');
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) => api.login(user.email, `wrong-${i}`, from(`198.18.3.${i + 1}`))),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(CONCURRENT - 10);
    });
  });

  describe('login CSRF: a form sign-in only from our own pages', () => {
    const signInForm = (headers: Record<string, string>) =>
      api.call('POST', '/api/v1/auth/login', {
        form: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        headers: { ...from('198.18.4.1'), ...headers },
      });

    it('refuses a form posted from another site, setting no cookie', async () => {
      const foreign: Record<string, string>[] = [
        { origin: 'https://evil.example.net' },
        { origin: 'null' },
        { referer: 'https://evil.example.net/login' },
        {},
        { origin: 'http://keepwarm.example.test:9090' },
      ];
      for (const headers of foreign) {
        const res = await signInForm(headers);
        expectProblem(res, 403);
        expect(res.headers.getSetCookie()).toEqual([]);
        expect(res.body.accessToken).toBeUndefined();
      }
    });

    it("accepts a form from PUBLIC_URL's origin (Origin or Referer), as the web app's sign-in page sends it", async () => {
      const ours: Record<string, string>[] = [{ origin: PUBLIC_URL }, { referer: `${PUBLIC_URL}/login?next=%2F` }];
      for (const headers of ours) {
        const res = await signInForm(headers);
        expect(res.status).toBe(200);
        expect(res.headers.getSetCookie().some((c) => c.startsWith('keepwarm_session='))).toBe(true);
      }
    });

    it('accepts JSON from API clients, which send no Origin', async () => {
      expect((await api.login(ADMIN_EMAIL, ADMIN_PASSWORD, from('198.18.4.2'))).status).toBe(200);
    });
  });

  describe('response headers', () => {
    it('marks every /api answer no-store: the sign-in (which carries the token), reads, problems and the docs', async () => {
      const login = await api.login(ADMIN_EMAIL, ADMIN_PASSWORD, from('198.18.5.1'));
      expect(login.status).toBe(200);
      const answers = [
        login,
        await api.login(ADMIN_EMAIL, 'a-wrong-password', from('198.18.5.1')),
        await me({ token: login.body.accessToken }),
        await me({}),
        await api.call('GET', '/api/v1/no-such-route'),
        await api.call('GET', '/api/docs-json'),
      ];
      for (const res of answers) expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('sends no HSTS header when PUBLIC_URL is http', async () => {
      expect((await me({})).headers.get('strict-transport-security')).toBeNull();
      expect((await api.call('GET', '/health/live')).headers.get('strict-transport-security')).toBeNull();
    });
  });

  describe("password rules when changing one's password", () => {
    let user: { id: string; email: string };
    let session: Session;

    beforeAll(async () => {
      user = await seedUser(app, centreId, 'coordinator', {
        name: 'Leopoldine Marsh',
        email: 'leopoldine@example.org',
      });
      session = await api.session(user.email, TEST_PASSWORD, from('198.18.6.1'));
    });

    it('refuses the current password, or one containing the email or the name (in any case), naming newPassword', async () => {
      for (const newPassword of [TEST_PASSWORD, 'my-Leopoldine@Example.org-pw', 'LEOPOLDINE MARSH forever']) {
        api.secret(newPassword);
        const res = await api.call('POST', '/api/v1/me/password', {
          token: session.token,
          body: { currentPassword: TEST_PASSWORD, newPassword },
        });
        expectProblem(res, 400);
        expect(fieldsOf(res)).toEqual(['newPassword']);
      }
      expect((await api.login(user.email, TEST_PASSWORD, from('198.18.6.2'))).status).toBe(200);
    });
  });

  describe('after all of the above', () => {
    it('no log line holds a password, access token or CSRF token, and no response a password hash', async () => {
      expect(api.secrets.size).toBeGreaterThan(20);
      expect(api.leaksIn(app.logs)).toEqual([]);
      const responses = JSON.stringify(api.bodies);
      expect(responses).not.toMatch(/passwordHash|password_hash|\$argon2/);
      for (const password of [ADMIN_PASSWORD, TEST_PASSWORD, 'a-brand-new-password'])
        expect(responses).not.toContain(password);
    });
  });
});
