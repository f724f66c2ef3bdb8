import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { atMostEvery, QueueName } from '@app/core';
import { CaseStore } from '../case.store';

export const SWEEP_SCHEDULE_ID = 'sweep-stale-assignment-reservations';
const SWEEP_EVERY_MS = 60 * 1000;
/** An intake writes its case milliseconds after reserving; a reservation this old belongs to no live intake. */
export const RESERVATION_STALE_AFTER_MS = 5 * 60 * 1000;

/** Takes back stale assignee reservations; safe to run any number of times, from any number of workers. */
@Processor(QueueName.ReservationSweep)
export class ReservationSweepProcessor extends WorkerHost {
  private readonly logger = new Logger(ReservationSweepProcessor.name);
  private readonly connectionErrorLogDue = atMostEvery(60_000);

  constructor(private readonly store: CaseStore) {
    super();
  }

  async process(_job: Job): Promise<{ swept: number }> {
    const swept = await this.store.sweepStaleReservations(new Date(Date.now() - RESERVATION_STALE_AFTER_MS));
    if (swept) this.logger.warn(`Took back ${swept} assignee reservations whose cases were never written`);
    return { swept };
  }

  /** Quiet while Redis is away (BullMQ reconnects by itself), as the other processors are. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    if (this.connectionErrorLogDue()) this.logger.warn(`Queue connection failing, retrying: ${error.message}`);
  }
}

/** Registers the sweep every minute; the scheduler id makes this idempotent across worker processes. */
@Injectable()
export class ReservationSweepSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.ReservationSweep) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(SWEEP_SCHEDULE_ID, { every: SWEEP_EVERY_MS }, { name: SWEEP_SCHEDULE_ID });
  }
}
