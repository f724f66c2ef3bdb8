import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CaseJobsModule } from '@app/cases';
import { APP_CONFIG, AppConfig, AppConfigModule, DatabaseModule, RedisModule } from '@app/core';

/** The background process: queue processors (and, with the follow-ups issue, the outbox relay). */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule.forRoot(),
    RedisModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: `${config.redisPrefix}bull`,
      }),
    }),
    CaseJobsModule,
  ],
})
export class WorkerModule {}
