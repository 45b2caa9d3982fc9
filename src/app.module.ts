import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CentresModule } from './centres/centres.module.js';
import { Clock, SystemClock } from './common/clock.js';
import { ConfigModule } from './config/config.module.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import { CentreScopeModule } from './database/centre-scope.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ENTITIES } from './entities.js';
import { HealthModule } from './health/health.module.js';
import { MailWorkerModule } from './mail/mail-worker.module.js';
import { MailAdminModule } from './mail-admin/mail-admin.module.js';
import { MailModule } from './mail/mail.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { QueueModule } from './queue/queue.module.js';
import { UsersModule } from './users/users.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { EngagementsModule } from './engagements/engagements.module.js';
import { BoardsModule } from './boards/boards.module.js';
import { SidModule } from './sid/sid.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ReminderScanWorkerModule } from './reminder-scan/reminder-scan-worker.module.js';
import { ReminderScanModule } from './reminder-scan/reminder-scan.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { DigestsModule } from './digests/digests.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { PartnerMergeModule } from './partner-merge/partner-merge.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { WebModule } from './web/web.module.js';

/** Queue consumers and schedulers: the only modules that depend on the process role. */
function workerModules(config: ResolvedConfig) {
  return config.role === 'api' ? [] : [MailWorkerModule, ReminderScanWorkerModule];
}

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        DatabaseModule.forRoot(ENTITIES),
        QueueModule,
        MetricsModule,
        HealthModule,
        MailModule,
        MailAdminModule,
        CentreScopeModule,
        AuthModule,
        CentresModule,
        UsersModule,
        AuditModule,
        PartnersModule,
        ContactsModule,
        EngagementsModule,
        BoardsModule,
        SidModule,
        TimelineModule,
        DashboardModule,
        RemindersModule,
        DigestsModule,
        ReminderScanModule,
        ExportsModule,
        PartnerMergeModule,
        ReportsModule,
        ImportsModule,
        WebModule,
        ...workerModules(config),
      ],
    };
  }
}
