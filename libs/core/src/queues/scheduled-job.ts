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

/**
 * Registers a repeating job; the scheduler id makes this idempotent across worker processes. The queue's connection
 * errors while Redis is away are left to its processor's report (without a listener BullMQ prints each one).
 */
export function scheduleEvery(queue: Queue, schedulerId: string, everyMs: number): Promise<unknown> {
  if (queue.listenerCount('error') === 0) queue.on('error', () => undefined);
  return queue.upsertJobScheduler(schedulerId, { every: everyMs }, { name: schedulerId });
}
