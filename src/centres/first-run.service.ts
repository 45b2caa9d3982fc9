import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { AuditEvent } from '../database/audit-event.entity.js';
import { auditSnapshot } from '../database/audit-snapshot.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { User } from '../auth/user.entity.js';
import { Centre } from '../database/centre.entity.js';
import { CentreEvents } from './centre-events.js';

const FIRST_RUN_LOCK_KEY = 7_115_604_212;

/**
 * On an empty database, creates the first centre (CENTRE_NAME / CENTRE_COUNTRY / CENTRE_TIMEZONE) and
 * its admin (ADMIN_EMAIL / ADMIN_PASSWORD, or a random password logged once), who is also a network admin.
 */
@Injectable()
export class FirstRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstRunService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly events: CentreEvents,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.createFirstCentreAndAdmin();
    // The new centre's reminder schedulers, whichever process made it (a starting worker would also reconcile them).
    if (created) await this.events.centreSaved(created);
  }

  /** Returns the centre if this call created it. */
  private createFirstCentreAndAdmin(): Promise<Centre | null> {
    return this.dataSource.transaction(async (manager) => {
      // api and worker may start together: one of them creates, the other sees it.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_RUN_LOCK_KEY]);
      let centre = await manager.findOne(Centre, { where: {}, order: { createdAt: 'ASC' } });
      let created: Centre | null = null;
      if (!centre) {
        const { name, country, timezone } = this.config.firstCentre;
        centre = await manager.save(
          manager.create(Centre, { name, country, timezone, locale: 'en', createdAt: this.clock.now() }),
        );
        await recordCreation(manager, centre.id, 'centre', centre);
        this.logger.log({ centreId: centre.id }, `First run: created centre "${name}"`);
        created = centre;
      }
      if ((await manager.count(User)) > 0) return created;
      const email = (this.config.admin.email ?? 'admin@localhost').toLowerCase();
      const password = this.config.admin.password ?? generatePassword();
      const admin = await manager.save(
        manager.create(User, {
          centreId: centre.id,
          email,
          name: 'Administrator',
          role: 'admin',
          networkAdmin: true,
          passwordHash: await hashPassword(password),
        }),
      );
      await recordCreation(manager, centre.id, 'user', admin);
      if (this.config.admin.password) {
        this.logger.log(
          { userId: admin.id },
          `First run: created admin ${email} with the password from ADMIN_PASSWORD`,
        );
      } else {
        // The only time this password exists in clear: the operator reads it here once and changes it.
        this.logger.warn(
          { userId: admin.id },
          `First run: created admin ${email} with password ${password} (shown once; change it after signing in)`,
        );
      }
      return created;
    });
  }
}

/** First-run records are audited like any other creation, with no actor (the system made them). */
async function recordCreation(
  manager: EntityManager,
  centreId: string,
  entityType: string,
  record: { id: string },
): Promise<void> {
  const event = {
    centreId,
    actorId: null,
    action: 'create',
    entityType,
    entityId: record.id,
    before: null,
    after: auditSnapshot(record),
    requestId: null,
  };
  await manager.insert(AuditEvent, event as never);
}
