export { ReportingModule } from './reporting.module';
export { RollupJobsModule } from './jobs/rollup-jobs.module';
export { ReportingStore } from './reporting.store';
