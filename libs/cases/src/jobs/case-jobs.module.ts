import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@app/core';
import { IdempotencyKeys } from '../intake/idempotency';
import { IdempotencyPurgeProcessor, IdempotencyPurgeSchedule } from './idempotency-purge.processor';

/** The case store's background work; imported by the worker only. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.IdempotencyPurge })],
  providers: [IdempotencyKeys, IdempotencyPurgeProcessor, IdempotencyPurgeSchedule],
})
export class CaseJobsModule {}
