import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@app/core';
import { CasesModule } from '../cases.module';
import { SlaTimersUseCase } from '../use-cases/sla-timers.use-case';
import { IdempotencyPurgeProcessor, IdempotencyPurgeSchedule } from './idempotency-purge.processor';
import { ReservationSweepProcessor, ReservationSweepSchedule } from './reservation-sweep.processor';
import { SlaSweepProcessor, SlaSweepSchedule } from './sla-sweep.processor';
import { SlaTimerProcessor } from './sla-timer.processor';

/** The case store's background work, SLA timers included; imported by the worker only. */
@Module({
  imports: [
    CasesModule,
    BullModule.registerQueue(
      { name: QueueName.IdempotencyPurge },
      { name: QueueName.ReservationSweep },
      { name: QueueName.SlaSweep },
    ),
  ],
  providers: [
    IdempotencyPurgeProcessor,
    IdempotencyPurgeSchedule,
    ReservationSweepProcessor,
    ReservationSweepSchedule,
    SlaTimersUseCase,
    SlaTimerProcessor,
    SlaSweepProcessor,
    SlaSweepSchedule,
  ],
})
export class CaseJobsModule {}
