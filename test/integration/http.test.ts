import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ShutdownState } from '../../src/health/shutdown-state.js';
import { bootApp, type TestApp } from '../utils/app.js';

describe('HTTP surface of every process', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers liveness and readiness with the database and queue checked', async () => {
    expect(await (await fetch(`${app.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      role: 'all',
      checks: { database: { status: 'up', embedded: false }, queue: { status: 'up', backend: 'postgres' } },
    });
  });

  it('exposes Prometheus metrics: process metrics and request durations by route pattern', async () => {
    await fetch(`${app.url}/health/live`);
    await fetch(`${app.url}/no/such/page`);
    const res = await fetch(`${app.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} [1-9]/,
    );
  });

  it('counts the SQL statements the app sends, so the benchmark can report statements per request', async () => {
    const statements = async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      return Number(/^keepwarm_db_statements_total (\d+)$/m.exec(text)?.[1]);
    };
    const before = await statements();
    expect(await (await fetch(`${app.url}/health/ready`)).json()).toMatchObject({ status: 'ok' });
    // Readiness checks the database with at least one statement.
    expect(await statements()).toBeGreaterThan(before);
  });

  it('answers unknown routes with problem+json carrying the request id', async () => {
    const res = await fetch(`${app.url}/api/v1/nothing-here`, { headers: { 'X-Request-Id': 'test-req-42' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-request-id')).toBe('test-req-42');
    expect(await res.json()).toMatchObject({
      status: 404,
      title: 'Not Found',
      requestId: 'test-req-42',
      instance: '/api/v1/nothing-here',
    });
  });

  it('generates a request id when none (or a malformed one) is given, and logs it on the request line', async () => {
    const res = await fetch(`${app.url}/api/docs-json`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
    // Read to the end: an unread body keeps fetch's socket open after the app has closed.
    await res.arrayBuffer();
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = app.logs.find((l) => l.reqId === id || (l.req as { id?: string } | undefined)?.id === id);
    expect(line).toBeDefined();
    expect(line).toMatchObject({
      reqId: id,
      req: { id, method: 'GET', url: '/api/docs-json' },
      res: { statusCode: 200 },
    });
    // Request lines carry no headers: they hold cookies, tokens and personal data.
    expect(JSON.stringify(app.logs)).not.toContain('bad id with spaces');
  });

  it('publishes the OpenAPI document and Swagger UI', async () => {
    const doc = (await (await fetch(`${app.url}/api/docs-json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    const ui = await fetch(`${app.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('sets security headers', async () => {
    const res = await fetch(`${app.url}/health/live`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('reports not ready once shutdown has begun, so traffic drains away', async () => {
    app.app.get(ShutdownState).begin();
    const res = await fetch(`${app.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'error',
      checks: { process: { status: 'down', reason: 'shutting down' } },
    });
  });
});
