import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { atMostEvery, QueueName } from '@app/core';
import { IdempotencyKeys } from '../intake/idempotency';

export const PURGE_SCHEDULE_ID = 'purge-expired-idempotency-keys';
const PURGE_EVERY_MS = 15 * 60 * 1000;

/** Deletes expired idempotency records; safe to run any number of times, from any number of workers. */
@Processor(QueueName.IdempotencyPurge)
export class IdempotencyPurgeProcessor extends WorkerHost {
  private readonly logger = new Logger(IdempotencyPurgeProcessor.name);
  private readonly connectionErrorLogDue = atMostEvery(60_000);

  constructor(private readonly keys: IdempotencyKeys) {
    super();
  }

  async process(_job: Job): Promise<{ deleted: number }> {
    const deleted = await this.keys.purgeExpired();
    if (deleted) this.logger.log(`Deleted ${deleted} expired idempotency records`);
    return { deleted };
  }

  /** BullMQ reports every failed reconnect while Redis is away, and recovers by itself: a line a minute will do. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    if (this.connectionErrorLogDue()) this.logger.warn(`Queue connection failing, retrying: ${error.message}`);
  }
}

/** Registers the purge every 15 minutes; the scheduler id makes this idempotent across worker processes. */
@Injectable()
export class IdempotencyPurgeSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.IdempotencyPurge) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(PURGE_SCHEDULE_ID, { every: PURGE_EVERY_MS }, { name: PURGE_SCHEDULE_ID });
  }
}
