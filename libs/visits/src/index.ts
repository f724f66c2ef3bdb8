export { VisitsModule } from './visits.module';
export { VisitJobsModule } from './jobs/visit-jobs.module';
export { OfficesService } from './offices.service';
export { VisitsService } from './visits.service';
export { NO_SHOW_SCHEDULE_ID } from './jobs/no-show-sweep.processor';
export { VisitReminderProcessor } from './jobs/visit-reminder.processor';
export { NoShowSweepProcessor } from './jobs/no-show-sweep.processor';
