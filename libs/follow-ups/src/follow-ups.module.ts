import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { FollowUpStore } from './follow-up.store';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';

/** Call-backs and reminders on cases: the staff API. */
@Module({
  imports: [CasesModule],
  controllers: [FollowUpsController],
  providers: [FollowUpStore, FollowUpsService],
})
export class FollowUpsModule {}
