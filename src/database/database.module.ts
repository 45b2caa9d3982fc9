import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { dataSourceOptions, type EntityClass } from './data-source-options.js';

/** TypeORM on the one PostgreSQL database (embedded or DATABASE_URL), with the app's entities. The schema was migrated before boot. */
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityClass[]): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: ResolvedConfig) => ({
            ...dataSourceOptions(config.database.url, config.database.poolSize, entities, config.database),
            migrationsRun: false,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
    };
  }
}
