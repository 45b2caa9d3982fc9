import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, dropTestDatabase, query } from '../utils/database.js';
import { runCli } from '../utils/process.js';

/** `keepwarm reminders run`: the operator's way to preview or perform a scan for any day. */
describe('reminders run (CLI)', () => {
  let databaseUrl: string;
  let dataDir: string;
  let env: Record<string, string>;
  let partnerId: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'keepwarm-e2e-'));
    await chmod(dataDir, 0o755);
    env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, QUEUE_PREFIX: `kwt-cli-${Date.now()}` };
    // The first CLI run creates the first centre and its admin, like a first start.
    expect((await runCli(env, ['reminders', 'run', '--dry-run'])).code).toBe(0);
    const [centre] = await query<{ id: string }>(databaseUrl, 'SELECT id FROM centre');
    const [partner] = await query<{ id: string }>(
      databaseUrl,
      `INSERT INTO partner (centre_id, name, sector, cadence_days, created_at) VALUES ($1, 'Quiet NGO', 'ngo', 30, '2026-01-01T10:00:00Z') RETURNING id`,
      [centre!.id],
    );
    partnerId = partner!.id;
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('previews a day without writing, then writes it once however often it runs', async () => {
    const preview = await runCli(env, ['reminders', 'run', '--as-of', '2026-03-01', '--dry-run']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/as of 2026-03-01: 1 due \(dry run: nothing written\)/);
    expect(preview.stdout).toContain('2026-01-31 cadence_overdue Quiet NGO');
    expect(await query(databaseUrl, 'SELECT 1 FROM reminder')).toEqual([]);

    const first = await runCli(env, ['reminders', 'run', '--as-of', '2026-03-01']);
    expect(first.stdout).toMatch(/1 due, 1 new, 0 closed/);
    const again = await runCli(env, ['reminders', 'run', '--as-of', '2026-03-01']);
    expect(again.stdout).toMatch(/1 due, 0 new, 0 closed/);
    expect(
      await query(
        databaseUrl,
        "SELECT kind, to_char(due_date, 'YYYY-MM-DD') AS due FROM reminder WHERE partner_id = $1",
        [partnerId],
      ),
    ).toEqual([{ kind: 'cadence_overdue', due: '2026-01-31' }]);
  });

  it('says what is wrong with its options, and exits non-zero', async () => {
    for (const args of [
      ['reminders', 'run', '--as-of', 'soon'],
      ['reminders', 'run', '--centre', '00000000-0000-0000-0000-000000000001'],
      ['reminders', 'run', '--loud'],
    ]) {
      const res = await runCli(env, args);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/--as-of needs a date|No centre|Unknown option --loud/);
    }
  });
});
