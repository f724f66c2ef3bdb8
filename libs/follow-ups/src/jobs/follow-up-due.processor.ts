import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig, QueueName, QueueWorker } from '@app/core';
import { DueOutcome, FollowUpsService } from '../follow-ups.service';

/**
 * Makes follow-ups due at their instant. The job carries the follow-up's id only; the service re-reads its state, so
 * a job that runs twice, or for a follow-up cancelled meanwhile, changes nothing. One that runs early waits again.
 */
@Injectable()
export class FollowUpDueProcessor extends QueueWorker {
  protected readonly queueName = QueueName.FollowUps;
  protected readonly logger = new Logger(FollowUpDueProcessor.name);

  constructor(
    private readonly followUps: FollowUpsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  async process(job: Job<{ followUpId: string }>, token?: string): Promise<DueOutcome> {
    return this.unlessEarly(job, token, await this.followUps.fireDue(job.data.followUpId));
  }

  protected override onFinalFailure(job: Job<{ followUpId: string }>): Promise<void> {
    return this.followUps.markFailed(job.data.followUpId);
  }
}
