import { DomainError } from '@app/core';
import { ALLOWED_TRANSITIONS, assertTransition, canTransition, CASE_STATUSES, CaseStatus } from './case-status';

/** The contract, written out independently of the implementation's table. */
const CONTRACT: Record<CaseStatus, CaseStatus[]> = {
  new: ['assigned', 'closed'],
  assigned: ['in_progress', 'waiting', 'resolved', 'closed'],
  in_progress: ['waiting', 'resolved'],
  waiting: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

const STATUSES: CaseStatus[] = ['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'];
const ALL_PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to })));
const ALLOWED_PAIRS = ALL_PAIRS.filter(({ from, to }) => CONTRACT[from].includes(to));
const REJECTED_PAIRS = ALL_PAIRS.filter(({ from, to }) => !CONTRACT[from].includes(to));

describe('case statuses', () => {
  it('are exactly the six statuses, in lifecycle order', () => {
    expect(CASE_STATUSES).toEqual(STATUSES);
  });

  it('covers all 36 pairs: 12 allowed and 24 rejected', () => {
    expect(ALL_PAIRS).toHaveLength(36);
    expect(ALLOWED_PAIRS).toHaveLength(12);
    expect(REJECTED_PAIRS).toHaveLength(24);
  });

  it('has a table that names only known statuses', () => {
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    expect(
      Object.values(ALLOWED_TRANSITIONS)
        .flat()
        .every((to) => STATUSES.includes(to)),
    ).toBe(true);
  });
});

describe.each(ALLOWED_PAIRS)('$from → $to', ({ from, to }) => {
  it('is allowed', () => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });
});

describe.each(REJECTED_PAIRS)('$from → $to', ({ from, to }) => {
  it('is rejected with invalid_transition (conflict)', () => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(DomainError);
    expect(() => assertTransition(from, to)).toThrow(
      expect.objectContaining({ code: 'invalid_transition', kind: 'conflict' }),
    );
  });
});

describe('assertTransition messages', () => {
  it.each([
    [
      'assigned',
      'new',
      'A case that is assigned cannot become new; it may become in_progress, waiting, resolved, closed.',
    ],
    ['new', 'new', 'A case that is new cannot become new; it may become assigned, closed.'],
    ['closed', 'in_progress', 'A case that is closed cannot become in_progress; it is final.'],
  ] as const)('%s → %s explains what is allowed', (from, to, message) => {
    expect(() => assertTransition(from, to)).toThrow(message);
  });
});
