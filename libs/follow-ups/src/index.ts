export { FollowUpsModule } from './follow-ups.module';
export { FollowUpJobsModule } from './jobs/follow-up-jobs.module';
export { FollowUpDueProcessor } from './jobs/follow-up-due.processor';
export { FOLLOW_UP_LOST_AFTER_MS, FollowUpSweepProcessor } from './jobs/follow-up-sweep.processor';
export { FollowUpsService } from './follow-ups.service';
export { FOLLOW_UP_DUE_JOB, FOLLOW_UP_KINDS, FOLLOW_UP_STATUSES } from './domain/follow-up';
