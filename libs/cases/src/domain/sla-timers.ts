import { PRIORITIES, QueueName } from '@app/core';
import type { OutboxMessage } from '@app/outbox';
import { slaWarningAt } from '@app/routing';
import { CaseEventDraft, CaseState, Decision, Priority } from './case';
import { isOpen, SLA_CLOCK_STATUSES } from './case-status';

/*
 * SLA timers as pure functions. Every change to a case that sets its deadline running or moves it plans a warning
 * (when the case becomes due soon) and a breach (at the deadline); the worker runs them at those instants and decides
 * again against the case as it then is. Nothing cancels a timer: one whose case was resolved, put in waiting or given
 * another deadline finds nothing to do, and one that runs twice finds its work recorded.
 */

export const SLA_TIMER_NAMES = ['sla-warning', 'sla-breach'] as const;
export type SlaTimerName = (typeof SLA_TIMER_NAMES)[number];

/** A case whose SLA clock runs, with a deadline. */
function clockRuns(state: CaseState): state is CaseState & { dueAt: Date } {
  return SLA_CLOCK_STATUSES.includes(state.status) && state.dueAt !== null;
}

/**
 * The timers a change calls for: when the clock starts (intake, leaving `waiting`, reopening) or the deadline moves,
 * a warning and a breach for the deadline as it now stands, unless already recorded for it.
 */
export function planSlaTimers(before: CaseState | null, after: CaseState): OutboxMessage[] {
  if (!clockRuns(after)) return [];
  if (before && clockRuns(before) && before.dueAt.getTime() === after.dueAt.getTime()) return [];
  const payload = { caseId: after.id };
  const timers: OutboxMessage[] = [];
  if (!sameInstant(after.slaWarnedFor, after.dueAt)) {
    timers.push({ queue: QueueName.SlaTimers, name: 'sla-warning', payload, runAt: slaWarningAt(after.dueAt) });
  }
  if (!sameInstant(after.slaBreachedFor, after.dueAt)) {
    // Overdue is strictly after dueAt (slaStateOf): the first millisecond past it.
    const breachAt = new Date(after.dueAt.getTime() + 1);
    timers.push({ queue: QueueName.SlaTimers, name: 'sla-breach', payload, runAt: breachAt });
  }
  return timers;
}

/** To wait until its instant: the timer ran early. */
export type NotBefore = { notBefore: Date };

/**
 * The warning to record for `dueAt`: the store writes it only while the case is still open, not waiting, due then and
 * not yet warned of it — one conditional statement, so two timers racing (or the sweep and a timer) record it once.
 * It leaves the case's version alone: the case as staff see it does not change, so nobody's `If-Match` fails.
 */
export type SlaWarning = { warning: { dueAt: Date; event: CaseEventDraft } };

/** The warning, once the case is due soon and not yet overdue (the breach speaks for itself then). */
export function decideSlaWarning(state: CaseState, now: Date): SlaWarning | NotBefore | null {
  if (!clockRuns(state) || sameInstant(state.slaWarnedFor, state.dueAt)) return null;
  if (now > state.dueAt) return null;
  const warnAt = slaWarningAt(state.dueAt);
  if (now < warnAt) return { notBefore: warnAt };
  const data = { dueDate: state.dueDate, dueAt: state.dueAt.toISOString() };
  return { warning: { dueAt: state.dueAt, event: { type: 'sla_warning', at: now, data } } };
}

/**
 * The breach, once the deadline has passed: recorded, and the case escalated by raising its priority one step — a
 * new version, saved under the version guard like any change.
 */
export function decideSlaBreach(state: CaseState, now: Date): { decision: Decision } | NotBefore | null {
  if (!clockRuns(state) || sameInstant(state.slaBreachedFor, state.dueAt)) return null;
  if (now <= state.dueAt) return { notBefore: new Date(state.dueAt.getTime() + 1) };
  const priority = escalated(state.priority);
  return {
    decision: {
      state: { ...state, priority, slaBreachedFor: state.dueAt, updatedAt: now, version: state.version + 1 },
      events: [
        {
          type: 'sla_breached',
          data: {
            dueDate: state.dueDate,
            dueAt: state.dueAt.toISOString(),
            ...(priority === state.priority ? {} : { priority: { from: state.priority, to: priority } }),
          },
        },
      ],
    },
  };
}

/** One step more urgent; `urgent` stays. */
export function escalated(priority: Priority): Priority {
  return PRIORITIES[Math.min(PRIORITIES.indexOf(priority) + 1, PRIORITIES.length - 1)];
}

/** Whether the case's current deadline was breached and the case escalated for it. */
export function isEscalated(state: CaseState): boolean {
  return isOpen(state.status) && state.dueAt !== null && sameInstant(state.slaBreachedFor, state.dueAt);
}

function sameInstant(a: Date | null, b: Date): boolean {
  return a !== null && a.getTime() === b.getTime();
}
