import { call, TEST_PASSWORD, type ApiResponse, type RequestOptions } from './api.js';
import type { TestApp } from './app.js';

/** A response body: whatever JSON the route returns; tests read it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Session {
  token: string;
  csrfToken: string;
  /** The session cookie as a browser sends it back (`keepwarm_session=...`). */
  cookie: string;
  /** The whole Set-Cookie header of the login response. */
  setCookie: string;
  user: { id: string; email: string; name: string; role: string };
}

/**
 * Calls the API like `call`, and remembers every secret that crossed the wire (passwords sent, tokens
 * received) and every response body, so a test can check at the end that none of it leaked.
 */
export class AuthClient {
  readonly secrets = new Set<string>();
  readonly bodies: unknown[] = [];

  constructor(private readonly app: TestApp) {}

  /** Remembers values that must never show up in a log line. */
  secret(...values: string[]): void {
    for (const value of values) if (value) this.secrets.add(value);
  }

  async call<T = Json>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const res = await call<T>(this.app, method, path, options);
    this.bodies.push(res.body);
    return res;
  }

  /** POST /auth/login, whatever the outcome. */
  async login(email: string, password: string, headers: Record<string, string> = {}): Promise<ApiResponse<Json>> {
    this.secret(password);
    const res = await this.call('POST', '/api/v1/auth/login', { body: { email, password }, headers });
    if (res.status === 200) this.secret(res.body.accessToken, res.body.csrfToken);
    return res;
  }

  /** A new session; throws when the sign-in fails. */
  async session(email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}): Promise<Session> {
    const res = await this.login(email, password, headers);
    if (res.status !== 200) throw new Error(`Sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('keepwarm_session='));
    if (!setCookie) throw new Error('No session cookie was set');
    return {
      token: res.body.accessToken,
      csrfToken: res.body.csrfToken,
      cookie: setCookie.split(';')[0]!,
      setCookie,
      user: res.body.user,
    };
  }

  /** Log lines (as JSON) that contain one of the remembered secrets. */
  leaksIn(logs: Record<string, unknown>[]): { secret: string; line: string }[] {
    const leaks: { secret: string; line: string }[] = [];
    for (const log of logs) {
      const line = JSON.stringify(log);
      for (const secret of this.secrets) if (line.includes(secret)) leaks.push({ secret, line });
    }
    return leaks;
  }
}

/** Request headers that make the app (with TRUST_PROXY=loopback) see the request as coming from `address`. */
export function from(address: string): Record<string, string> {
  return { 'x-forwarded-for': address };
}

/** The same token with the last character of its signature changed. */
export function tamper(token: string): string {
  return token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
}
