import { describe, expect, it } from '@jest/globals';
import { loggedPath } from './http-pipeline.js';

describe('loggedPath', () => {
  it.each([
    ['/api/v1/partners?search=ana%40example.org', '/api/v1/partners'],
    ['/reset-password?token=abc', '/reset-password'],
    [
      '/r/fdc57198-ff42-411c-95c0-3f90d670d619.done.065bfcbf-5301-4af2-80ec-c02f11a370b4.478b99a5-542a-4bbf-9e1c-5ee116451a79.1802421006.VmJXMFrkhYgkqBmFIdG80l8xr4ou8pcJzct_X-Xj3xY',
      '/r/[token]',
    ],
    [
      '/email-preferences/b689b6ce-9df5-43af-9965-6f9f11ec9900.c1ef3a31-31d9-4b80-9b79-e59d31f6e7e5.S-yLcKwQTunAlwloUS_2ri4fBjd1Z2aSTtf_x-s-urg',
      '/email-preferences/[token]',
    ],
    [
      '/api/v1/partners/6c1c2f0e-9b7e-4a51-9f2e-2f1f0a4f6d11/timeline',
      '/api/v1/partners/6c1c2f0e-9b7e-4a51-9f2e-2f1f0a4f6d11/timeline',
    ],
    ['/static/htmx.min.js', '/static/htmx.min.js'],
  ])('logs %s as %s', (url, logged) => {
    expect(loggedPath(url)).toBe(logged);
  });
});
