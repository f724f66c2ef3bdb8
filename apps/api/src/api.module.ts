import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, RedisModule } from '@app/core';
import { BulkModule } from '@app/bulk';
import { CasesModule } from '@app/cases';
import { CatalogueModule } from '@app/catalogue';
import { FollowUpsModule } from '@app/follow-ups';
import { IdentityModule } from '@app/identity';
import { ReportingModule } from '@app/reporting';
import { Open311Module } from '@app/open311';
import { RoutingModule } from '@app/routing';
import { TrackingModule } from '@app/tracking';
import { VisitsModule } from '@app/visits';
import { QueueBoardModule } from './admin/queue-board.module';
import { HealthModule } from './health/health.module';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule.forRoot(),
    RedisModule,
    IdentityModule,
    CatalogueModule,
    RoutingModule,
    CasesModule,
    FollowUpsModule,
    ReportingModule,
    BulkModule,
    TrackingModule,
    Open311Module,
    VisitsModule,
    HealthModule,
    QueueBoardModule,
  ],
})
export class ApiModule {}
