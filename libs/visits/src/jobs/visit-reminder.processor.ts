import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig, QueueName, QueueWorker } from '@app/core';
import { VisitsService } from '../visits.service';

/**
 * Sends a visit's reminder a day before it (relayed from the outbox as a delayed job). The job carries the visit's id
 * only; the service re-reads it, so a job that runs twice, or for a visit cancelled meanwhile, sends nothing.
 */
@Injectable()
export class VisitReminderProcessor extends QueueWorker {
  protected readonly queueName = QueueName.VisitReminders;
  protected readonly logger = new Logger(VisitReminderProcessor.name);

  constructor(
    private readonly visits: VisitsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  async process(job: Job<{ visitId: string }>): Promise<{ outcome: 'sent' | 'nothing_to_do' }> {
    return { outcome: (await this.visits.remind(job.data.visitId)) ? 'sent' : 'nothing_to_do' };
  }
}
