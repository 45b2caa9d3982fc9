import { Module, type DynamicModule } from '@nestjs/common';
import { CentresModule } from './centres/centres.module.js';
import { ConfigModule } from './config/config.module.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { MailWorkerModule } from './mail/mail-worker.module.js';
import { MailModule } from './mail/mail.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { QueueModule } from './queue/queue.module.js';

/** Queue consumers and schedulers: the only modules that depend on the process role. */
function workerModules(config: ResolvedConfig) {
  return config.role === 'api' ? [] : [MailWorkerModule];
}

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule,
        MetricsModule,
        HealthModule,
        CentresModule,
        MailModule,
        ...workerModules(config),
      ],
    };
  }
}
