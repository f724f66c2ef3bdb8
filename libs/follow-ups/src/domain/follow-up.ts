import { conflict, invalid, QueueName } from '@app/core';
import type { CaseEventDraft } from '@app/cases';
import type { OutboxMessage } from '@app/outbox';

/*
 * Follow-ups as pure rules: a call-back or reminder is scheduled for an instant, becomes `due` then (the worker), and
 * ends `done` or `cancelled` by a person; `failed` when the worker could not make it due (it can be re-driven).
 */

export const FOLLOW_UP_KINDS = ['callback', 'reminder'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const FOLLOW_UP_STATUSES = ['scheduled', 'due', 'done', 'cancelled', 'failed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** A follow-up may be completed or cancelled until it has ended either way. */
const ENDABLE: readonly FollowUpStatus[] = ['scheduled', 'due', 'failed'];

/** How far `dueAt` may lie in the past (clocks a little off, a form filled in slowly) and in the future. */
export const DUE_AT_PAST_TOLERANCE_MS = 5 * 60 * 1000;
export const DUE_AT_MAX_AHEAD_DAYS = 366;

export interface FollowUp {
  id: string;
  caseId: string;
  caseNumber: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  dueAt: Date;
  note: string | null;
  createdBy: string;
  createdAt: Date;
  becameDueAt: Date | null;
  endedBy: string | null;
  endedAt: Date | null;
  outcome: string | null;
}

export interface ScheduleCommand {
  kind: FollowUpKind;
  dueAt: Date;
  note?: string | null;
}

/** What scheduling writes: the follow-up, its history event, and the delayed job that makes it due. */
export interface ScheduleDecision {
  followUp: Omit<FollowUp, 'caseNumber'>;
  event: CaseEventDraft;
  job: OutboxMessage;
}

/** The job that makes a follow-up due at its instant. */
export const FOLLOW_UP_DUE_JOB = 'follow-up-due';

export function decideSchedule(
  command: ScheduleCommand,
  target: { caseId: string; caseStatus: string },
  context: { id: string; now: Date; actor: string },
): ScheduleDecision {
  if (target.caseStatus === 'closed') throw caseClosed();
  const { now } = context;
  if (command.dueAt.getTime() < now.getTime() - DUE_AT_PAST_TOLERANCE_MS) {
    throw invalid('due_at_in_past', 'dueAt lies in the past.', [
      { field: 'dueAt', message: 'must not be more than 5 minutes in the past' },
    ]);
  }
  if (command.dueAt.getTime() > now.getTime() + DUE_AT_MAX_AHEAD_DAYS * 24 * 3600 * 1000) {
    throw invalid('due_at_too_far', 'dueAt lies too far ahead.', [
      { field: 'dueAt', message: `must be within ${DUE_AT_MAX_AHEAD_DAYS} days` },
    ]);
  }
  const note = command.note?.trim() || null;
  const followUp = {
    id: context.id,
    caseId: target.caseId,
    kind: command.kind,
    status: 'scheduled' as const,
    dueAt: command.dueAt,
    note,
    createdBy: context.actor,
    createdAt: now,
    becameDueAt: null,
    endedBy: null,
    endedAt: null,
    outcome: null,
  };
  return {
    followUp,
    // The note stays out of the history: it may say anything about the resident.
    event: { type: 'follow_up_scheduled', at: now, data: eventData(followUp) },
    job: {
      queue: QueueName.FollowUps,
      name: FOLLOW_UP_DUE_JOB,
      payload: { followUpId: followUp.id },
      runAt: followUp.dueAt,
    },
  };
}

export function caseClosed() {
  return conflict('case_closed', 'A closed case takes no follow-ups; reopen it first.');
}

export type EndAction = 'complete' | 'cancel';

/** Completing or cancelling: allowed until the follow-up has ended. */
export function decideEnd(
  followUp: FollowUp,
  action: EndAction,
  context: { now: Date; actor: string; outcome?: string | null },
): { followUp: FollowUp; event: CaseEventDraft } {
  if (!ENDABLE.includes(followUp.status)) {
    throw conflict('follow_up_ended', `The follow-up is already ${followUp.status === 'done' ? 'done' : 'cancelled'}.`);
  }
  const ended: FollowUp = {
    ...followUp,
    status: action === 'complete' ? 'done' : 'cancelled',
    endedBy: context.actor,
    endedAt: context.now,
    outcome: action === 'complete' ? context.outcome?.trim() || null : null,
  };
  return {
    followUp: ended,
    event: {
      type: action === 'complete' ? 'follow_up_completed' : 'follow_up_cancelled',
      at: context.now,
      data: { ...eventData(followUp), from: followUp.status },
    },
  };
}

/** What the history says of a follow-up: never its note. */
export function eventData(followUp: Pick<FollowUp, 'id' | 'kind' | 'dueAt'>): Record<string, string> {
  return { followUpId: followUp.id, kind: followUp.kind, dueAt: followUp.dueAt.toISOString() };
}
