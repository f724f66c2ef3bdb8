import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QueueName, QuietWorkerHost, scheduleEvery } from '@app/core';
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

/** Registers the purge every 15 minutes. */
@Injectable()
export class IdempotencyPurgeSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.IdempotencyPurge) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await scheduleEvery(this.queue, PURGE_SCHEDULE_ID, PURGE_EVERY_MS);
  }
}
