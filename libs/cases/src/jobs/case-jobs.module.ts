import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@app/core';
import { CaseStore } from '../case.store';
import { IdempotencyKeys } from '../intake/idempotency';
import { IdempotencyPurgeProcessor, IdempotencyPurgeSchedule } from './idempotency-purge.processor';
import { ReservationSweepProcessor, ReservationSweepSchedule } from './reservation-sweep.processor';

/** The case store's background work; imported by the worker only. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.IdempotencyPurge }, { name: QueueName.ReservationSweep })],
  providers: [
    IdempotencyKeys,
    IdempotencyPurgeProcessor,
    IdempotencyPurgeSchedule,
    CaseStore,
    ReservationSweepProcessor,
    ReservationSweepSchedule,
  ],
})
export class CaseJobsModule {}
