import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, QuietWorkerHost, repeatEvery } from '@app/core';
import { IdempotencyKeys } from '../intake/idempotency';

export const PURGE_SCHEDULE_ID = 'purge-expired-idempotency-keys';
const PURGE_EVERY_MS = 15 * 60 * 1000;

/** Deletes expired idempotency records; safe to run any number of times, from any number of workers. */
@Processor(QueueName.IdempotencyPurge)
export class IdempotencyPurgeProcessor extends QuietWorkerHost {
  protected readonly logger = new Logger(IdempotencyPurgeProcessor.name);

  constructor(private readonly keys: IdempotencyKeys) {
    super();
  }

  async process(_job: Job): Promise<{ deleted: number }> {
    const deleted = await this.keys.purgeExpired();
    if (deleted) this.logger.log(`Deleted ${deleted} expired idempotency records`);
    return { deleted };
  }
}

/** Registers the job every 15 minutes. */
export const IdempotencyPurgeSchedule = repeatEvery(QueueName.IdempotencyPurge, PURGE_SCHEDULE_ID, PURGE_EVERY_MS);
