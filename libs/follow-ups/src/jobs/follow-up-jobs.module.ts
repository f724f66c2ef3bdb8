import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { FollowUpStore } from '../follow-up.store';
import { FollowUpsService } from '../follow-ups.service';
import { FollowUpDueProcessor } from './follow-up-due.processor';

/** Making follow-ups due; imported by the worker only. */
@Module({
  imports: [CasesModule],
  providers: [FollowUpStore, FollowUpsService, FollowUpDueProcessor],
})
export class FollowUpJobsModule {}
