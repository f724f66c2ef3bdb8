import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig, QueueName, QueueWorker } from '@app/core';
import { SLA_TIMER_NAMES, SlaTimerName } from '../domain/sla-timers';
import { SlaTimersUseCase, TimerOutcome } from '../use-cases/sla-timers.use-case';

/**
 * Runs SLA warnings and breaches. The job carries the case's id only; the use case re-reads the case, so a timer that
 * runs twice, or for a deadline since moved, changes nothing. One that runs early (clocks differ a little, or the
 * timer was queued before its instant was known) is put back until its instant.
 */
@Injectable()
export class SlaTimerProcessor extends QueueWorker {
  protected readonly queueName = QueueName.SlaTimers;
  protected readonly logger = new Logger(SlaTimerProcessor.name);

  constructor(
    private readonly timers: SlaTimersUseCase,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  async process(job: Job<{ caseId: string }>, token?: string): Promise<TimerOutcome> {
    if (!SLA_TIMER_NAMES.includes(job.name as SlaTimerName)) throw new Error(`Unknown SLA timer ${job.name}`);
    return this.unlessEarly(job, token, await this.timers.fire(job.name as SlaTimerName, job.data.caseId));
  }
}
