import { DomainError, QueueName } from '@app/core';
import { decideEnd, decideSchedule, FollowUp } from './follow-up';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const CONTEXT = { id: '0b5e8f8e-1111-4222-8333-444455556666', now: NOW, actor: 'anna.agent' };
const TARGET = { caseId: '7d1f2b9e-5c1a-4f7e-9a51-0c2a6f0e3b11', caseStatus: 'assigned' };
const MINUTE_MS = 60 * 1000;

function expectDomainError(action: () => unknown, code: string, kind: string, field?: string): void {
  expect(action).toThrow(DomainError);
  expect(action).toThrow(expect.objectContaining({ code, kind }));
  if (field) {
    expect(action).toThrow(expect.objectContaining({ details: { errors: [expect.objectContaining({ field })] } }));
  }
}

describe('decideSchedule', () => {
  it('schedules the follow-up, records it without its note, and queues its job for dueAt', () => {
    const dueAt = new Date('2026-11-27T08:30:00.000Z');
    expect(decideSchedule({ kind: 'callback', dueAt, note: '  Oddzwonić po 9  ' }, TARGET, CONTEXT)).toEqual({
      followUp: {
        id: CONTEXT.id,
        caseId: TARGET.caseId,
        kind: 'callback',
        status: 'scheduled',
        dueAt,
        note: 'Oddzwonić po 9',
        createdBy: 'anna.agent',
        createdAt: NOW,
        becameDueAt: null,
        endedBy: null,
        endedAt: null,
        outcome: null,
      },
      event: {
        type: 'follow_up_scheduled',
        at: NOW,
        data: { followUpId: CONTEXT.id, kind: 'callback', dueAt: '2026-11-27T08:30:00.000Z' },
      },
      job: { queue: QueueName.FollowUps, name: 'follow-up-due', payload: { followUpId: CONTEXT.id }, runAt: dueAt },
    });
  });

  it.each([
    ['a blank note as none', '   ', null],
    ['no note as none', undefined, null],
  ])('keeps %s', (_reason, note, expected) => {
    expect(decideSchedule({ kind: 'reminder', dueAt: NOW, note }, TARGET, CONTEXT).followUp.note).toBe(expected);
  });

  it.each([
    ['5 minutes in the past (a slow form, a clock a little off)', -5 * MINUTE_MS],
    ['now', 0],
    ['366 days ahead', 366 * 24 * 60 * MINUTE_MS],
  ])('accepts a dueAt %s', (_reason, offsetMs) => {
    const dueAt = new Date(NOW.getTime() + offsetMs);
    expect(decideSchedule({ kind: 'callback', dueAt }, TARGET, CONTEXT).followUp.dueAt).toEqual(dueAt);
  });

  it.each([
    ['more than 5 minutes in the past', -5 * MINUTE_MS - 1, 'due_at_in_past'],
    ['more than 366 days ahead', 366 * 24 * 60 * MINUTE_MS + 1, 'due_at_too_far'],
  ])('refuses a dueAt %s', (_reason, offsetMs, code) => {
    const dueAt = new Date(NOW.getTime() + offsetMs);
    expectDomainError(() => decideSchedule({ kind: 'callback', dueAt }, TARGET, CONTEXT), code, 'invalid', 'dueAt');
  });

  it('refuses a closed case, and takes any other', () => {
    const closed = { ...TARGET, caseStatus: 'closed' };
    expectDomainError(
      () => decideSchedule({ kind: 'callback', dueAt: NOW }, closed, CONTEXT),
      'case_closed',
      'conflict',
    );
    for (const caseStatus of ['new', 'assigned', 'in_progress', 'waiting', 'resolved']) {
      expect(decideSchedule({ kind: 'callback', dueAt: NOW }, { ...TARGET, caseStatus }, CONTEXT)).toBeTruthy();
    }
  });
});

describe('decideEnd', () => {
  const followUp: FollowUp = {
    ...decideSchedule({ kind: 'callback', dueAt: NOW }, TARGET, CONTEXT).followUp,
    caseNumber: '2026-000017-9',
  };
  const LATER = new Date('2026-11-26T11:00:00.000Z');

  it.each(['scheduled', 'due', 'failed'] as const)(
    'completes a %s follow-up, keeping its outcome off the history',
    (status) => {
      const ended = decideEnd({ ...followUp, status }, 'complete', {
        now: LATER,
        actor: 'ola',
        outcome: ' Poinformowana ',
      });
      expect(ended.followUp).toEqual({
        ...followUp,
        status: 'done',
        endedBy: 'ola',
        endedAt: LATER,
        outcome: 'Poinformowana',
      });
      expect(ended.event).toEqual({
        type: 'follow_up_completed',
        at: LATER,
        data: { followUpId: followUp.id, kind: 'callback', dueAt: NOW.toISOString(), from: status },
      });
    },
  );

  it('cancels without an outcome', () => {
    const ended = decideEnd(followUp, 'cancel', { now: LATER, actor: 'ola', outcome: 'ignored' });
    expect(ended.followUp).toEqual(expect.objectContaining({ status: 'cancelled', outcome: null, endedBy: 'ola' }));
    expect(ended.event.type).toBe('follow_up_cancelled');
  });

  it.each([
    ['done', 'complete'],
    ['done', 'cancel'],
    ['cancelled', 'complete'],
    ['cancelled', 'cancel'],
  ] as const)('refuses to end a %s follow-up again (%s)', (status, action) => {
    expectDomainError(
      () => decideEnd({ ...followUp, status }, action, { now: LATER, actor: 'ola' }),
      'follow_up_ended',
      'conflict',
    );
  });
});
