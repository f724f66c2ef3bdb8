import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, QuietWorkerHost, repeatEvery } from '@app/core';
import { FollowUpsService } from '../follow-ups.service';

export const FOLLOW_UP_SWEEP_SCHEDULE_ID = 'sweep-follow-ups-left-behind';
const SWEEP_EVERY_MS = 60 * 1000;
/** A follow-up becomes due within seconds of its instant; one still scheduled this long after has lost its job. */
export const FOLLOW_UP_LOST_AFTER_MS = 2 * 60 * 1000;
const SWEEP_BATCH = 1000;

/**
 * The safety net under the follow-ups' delayed jobs, which live in Redis: every minute it makes due, through the same
 * service, those whose instant passed minutes ago while they stayed `scheduled` (not `failed`: those wait for a
 * person to re-drive them from the board). Idempotent like the jobs themselves.
 */
@Processor(QueueName.FollowUpSweep)
export class FollowUpSweepProcessor extends QuietWorkerHost {
  protected readonly logger = new Logger(FollowUpSweepProcessor.name);

  constructor(private readonly followUps: FollowUpsService) {
    super();
  }

  async process(_job: Job): Promise<{ madeDue: number }> {
    const madeDue = await this.followUps.sweepLost(new Date(Date.now() - FOLLOW_UP_LOST_AFTER_MS), SWEEP_BATCH);
    if (madeDue) this.logger.warn(`Made due ${madeDue} follow-ups whose jobs were lost`);
    return { madeDue };
  }
}

/** Registers the job every minute. */
export const FollowUpSweepSchedule = repeatEvery(QueueName.FollowUpSweep, FOLLOW_UP_SWEEP_SCHEDULE_ID, SWEEP_EVERY_MS);
