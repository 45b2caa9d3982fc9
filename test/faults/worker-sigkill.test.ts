import { describe, expect, it } from '@jest/globals';
import { runMailDrill } from '../e2e/mail-drill.js';
import { expectNothingLost, report } from '../e2e/mail-drill.expect.js';
import type { Backend } from '../utils/app.js';
import { faultSeed } from './fault-seed.js';

/**
 * Drill 1: the crash drill of test/e2e/mail-drill.ts at scale, on a worker process (ROLE=worker) beside its
 * database: 1,000 due reminder emails in the outbox, the worker SIGKILLed 20 times at random moments of the drain
 * and started again each time. None is lost, none is pending a minute after the last start, and a second copy
 * exists only where the outbox recorded an uncertain delivery, with the same Message-ID (counted in the DRILL line).
 */
describe.each<Backend>(['postgres', 'redis'])(
  'worker SIGKILLed 20 times during a drain (%s queue backend)',
  (backend) => {
    it('delivers all 1,000 emails, second copies only as recorded resends, nothing left pending', async () => {
      const result = await runMailDrill({
        backend,
        withDatabase: false,
        seed: faultSeed(`worker-sigkill-${backend}`),
        emails: 1000,
        kills: 20,
        role: 'worker',
      });
      await report(result);
      process.stdout.write(`second copies (same Message-ID, recorded as resent): ${result.duplicated}\n`);

      expectNothingLost(result);
      expect(result.duplicated).toBeLessThanOrEqual(result.uncertain);
    }, 300_000);
  },
);
