import { Module } from '@nestjs/common';
import { ReportingStore } from '../reporting.store';
import { CaseCountFolder } from './case-count-folder';

/** The fold of new case counts into the report rollups; imported by the worker only. */
@Module({
  providers: [ReportingStore, CaseCountFolder],
})
export class RollupJobsModule {}
