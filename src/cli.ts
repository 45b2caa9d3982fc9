import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { ConfigError, parseConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { ENTITIES } from './entities.js';
import { generateMigration } from './database/migration-generator.js';
import { revertLastMigration } from './database/migrate.js';
import { prepareRuntime } from './keepwarm.js';
import { createRootLogger, PinoNestLogger } from './logging/logger.js';
import { MailService } from './mail/mail.service.js';
import { ACCEPTED_DATES, isAcceptedDate } from './common/dates.js';
import { RequestContext } from './common/request-context.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import { ReminderScan } from './reminder-scan/reminder-scan.service.js';
import { ContactRetention } from './contacts/contact-retention.service.js';
import type { Logger } from 'pino';
import { DEMO_CENTRE_NAME, seedDemo } from './demo/demo.js';

const USAGE = `Usage: keepwarm <command>

Commands:
  migrate                      apply pending migrations (Keepwarm also does this at start)
  migration:generate <Name>    write src/database/migrations/<time>-<name>.ts from the entities' changes
  migration:revert             undo the newest migration
  mail:test <address>          queue a test email through the outbox (a worker sends it)
  reminders run [--as-of YYYY-MM-DD] [--dry-run] [--centre <id>]
                               scan every centre (or one) for due reminders as of a day (default: each
                               centre's today), after erasing the contacts its retention rule says to;
                               --dry-run lists what is due and writes nothing
  demo                         create or reset the demo centre, Valdoria, and print its sign-in details
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
        const dataSource = await new DataSource(dataSourceOptions(resolved.database.url, 2, ENTITIES)).initialize();
        try {
          const file = await generateMigration(dataSource, name, resolve('src/database/migrations'));
          process.stdout.write(
            file
              ? `Wrote ${file}; add it to src/database/migrations/index.ts\n`
              : 'No changes: entities and schema agree\n',
          );
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
          const id = await app.get(MailService).sendFromInstallation({
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
      case 'reminders':
      case 'reminders:run': {
        const options = command === 'reminders' ? (args[0] === 'run' ? args.slice(1) : undefined) : args;
        if (!options) throw new Error('Usage: reminders run [--as-of YYYY-MM-DD] [--dry-run] [--centre <id>]');
        return await runReminderScan(resolved, logger, options);
      }
      case 'demo':
        return await runDemo(resolved, logger);
      default:
        process.stderr.write(`Unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await embedded?.stop();
  }
}

/** `reminders run`: the same scan as POST /api/v1/admin/reminders/run, for every centre or one. */
async function runReminderScan(config: ResolvedConfig, logger: Logger, args: string[]): Promise<number> {
  const asOf = optionValue(args, '--as-of');
  const centreId = optionValue(args, '--centre');
  const dryRun = args.includes('--dry-run');
  const unknown = args.filter(
    (arg, i) =>
      arg.startsWith('--') && !['--as-of', '--centre', '--dry-run'].includes(arg) && args[i - 1] !== '--as-of',
  );
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(', ')}`);
  if (asOf !== undefined && !isAcceptedDate(asOf))
    throw new Error(`--as-of needs a date written YYYY-MM-DD, ${ACCEPTED_DATES}`);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, role: 'api' }), {
    logger: new PinoNestLogger(logger),
  });
  try {
    const centres = await app
      .get(DataSource)
      .query<{ id: string; name: string }[]>(
        'SELECT id, name FROM centre WHERE ($1::uuid IS NULL OR id = $1::uuid) ORDER BY name',
        [centreId ?? null],
      );
    if (centreId && centres.length === 0) throw new Error(`No centre ${centreId}`);
    for (const centre of centres) {
      // As the daily job does: the retention rule, then the scan (a dry run does neither write).
      if (!dryRun) {
        const retention = await app.get(ContactRetention).run(centre.id, { asOf });
        if (retention.months !== null)
          process.stdout.write(
            `${centre.name} (${centre.id}) as of ${retention.asOf}: ${retention.erased} contact(s) erased (retention ${retention.months} months)\n`,
          );
      }
      const result = await app
        .get(ReminderScan)
        .run(RequestContext.system(centre.id), { asOf, dryRun, trigger: 'cli', weeklySummary: 'mondays' });
      const summary = dryRun
        ? `${result.dueCount} due (dry run: nothing written)`
        : `${result.dueCount} due, ${result.created} new, ${result.resolved} closed, ${result.reopened} back from snooze, ${result.emails} email(s) queued`;
      process.stdout.write(`${centre.name} (${centre.id}) as of ${result.asOf}: ${summary}\n`);
      if (dryRun)
        for (const due of result.due)
          process.stdout.write(
            `  ${due.dueDate} ${due.kind} ${due.partnerName ?? due.boardName} → ${due.recipientId}\n`,
          );
    }
  } finally {
    await app.close();
  }
  return 0;
}

/** `demo`: the first-run setup (on an empty database) as the app does at start, then Valdoria, drawn again. */
async function runDemo(config: ResolvedConfig, logger: Logger): Promise<number> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, role: 'api' }), {
    logger: new PinoNestLogger(logger),
  });
  try {
    const result = await seedDemo(app);
    const counts = Object.entries(result.counts)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ');
    process.stdout.write(
      `${result.reset ? 'Reset' : 'Created'} ${DEMO_CENTRE_NAME} (${result.centreId}): ${counts}, ${result.reminders} open reminders\n` +
        `Sign in at ${config.http.publicUrl} as:\n` +
        result.accounts.map((a) => `  ${a.role.padEnd(12)} ${a.email.padEnd(34)} password ${a.password}\n`).join(''),
    );
  } finally {
    await app.close();
  }
  return 0;
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) for (const line of error.lines()) process.stderr.write(`${line}\n`);
    else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
