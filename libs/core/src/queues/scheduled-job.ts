import { InjectQueue, OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Type } from '@nestjs/common';
import { Queue } from 'bullmq';
import { quietConnectionErrors } from './queue-connections';
import { QueueName } from './queue-name';

/**
 * A processor that stays quiet while Redis is away: BullMQ reports every failed reconnect and recovers by itself, so
 * a line a minute will do.
 */
export abstract class QuietWorkerHost extends WorkerHost {
  protected abstract readonly logger: Logger;
  private reportConnectionError?: (error: Error) => void;

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.reportConnectionError ??= quietConnectionErrors(this.logger);
    this.reportConnectionError(error);
  }
}

/**
 * Registers a repeating job; the scheduler id makes this idempotent across worker processes. The queue's connection
 * errors while Redis is away are left to its processor's report (without a listener BullMQ prints each one).
 */
function scheduleEvery(queue: Queue, schedulerId: string, everyMs: number): Promise<unknown> {
  if (queue.listenerCount('error') === 0) queue.on('error', () => undefined);
  return queue.upsertJobScheduler(schedulerId, { every: everyMs }, { name: schedulerId });
}

/** How often each worker registers its repeating jobs again: a Redis that restarted empty has forgotten them. */
export const REREGISTER_EVERY_MS = 60 * 1000;

/**
 * A provider that registers the repeating job `schedulerId` on `queue` every `everyMs` when the worker starts (each
 * scheduled job's module lists it beside its processor), and again every minute while it runs: the sweeps are the
 * safety net for a Redis that lost its data, and they live in that Redis too. Registering is idempotent.
 */
export function repeatEvery(queue: QueueName, schedulerId: string, everyMs: number): Type<OnApplicationBootstrap> {
  @Injectable()
  class RepeatingJobSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
    private timer?: NodeJS.Timeout;

    constructor(@InjectQueue(queue) private readonly jobs: Queue) {}

    async onApplicationBootstrap(): Promise<void> {
      await scheduleEvery(this.jobs, schedulerId, everyMs);
      // While Redis is away this fails (quietly: the queue workers report the outage) and succeeds once it is back.
      this.timer = setInterval(
        () => void scheduleEvery(this.jobs, schedulerId, everyMs).catch(() => undefined),
        REREGISTER_EVERY_MS,
      );
      this.timer.unref();
    }

    onApplicationShutdown(): void {
      clearInterval(this.timer);
    }
  }
  return RepeatingJobSchedule;
}
