import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, QuietWorkerHost, repeatEvery } from '@app/core';
import { CaseStore } from '../case.store';

export const SWEEP_SCHEDULE_ID = 'sweep-stale-assignment-reservations';
const SWEEP_EVERY_MS = 60 * 1000;
/** An intake writes its case milliseconds after reserving; a reservation this old belongs to no live intake. */
export const RESERVATION_STALE_AFTER_MS = 5 * 60 * 1000;

/** Takes back stale assignee reservations; safe to run any number of times, from any number of workers. */
@Processor(QueueName.ReservationSweep)
export class ReservationSweepProcessor extends QuietWorkerHost {
  protected readonly logger = new Logger(ReservationSweepProcessor.name);

  constructor(private readonly store: CaseStore) {
    super();
  }

  async process(_job: Job): Promise<{ swept: number }> {
    const swept = await this.store.sweepStaleReservations(new Date(Date.now() - RESERVATION_STALE_AFTER_MS));
    if (swept) this.logger.warn(`Took back ${swept} assignee reservations whose cases were never written`);
    return { swept };
  }
}

/** Registers the job every minute. */
export const ReservationSweepSchedule = repeatEvery(QueueName.ReservationSweep, SWEEP_SCHEDULE_ID, SWEEP_EVERY_MS);
