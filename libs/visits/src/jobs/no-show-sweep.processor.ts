import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, QuietWorkerHost, repeatEvery } from '@app/core';
import { VisitsService } from '../visits.service';

export const NO_SHOW_SCHEDULE_ID = 'mark-visits-missed';
const SWEEP_EVERY_MS = 60 * 1000;
const SWEEP_BATCH = 5000;

/**
 * Every minute, marks `no_show` the booked visits whose end has passed without a check-in (reads already show them
 * so from their end). One set-based statement, idempotent: run twice, or by two workers, it marks each visit once.
 */
@Processor(QueueName.VisitNoShows)
export class NoShowSweepProcessor extends QuietWorkerHost {
  protected readonly logger = new Logger(NoShowSweepProcessor.name);

  constructor(private readonly visits: VisitsService) {
    super();
  }

  async process(_job: Job): Promise<{ marked: number }> {
    let marked = 0;
    for (let batch = SWEEP_BATCH; batch === SWEEP_BATCH; marked += batch) {
      batch = await this.visits.markNoShows(SWEEP_BATCH);
    }
    return { marked };
  }
}

/** Registers the sweep every minute. */
export const NoShowSweepSchedule = repeatEvery(QueueName.VisitNoShows, NO_SHOW_SCHEDULE_ID, SWEEP_EVERY_MS);
