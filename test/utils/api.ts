import { hashPassword } from '../../src/auth/password.js';
import type { UserRole } from '../../src/common/domain-values.js';
import type { TestApp } from './app.js';
import { query } from './database.js';
import { rememberContactEmail, rememberIssued } from './log-leaks.js';

export const TEST_PASSWORD = 'a-long-test-password';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  /** A raw Cookie header (cookie-authenticated requests, as a browser sends them). */
  cookie?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded instead of JSON. */
  form?: Record<string, string>;
}

/** One HTTP request to the app; the body is parsed as JSON when there is one. */
// Test bodies are JSON of any shape; assertions check them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<T = any>(
  app: TestApp,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | FormData | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body instanceof FormData) {
    body = options.body; // multipart: fetch writes the boundary into the content type
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  // What no log line may show afterwards (see log-leaks.ts): contacts' emails sent, tokens received.
  if (/\/contacts\b/.test(path))
    rememberContactEmail((options.body as { email?: unknown } | undefined)?.email ?? options.form?.email);
  const res = await fetch(`${app.url}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  if (parsed && typeof parsed === 'object')
    rememberIssued((parsed as { accessToken?: unknown }).accessToken, (parsed as { csrfToken?: unknown }).csrfToken);
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  /** The session cookie as a browser would send it back. */
  cookie: string;
  user: { id: string; centreId: string; role: UserRole; networkAdmin: boolean; email: string };
}

export async function signIn(
  app: TestApp,
  email: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
): Promise<SignedIn> {
  const res = await call(app, 'POST', '/api/v1/auth/login', { body: { email, password }, headers });
  if (res.status !== 200) throw new Error(`Sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('keepwarm_session='));
  if (!setCookie) throw new Error('No session cookie was set');
  return {
    token: res.body.accessToken,
    csrfToken: res.body.csrfToken,
    cookie: setCookie.split(';')[0]!,
    user: res.body.user,
  };
}

/** The centre the first run created: its creation is the first (append-only) audit row, whatever the clock said. */
export async function firstCentreId(app: TestApp): Promise<string> {
  const [row] = await query<{ id: string }>(
    app.databaseUrl,
    `SELECT centre_id AS id FROM audit_event WHERE entity_type = 'centre' AND action = 'create' ORDER BY id LIMIT 1`,
  );
  return row!.id;
}

export async function seedCentre(app: TestApp, name: string): Promise<string> {
  const [row] = await query<{ id: string }>(
    app.databaseUrl,
    `INSERT INTO centre (name, country, timezone) VALUES ($1, 'FR', 'Europe/Paris') RETURNING id`,
    [name],
  );
  return row!.id;
}

let seeded = 0;
const hashes = new Map<string, Promise<string>>();

/** A user written straight to the database (password TEST_PASSWORD unless given). */
export async function seedUser(
  app: TestApp,
  centreId: string,
  role: UserRole,
  options: { networkAdmin?: boolean; email?: string; password?: string; name?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  const password = options.password ?? TEST_PASSWORD;
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const email = options.email ?? `${role}-${++seeded}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const [row] = await query<{ id: string }>(
    app.databaseUrl,
    `INSERT INTO app_user (centre_id, email, name, role, network_admin, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      centreId,
      email,
      options.name ?? `Test ${role} ${seeded}`,
      role,
      options.networkAdmin ?? false,
      await hashes.get(password)!,
    ],
  );
  return { id: row!.id, email, password };
}
