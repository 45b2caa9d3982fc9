import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { ConfigError, parseConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { generateMigration } from './database/migration-generator.js';
import { revertLastMigration } from './database/migrate.js';
import { prepareRuntime } from './keepwarm.js';
import { createRootLogger, PinoNestLogger } from './logging/logger.js';
import { MailService } from './mail/mail.service.js';

const USAGE = `Usage: keepwarm <command>

Commands:
  migrate                      apply pending migrations (Keepwarm also does this at start)
  migration:generate <Name>    write src/database/migrations/<time>-<name>.ts from the entities' changes
  migration:revert             undo the newest migration
  mail:test <address>          queue a test email through the outbox (a worker sends it)
`;

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const logger = createRootLogger(config.log);
  // Migrations are applied here for every command, so `migrate` has nothing left to do but report.
  const { config: resolved, embedded } = await prepareRuntime(config, logger);
  try {
    switch (command) {
      case 'migrate':
        process.stdout.write('Database schema is up to date\n');
        return 0;
      case 'migration:generate': {
        const name = args[0];
        if (!name) throw new Error('migration:generate needs a PascalCase name');
        const dataSource = await new DataSource(dataSourceOptions(resolved.database.url, 2)).initialize();
        try {
          const file = await generateMigration(dataSource, name, resolve('src/database/migrations'));
          process.stdout.write(file ? `Wrote ${file}; add it to src/database/migrations/index.ts\n` : 'No changes: entities and schema agree\n');
        } finally {
          await dataSource.destroy();
        }
        return 0;
      }
      case 'migration:revert':
        await revertLastMigration(resolved.database.url);
        process.stdout.write('Reverted the newest migration\n');
        return 0;
      case 'mail:test': {
        const to = args[0];
        if (!to || !/^[^@\s]+@[^@\s]+$/.test(to)) throw new Error('mail:test needs an email address');
        const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...resolved, role: 'api' }), {
          logger: new PinoNestLogger(logger),
        });
        try {
          const id = await app.get(MailService).send({
            to,
            subject: 'Keepwarm test email',
            text: `This is a test email from Keepwarm (${resolved.http.publicUrl}). If you can read it, reminders can reach you.`,
          });
          process.stdout.write(`Queued test email ${id} to ${to}\n`);
        } finally {
          await app.close();
        }
        return 0;
      }
      default:
        process.stderr.write(`Unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await embedded?.stop();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) for (const line of error.lines()) process.stderr.write(`${line}\n`);
    else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
