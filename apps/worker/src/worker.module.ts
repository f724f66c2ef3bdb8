import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CaseJobsModule } from '@app/cases';
import { APP_CONFIG, AppConfigModule, DatabaseModule, queueConnection, RedisModule } from '@app/core';
import { FollowUpJobsModule } from '@app/follow-ups';
import { OutboxRelayModule } from '@app/outbox';
import { RollupJobsModule } from '@app/reporting';
import { VisitJobsModule } from '@app/visits';

/** The background process: the outbox relay, every queue's processors and the fold of the report rollups. */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule.forRoot(),
    RedisModule,
    BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: queueConnection }),
    OutboxRelayModule,
    CaseJobsModule,
    FollowUpJobsModule,
    RollupJobsModule,
    VisitJobsModule,
  ],
})
export class WorkerModule {}
