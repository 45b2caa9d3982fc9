import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { routeTable } from '../../src/access/route-table.js';
import { bootApp, type TestApp } from '../utils/app.js';
import { call } from '../utils/api.js';

interface Operation {
  requestBody?: unknown;
  responses?: Record<string, { content?: unknown }>;
  security?: unknown[];
}

/** Writes that take no body: the action is the path. */
const BODYLESS = /\/(logout|done|retry|erase)$/;

/** The OpenAPI document describes every route the application serves under /api, from its own route table. */
describe('the OpenAPI document', () => {
  let app: TestApp;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    app = await bootApp();
    paths = (await call(app, 'GET', '/api/docs-json')).body.paths;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('documents every /api route with its success response, and its body for writes', () => {
    const problems: string[] = [];
    for (const route of routeTable(app.app).filter((r) => r.path.startsWith('/api/'))) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = paths[path]?.[route.method.toLowerCase()];
      if (!operation) {
        problems.push(`${route.method} ${route.path} is missing`);
        continue;
      }
      const success = Object.keys(operation.responses ?? {}).filter((status) => status.startsWith('2'));
      if (success.length === 0) problems.push(`${route.method} ${route.path} documents no success response`);
      if (['POST', 'PUT', 'PATCH'].includes(route.method) && !operation.requestBody && !BODYLESS.test(route.path)) {
        problems.push(`${route.method} ${route.path} documents no request body`);
      }
    }
    expect(problems).toEqual([]);
  });
});
