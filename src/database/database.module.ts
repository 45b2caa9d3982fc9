import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { dataSourceOptions, type EntityClass } from './data-source-options.js';
import { StatementCounter, StatementCounterModule } from './statement-counter.js';

/** TypeORM on the one PostgreSQL database (embedded or DATABASE_URL), with the app's entities. The schema was migrated before boot. */
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityClass[]): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [StatementCounterModule],
          inject: [APP_CONFIG, StatementCounter],
          useFactory: (config: ResolvedConfig, statements: StatementCounter) => ({
            ...dataSourceOptions(config.database.url, config.database.poolSize, entities, config.database),
            migrationsRun: false,
            logger: statements,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
    };
  }
}
