import { Injectable } from '@nestjs/common';
import { notFound } from '@app/core';
import { CaseStore } from '../case.store';
import { CaseState } from '../domain/case';
import { decideSlaBreach, decideSlaWarning, SlaTimerName } from '../domain/sla-timers';
import { CaseWriter } from './case-writer';

/** Whom the history names for what the worker does by itself (a reserved username). */
export const SYSTEM_ACTOR = 'system';

export type TimerOutcome = { outcome: 'recorded' | 'nothing_to_do' } | { notBefore: Date };

/** Runs an SLA timer against the case as it now is, through the one write path for cases. */
@Injectable()
export class SlaTimersUseCase {
  constructor(
    private readonly store: CaseStore,
    private readonly writer: CaseWriter,
  ) {}

  /** Records the warning or the breach if it is due; says when to come back if the timer ran early. */
  fire(timer: SlaTimerName, caseId: string, now: Date = new Date()): Promise<TimerOutcome> {
    return timer === 'sla-warning' ? this.warn(caseId, now) : this.breach(caseId, now);
  }

  private async warn(caseId: string, now: Date): Promise<TimerOutcome> {
    const decided = decideSlaWarning(await this.load(caseId), now);
    if (!decided) return { outcome: 'nothing_to_do' };
    if ('notBefore' in decided) return decided;
    const { dueAt, event } = decided.warning;
    const recorded = await this.store.recordSlaWarning(caseId, dueAt, event, SYSTEM_ACTOR);
    return { outcome: recorded ? 'recorded' : 'nothing_to_do' };
  }

  private async breach(caseId: string, now: Date): Promise<TimerOutcome> {
    let result: TimerOutcome = { outcome: 'nothing_to_do' };
    await this.writer.applyTo(
      () => this.load(caseId),
      SYSTEM_ACTOR,
      undefined,
      (current: CaseState) => {
        const decided = decideSlaBreach(current, now);
        result = !decided ? { outcome: 'nothing_to_do' } : 'notBefore' in decided ? decided : { outcome: 'recorded' };
        return decided && 'decision' in decided ? decided.decision : { state: current, events: [] };
      },
    );
    return result;
  }

  private async load(caseId: string): Promise<CaseState> {
    const found = await this.store.findById(caseId);
    if (!found) throw notFound('case_not_found', `There is no case with id ${caseId}.`);
    return found;
  }
}
