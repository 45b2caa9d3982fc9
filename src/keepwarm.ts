import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { assertEveryRouteHasPolicy } from './access/route-table.js';
import type { Clock } from './common/clock.js';
import type { AppConfig } from './config/app-config.js';
import { resolveAppSecret } from './config/app-secret.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import { EmbeddedDatabase } from './database/embedded-database.js';
import { migrateDatabase } from './database/migrate.js';
import { ShutdownState } from './health/shutdown-state.js';
import { configureHttp } from './http/http-pipeline.js';
import { PinoNestLogger } from './logging/logger.js';

export interface RunningKeepwarm {
  app: INestApplication;
  config: ResolvedConfig;
  /** Where the HTTP server listens (the actual port when PORT=0). */
  url: string;
  /**
   * Stops taking requests, lets jobs in flight finish, closes connections and the embedded database.
   * Resolves `true` when everything finished within `timeoutMs`; `false` when it gave up waiting
   * (unfinished jobs stay in the queue and are retried as stalled by the next worker).
   */
  stop(timeoutMs?: number): Promise<boolean>;
}

/** Starts the database (embedded unless DATABASE_URL), migrates it, and returns the resolved settings. */
export async function prepareRuntime(
  config: AppConfig,
  logger: Logger,
): Promise<{ config: ResolvedConfig; embedded?: EmbeddedDatabase }> {
  const appSecret = await resolveAppSecret(config.appSecret, config.dataDir);
  let embedded: EmbeddedDatabase | undefined;
  let url = config.database.url;
  if (!url) {
    const dbLog = logger.child({ context: 'EmbeddedPostgres' });
    embedded = new EmbeddedDatabase({
      dataDir: config.dataDir,
      port: config.database.embeddedPort,
      log: (level, message) => (message ? dbLog[level](message) : undefined),
    });
    url = await embedded.start();
  }
  try {
    const { applied } = await migrateDatabase(url);
    if (applied.length > 0) logger.info({ context: 'Database', applied }, `Applied ${applied.length} migration(s)`);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    config: { ...config, appSecret, database: { ...config.database, url, embedded: Boolean(embedded) } },
    embedded,
  };
}

/** One Keepwarm process: HTTP for every role (a worker answers only health and metrics), workers unless ROLE=api. */
export interface StartOptions {
  /** Tests move time forward (token expiry, throttling windows); everyone else gets the system clock. */
  clock?: Clock;
}

export async function startKeepwarm(
  config: AppConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningKeepwarm> {
  const { config: resolved, embedded } = await prepareRuntime(config, logger);
  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(AppModule.forRoot(resolved, options.clock), {
      logger: new PinoNestLogger(logger),
      forceCloseConnections: true,
      abortOnError: false,
    });
    assertEveryRouteHasPolicy(app);
    configureHttp(app, resolved, logger);
    await app.listen(resolved.http.port, resolved.http.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  const started = app;
  const address = (started.getHttpServer() as Server).address();
  const port = typeof address === 'object' && address ? address.port : resolved.http.port;
  const host = resolved.http.host === '0.0.0.0' || resolved.http.host === '::' ? 'localhost' : resolved.http.host;

  let stopping: Promise<boolean> | undefined;
  const stop = (timeoutMs = resolved.shutdownTimeoutMs) =>
    (stopping ??= (async () => {
      started.get(ShutdownState).begin();
      const server = started.getHttpServer() as Server;
      server.close(); // no new connections; in-flight requests finish
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<false>((resolveTimeout) => {
        timer = setTimeout(() => resolveTimeout(false), timeoutMs);
      });
      try {
        // Workers finish their jobs, then queues and the database pool close.
        return await Promise.race([started.close().then(() => true as const), gaveUp]);
      } finally {
        clearTimeout(timer);
        await embedded?.stop(); // a fast shutdown: whatever is still connected is rolled back, data is safe
      }
    })());

  return { app: started, config: resolved, url: `http://${host}:${port}`, stop };
}
