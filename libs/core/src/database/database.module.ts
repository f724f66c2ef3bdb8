import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { Sql } from './sql';

/**
 * The one PostgreSQL connection pool of a process. The schema changes only through migrations. The api and the
 * worker connect as the application's role (`DATABASE_URL`, data rights suffice); the command line, an
 * administrator's tool that also migrates, as the owner (`DATABASE_ADMIN_URL`).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot({ asOwner = false } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(asOwner ? config.databaseAdminUrl : config.databaseUrl, config.databasePoolSize),
            autoLoadEntities: true,
            migrationsRun: false,
          }),
        }),
      ],
      providers: [Sql],
      exports: [Sql],
    };
  }
}
