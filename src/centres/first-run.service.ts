import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { Centre } from './centre.entity.js';

const FIRST_RUN_LOCK_KEY = 7_115_604_212;

/** On an empty database, creates the first centre from CENTRE_NAME / CENTRE_COUNTRY / CENTRE_TIMEZONE. */
@Injectable()
export class FirstRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstRunService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // api and worker may start together: one of them creates, the other sees it.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_RUN_LOCK_KEY]);
      if ((await manager.count(Centre)) > 0) return;
      const { name, country, timezone } = this.config.firstCentre;
      const centre = await manager.save(manager.create(Centre, { name, country, timezone, locale: 'en' }));
      this.logger.log({ centreId: centre.id }, `First run: created centre "${name}"`);
    });
  }
}
