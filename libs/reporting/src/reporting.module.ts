import { Module } from '@nestjs/common';
import { ReportingController } from './reporting.controller';
import { ReportingService } from './reporting.service';
import { ReportingStore } from './reporting.store';

/** The reports (api). The rollups they read are folded by {@link RollupJobsModule} in the worker. */
@Module({
  controllers: [ReportingController],
  providers: [ReportingService, ReportingStore],
  exports: [ReportingStore],
})
export class ReportingModule {}
