import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAppSecret } from './app-secret.js';

describe('resolveAppSecret', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-secret-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('returns the operator-given APP_SECRET and writes nothing', async () => {
    const given = 'g'.repeat(40);
    await expect(resolveAppSecret(given, dataDir)).resolves.toBe(given);
    await expect(stat(join(dataDir, 'app-secret'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('generates a long secret and keeps it in DATA_DIR/app-secret, readable by the owner only', async () => {
    const secret = await resolveAppSecret(undefined, dataDir);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'app-secret');
    expect((await readFile(file, 'utf8')).trim()).toBe(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a stored secret that is too short instead of signing with it', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, 'app-secret'), '\n');
    await expect(resolveAppSecret(undefined, dataDir)).rejects.toThrow(/shorter than 32 characters/);
  });

  it('returns the same secret after a restart', async () => {
    const first = await resolveAppSecret(undefined, dataDir);
    const second = await resolveAppSecret(undefined, dataDir);
    expect(second).toBe(first);
  });

  it('generates a different secret for a different data directory', async () => {
    const other = await mkdtemp(join(tmpdir(), 'keepwarm-secret-'));
    try {
      const a = await resolveAppSecret(undefined, dataDir);
      const b = await resolveAppSecret(undefined, other);
      expect(b).not.toBe(a);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('creates a DATA_DIR that does not exist yet', async () => {
    const nested = join(dataDir, 'not', 'yet');
    const secret = await resolveAppSecret(undefined, nested);
    expect((await readFile(join(nested, 'app-secret'), 'utf8')).trim()).toBe(secret);
  });

  it('agrees on one secret when two processes start at once', async () => {
    const [a, b] = await Promise.all([resolveAppSecret(undefined, dataDir), resolveAppSecret(undefined, dataDir)]);
    expect(b).toBe(a);
    expect((await readFile(join(dataDir, 'app-secret'), 'utf8')).trim()).toBe(a);
  });
});
