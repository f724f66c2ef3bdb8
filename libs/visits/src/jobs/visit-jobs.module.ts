import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { QueueName } from '@app/core';
import { OfficesModule } from '../offices.module';
import { VisitThrottle } from '../visit-throttle';
import { VisitsService } from '../visits.service';
import { VisitsStore } from '../visits.store';
import { NoShowSweepProcessor, NoShowSweepSchedule } from './no-show-sweep.processor';
import { VisitReminderProcessor } from './visit-reminder.processor';

/** Visits' reminders and no-shows; imported by the worker only. */
@Module({
  imports: [CasesModule, OfficesModule, BullModule.registerQueue({ name: QueueName.VisitNoShows })],
  providers: [
    VisitsStore,
    VisitThrottle,
    VisitsService,
    VisitReminderProcessor,
    NoShowSweepProcessor,
    NoShowSweepSchedule,
  ],
})
export class VisitJobsModule {}
