import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { QueueName } from '@app/core';
import { FollowUpStore } from '../follow-up.store';
import { FollowUpsService } from '../follow-ups.service';
import { FollowUpDueProcessor } from './follow-up-due.processor';
import { FollowUpSweepProcessor, FollowUpSweepSchedule } from './follow-up-sweep.processor';

/** Making follow-ups due, and the sweep for lost jobs; imported by the worker only. */
@Module({
  imports: [CasesModule, BullModule.registerQueue({ name: QueueName.FollowUpSweep })],
  providers: [FollowUpStore, FollowUpsService, FollowUpDueProcessor, FollowUpSweepProcessor, FollowUpSweepSchedule],
})
export class FollowUpJobsModule {}
