import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, QuietWorkerHost, repeatEvery, Sql } from '@app/core';

export const OUTBOX_PURGE_SCHEDULE_ID = 'purge-relayed-outbox-rows';
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Relayed rows are kept a week: long enough to answer "was this ever sent, and when?". */
export const OUTBOX_KEEP_RELAYED_MS = 7 * 24 * 60 * 60 * 1000;

/** Deletes outbox rows relayed more than a week ago; safe to run any number of times, from any number of workers. */
@Processor(QueueName.OutboxPurge)
export class OutboxPurgeProcessor extends QuietWorkerHost {
  protected readonly logger = new Logger(OutboxPurgeProcessor.name);

  constructor(private readonly db: Sql) {
    super();
  }

  async process(_job: Job): Promise<{ deleted: number }> {
    const [{ deleted }] = await this.db.query<{ deleted: number }>(
      `WITH gone AS (DELETE FROM outbox WHERE relayed_at < $1 RETURNING 1) SELECT count(*)::int AS deleted FROM gone`,
      [new Date(Date.now() - OUTBOX_KEEP_RELAYED_MS)],
    );
    if (deleted) this.logger.log(`Deleted ${deleted} outbox rows relayed over a week ago`);
    return { deleted };
  }
}

/** Registers the job every hour. */
export const OutboxPurgeSchedule = repeatEvery(QueueName.OutboxPurge, OUTBOX_PURGE_SCHEDULE_ID, PURGE_EVERY_MS);
