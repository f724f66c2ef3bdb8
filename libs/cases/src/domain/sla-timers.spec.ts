import { QueueName } from '@app/core';
import { aCase } from './a-case.fixture';
import { decideSlaBreach, decideSlaWarning, escalated, isEscalated, planSlaTimers } from './sla-timers';

// aCase() is due at the end of Monday 16 March 2026 (23:59:59.999 CET): warned of from Friday 13 March, 00:00.
const DUE_AT = new Date('2026-03-16T22:59:59.999Z');
const WARN_AT = new Date('2026-03-12T23:00:00.000Z');
const PAYLOAD = { caseId: '7d1f2b9e-5c1a-4f7e-9a51-0c2a6f0e3b11' };
const BOTH_TIMERS = [
  { queue: QueueName.SlaTimers, name: 'sla-warning', payload: PAYLOAD, runAt: WARN_AT },
  { queue: QueueName.SlaTimers, name: 'sla-breach', payload: PAYLOAD, runAt: new Date('2026-03-16T23:00:00.000Z') },
];
const LATER_DUE = new Date('2026-03-20T22:59:59.999Z');

describe('planSlaTimers', () => {
  it('plans a warning when the case becomes due soon and a breach the first millisecond after its deadline', () => {
    expect(planSlaTimers(null, aCase())).toEqual(BOTH_TIMERS);
  });

  it.each([
    ['the clock starts again when the case leaves waiting', aCase({ status: 'waiting' }), aCase()],
    ['a reopened case gets its timers back', aCase({ status: 'resolved' }), aCase()],
    ['a case that gets a deadline for the first time', aCase({ dueAt: null, dueDate: null }), aCase()],
  ])('%s', (_reason, before, after) => {
    expect(planSlaTimers(before, after)).toEqual(BOTH_TIMERS);
  });

  it('plans for the new deadline when it moves', () => {
    const timers = planSlaTimers(aCase(), aCase({ dueAt: LATER_DUE, dueDate: '2026-03-20' }));
    expect(timers.map((timer) => [timer.name, timer.runAt?.toISOString()])).toEqual([
      ['sla-warning', '2026-03-18T23:00:00.000Z'],
      ['sla-breach', '2026-03-20T23:00:00.000Z'],
    ]);
  });

  it.each([
    ['an edit that leaves the deadline as it was', aCase(), aCase({ subject: 'Changed', version: 4 })],
    ['a case put in waiting', aCase(), aCase({ status: 'waiting' })],
    ['a resolved case', aCase(), aCase({ status: 'resolved' })],
    ['a closed case', aCase({ status: 'resolved' }), aCase({ status: 'closed' })],
    ['a case without a deadline', null, aCase({ dueAt: null, dueDate: null })],
  ])('plans nothing for %s', (_reason, before, after) => {
    expect(planSlaTimers(before, after)).toEqual([]);
  });

  it('leaves out what was already recorded for this deadline (a reopened, already breached case)', () => {
    const breached = aCase({ slaWarnedFor: DUE_AT, slaBreachedFor: DUE_AT });
    expect(planSlaTimers({ ...breached, status: 'resolved' }, breached)).toEqual([]);
    const warned = aCase({ slaWarnedFor: DUE_AT });
    expect(planSlaTimers(null, warned).map((timer) => timer.name)).toEqual(['sla-breach']);
  });
});

describe('decideSlaWarning', () => {
  const NOW = new Date('2026-03-13T08:00:00.000Z');

  it('asks to record the warning for the current deadline, with an sla_warning event at now', () => {
    expect(decideSlaWarning(aCase(), NOW)).toEqual({
      warning: {
        dueAt: DUE_AT,
        event: { type: 'sla_warning', at: NOW, data: { dueDate: '2026-03-16', dueAt: DUE_AT.toISOString() } },
      },
    });
  });

  it('asks to wait when it runs before the case is due soon', () => {
    expect(decideSlaWarning(aCase(), new Date(WARN_AT.getTime() - 1))).toEqual({ notBefore: WARN_AT });
  });

  it('fires at its very instant and at the deadline itself', () => {
    expect(decideSlaWarning(aCase(), WARN_AT)).toHaveProperty('warning');
    expect(decideSlaWarning(aCase(), DUE_AT)).toHaveProperty('warning');
  });

  it.each([
    ['already warned of this deadline (the job ran twice)', aCase({ slaWarnedFor: DUE_AT }), NOW],
    ['past the deadline: the breach speaks', aCase(), new Date(DUE_AT.getTime() + 1)],
    ['resolved', aCase({ status: 'resolved' }), NOW],
    ['waiting', aCase({ status: 'waiting', waitingSince: NOW }), NOW],
    ['without a deadline', aCase({ dueAt: null, dueDate: null }), NOW],
  ])('does nothing for a case %s', (_reason, state, now) => {
    expect(decideSlaWarning(state, now)).toBeNull();
  });

  it('warns of the deadline as it now stands, even when the timer was planned for an older one', () => {
    const moved = aCase({ dueAt: LATER_DUE, dueDate: '2026-03-20', slaWarnedFor: DUE_AT });
    expect(decideSlaWarning(moved, NOW)).toEqual({ notBefore: new Date('2026-03-18T23:00:00.000Z') });
  });
});

describe('decideSlaBreach', () => {
  const AFTER = new Date(DUE_AT.getTime() + 1);

  it('escalates one step, records the deadline breached, and is a new version', () => {
    const state = aCase({ priority: 'normal' });
    expect(decideSlaBreach(state, AFTER)).toEqual({
      decision: {
        state: { ...state, priority: 'high', slaBreachedFor: DUE_AT, updatedAt: AFTER, version: 4 },
        events: [
          {
            type: 'sla_breached',
            data: { dueDate: '2026-03-16', dueAt: DUE_AT.toISOString(), priority: { from: 'normal', to: 'high' } },
          },
        ],
      },
    });
  });

  it('keeps an urgent case urgent and says no priority changed', () => {
    const result = decideSlaBreach(aCase({ priority: 'urgent' }), AFTER);
    expect(result && 'decision' in result && result.decision.state.priority).toBe('urgent');
    expect(result && 'decision' in result && result.decision.events[0].data).toEqual({
      dueDate: '2026-03-16',
      dueAt: DUE_AT.toISOString(),
    });
  });

  it('asks to wait when it runs at or before the deadline', () => {
    expect(decideSlaBreach(aCase(), DUE_AT)).toEqual({ notBefore: AFTER });
  });

  it.each([
    ['already breached for this deadline (the job ran twice)', aCase({ slaBreachedFor: DUE_AT })],
    ['resolved before its deadline', aCase({ status: 'resolved' })],
    ['waiting for the resident', aCase({ status: 'waiting', waitingSince: DUE_AT })],
  ])('does nothing for a case %s', (_reason, state) => {
    expect(decideSlaBreach(state, AFTER)).toBeNull();
  });

  it('breaches again for a new deadline missed after an old one', () => {
    const state = aCase({ dueAt: LATER_DUE, dueDate: '2026-03-20', slaBreachedFor: DUE_AT, priority: 'high' });
    const result = decideSlaBreach(state, new Date(LATER_DUE.getTime() + 1));
    expect(result && 'decision' in result && result.decision.state.priority).toBe('urgent');
  });
});

describe('escalated and isEscalated', () => {
  it.each([
    ['low', 'normal'],
    ['normal', 'high'],
    ['high', 'urgent'],
    ['urgent', 'urgent'],
  ] as const)('%s → %s', (from, to) => {
    expect(escalated(from)).toBe(to);
  });

  it('a case is escalated while its current deadline is the breached one and it is open', () => {
    expect(isEscalated(aCase({ slaBreachedFor: DUE_AT }))).toBe(true);
    expect(isEscalated(aCase({ slaBreachedFor: DUE_AT, dueAt: LATER_DUE }))).toBe(false);
    expect(isEscalated(aCase({ slaBreachedFor: DUE_AT, status: 'resolved' }))).toBe(false);
    expect(isEscalated(aCase())).toBe(false);
  });
});
