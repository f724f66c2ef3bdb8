import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { atMostEvery } from '../logging/logger';

/**
 * A processor that stays quiet while Redis is away: BullMQ reports every failed reconnect and recovers by itself, so
 * a line a minute will do.
 */
export abstract class QuietWorkerHost extends WorkerHost {
  protected abstract readonly logger: Logger;
  private readonly connectionErrorLogDue = atMostEvery(60_000);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    if (this.connectionErrorLogDue()) this.logger.warn(`Queue connection failing, retrying: ${error.message}`);
  }
}

/** Registers a repeating job; the scheduler id makes this idempotent across worker processes. */
export function scheduleEvery(queue: Queue, schedulerId: string, everyMs: number): Promise<unknown> {
  return queue.upsertJobScheduler(schedulerId, { every: everyMs }, { name: schedulerId });
}
