import { appendFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Backend } from '../utils/app.js';
import { drillSeed, runMailDrill, type DrillResult } from './mail-drill.js';

/** Fixed seeds for CI; DRILL_SEED=<n> replays or explores another. DRILL_REPORT=<file> appends each result as a JSON line. */
const CI_SEED = 20261129;

export async function report(result: DrillResult): Promise<void> {
  const line = JSON.stringify(result);
  process.stdout.write(`DRILL ${line}\n`);
  if (process.env.DRILL_REPORT) await appendFile(process.env.DRILL_REPORT, `${line}\n`);
}

/**
 * The crash drill (test/e2e/mail-drill.ts) on one backend: every email arrives at least once, a second copy only
 * after a delivery recorded as uncertain and with the same Message-ID, nothing pending a minute after the last
 * start, and the admin API says what happened.
 */
export function describeMailDrill(backend: Backend, variants: { withDatabase: boolean }[]): void {
  describe.each(variants)(
    `300 emails, 10 random SIGKILLs (${backend} queue backend, database killed too: $withDatabase)`,
    ({ withDatabase }) => {
      it('loses nothing, duplicates only visibly, and leaves nothing pending', async () => {
        const result = await runMailDrill({ backend, withDatabase, seed: drillSeed(CI_SEED) });
        await report(result);
        expectNothingLost(result);
      }, 420_000);
    },
  );
}

/** What every crash drill promises, whatever its size and backend. */
export function expectNothingLost(result: DrillResult): void {
  expect(result.lost).toBe(0);
  expect(result.pendingAfterMinute).toBe(0);
  expect(result.duplicatedUnrecorded).toBe(0);
  expect(result.mixedMessageIds).toBe(0);
  expect(result.failed).toBe(0);
  expect(result.held).toBe(0);
  expect(result.adminStatus).toMatchObject({
    pending: 0,
    sending: 0,
    failed: 0,
    uncertain: 0,
    stalePending: 0,
    resent: result.uncertain,
  });
  expect(result.resentListed).toBe(result.uncertain);
  expect(result.resentWithoutLogEntry).toBe(0);
}
