import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName, QuietWorkerHost, repeatEvery } from '@app/core';
import { slaBoundaries } from '@app/routing';
import { CaseStore } from '../case.store';
import { SlaTimerName } from '../domain/sla-timers';
import { SlaTimersUseCase } from '../use-cases/sla-timers.use-case';

export const SLA_SWEEP_SCHEDULE_ID = 'sweep-sla-timers-left-behind';
const SWEEP_EVERY_MS = 60 * 1000;
/** A timer runs within seconds of its instant; one this late was lost. */
export const TIMER_LOST_AFTER_MS = 2 * 60 * 1000;
const SWEEP_BATCH = 500;

/**
 * The safety net under the SLA timers: their jobs live in Redis, and a Redis that restarts without its data loses
 * them. Every minute this runs, through the same use case, the warnings and breaches that should have happened
 * minutes ago and left no trace. Harmless when nothing was lost: it finds nothing, and a timer is idempotent.
 */
@Processor(QueueName.SlaSweep)
export class SlaSweepProcessor extends QuietWorkerHost {
  protected readonly logger = new Logger(SlaSweepProcessor.name);

  constructor(
    private readonly store: CaseStore,
    private readonly timers: SlaTimersUseCase,
  ) {
    super();
  }

  async process(_job: Job): Promise<{ breached: number; warned: number }> {
    const now = new Date();
    const lateNow = new Date(now.getTime() - TIMER_LOST_AFTER_MS);
    const left = await this.store.timersLeftBehind(
      // Due soon since before the grace: the boundary as it stood then.
      { now, lateNow, dueSoonBefore: slaBoundaries(lateNow).dueSoonBefore },
      SWEEP_BATCH,
    );
    const breached = await this.run('sla-breach', left.breach, now);
    const warned = await this.run('sla-warning', left.warning, now);
    if (breached || warned) {
      this.logger.warn(`Ran ${breached} SLA breaches and ${warned} warnings whose timers were lost`);
    }
    return { breached, warned };
  }

  /** Runs the timer for each case, one after the other (a sweep is no hurry); returns how many recorded something. */
  private async run(timer: SlaTimerName, caseIds: string[], now: Date): Promise<number> {
    let recorded = 0;
    for (const caseId of caseIds) {
      const result = await this.timers.fire(timer, caseId, now);
      if ('outcome' in result && result.outcome === 'recorded') recorded++;
    }
    return recorded;
  }
}

/** Registers the job every minute. */
export const SlaSweepSchedule = repeatEvery(QueueName.SlaSweep, SLA_SWEEP_SCHEDULE_ID, SWEEP_EVERY_MS);
