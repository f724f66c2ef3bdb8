import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, AppConfigModule, DatabaseModule, RedisModule } from '@app/core';

/** The background process: queue processors and the outbox relay live here (none yet). */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    RedisModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: `${config.redisPrefix}bull`,
      }),
    }),
  ],
})
export class WorkerModule {}
