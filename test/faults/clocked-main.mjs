// A Keepwarm process whose business clock the drill moves: the built app (dist/main.js's start-up, shortened)
// with a Clock reading its offset from KW_CLOCK_FILE (milliseconds to add to the real time), which the test
// rewrites to advance every process's day at once. Only for test/faults/three-processes.test.ts.
import { readFileSync } from 'node:fs';
import { Clock } from '../../dist/common/clock.js';
import { parseConfig } from '../../dist/config/app-config.js';
import { startKeepwarm } from '../../dist/keepwarm.js';
import { createRootLogger } from '../../dist/logging/logger.js';

class FileClock extends Clock {
  now() {
    return new Date(Date.now() + Number(readFileSync(process.env.KW_CLOCK_FILE, 'utf8')));
  }
}

const config = parseConfig(process.env);
const logger = createRootLogger(config.log);
const running = await startKeepwarm(config, logger, { clock: new FileClock() }).catch((error) => {
  logger.fatal({ err: error }, `Keepwarm could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
logger.info({ role: running.config.role, url: running.url }, `Keepwarm ready at ${running.url}`);
process.once('SIGTERM', () => running.stop().then(() => process.exit(0)));
