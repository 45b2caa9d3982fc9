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

  it("applies the centre's contact retention rule before the scan, except on a dry run", async () => {
    const [centre] = await query<{ id: string }>(databaseUrl, 'SELECT id FROM centre');
    await query(databaseUrl, 'UPDATE centre SET contact_retention_months = 6 WHERE id = $1', [centre!.id]);
    const [archived] = await query<{ id: string }>(
      databaseUrl,
      `INSERT INTO partner (centre_id, name, sector, archived_at) VALUES ($1, 'Closed Club', 'youth', '2025-08-20T10:00:00Z') RETURNING id`,
      [centre!.id],
    );
    await query(
      databaseUrl,
      `INSERT INTO contact (centre_id, partner_id, name, email) VALUES ($1, $2, 'Ines Morava', 'ines.morava@example.org')`,
      [centre!.id, archived!.id],
    );
    const contact = () =>
      query<{ name: string; erased: boolean }>(
        databaseUrl,
        'SELECT name, erased_at IS NOT NULL AS erased FROM contact WHERE partner_id = $1',
        [archived!.id],
      );

    // 2026-02-19 is not yet six months after 20 August: nothing to erase.
    const early = await runCli(env, ['reminders', 'run', '--as-of', '2026-02-19']);
    expect(early.stdout).toMatch(/as of 2026-02-19: 0 contact\(s\) erased \(retention 6 months\)/);
    const preview = await runCli(env, ['reminders', 'run', '--as-of', '2026-03-02', '--dry-run']);
    expect(preview.stdout).not.toContain('erased');
    expect(await contact()).toEqual([{ name: 'Ines Morava', erased: false }]);

    const run = await runCli(env, ['reminders', 'run', '--as-of', '2026-03-02']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/as of 2026-03-02: 1 contact\(s\) erased \(retention 6 months\)/);
    expect(await contact()).toEqual([{ name: 'Erased contact', erased: true }]);
    const again = await runCli(env, ['reminders', 'run', '--as-of', '2026-03-02']);
    expect(again.stdout).toMatch(/0 contact\(s\) erased/);
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
