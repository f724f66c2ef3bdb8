import { DomainError } from '@app/core';

export const CASE_STATUSES = ['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Still needing work: counted in the assignee's load, and given an SLA state. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'assigned', 'in_progress', 'waiting'];

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Open and not waiting for the resident (KPA art. 35 §5): the SLA clock runs. */
export const SLA_CLOCK_STATUSES: readonly CaseStatus[] = OPEN_STATUSES.filter((status) => status !== 'waiting');

/** Which status may follow which. Re-routing is separate: it puts a case (back) in `assigned`. */
export const ALLOWED_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['assigned', 'closed'],
  assigned: ['in_progress', 'waiting', 'resolved', 'closed'],
  in_progress: ['waiting', 'resolved'],
  waiting: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) {
    const allowed = ALLOWED_TRANSITIONS[from];
    throw new DomainError(
      'invalid_transition',
      `A case that is ${from} cannot become ${to}` +
        (allowed.length ? `; it may become ${allowed.join(', ')}.` : '; it is final.'),
      'conflict',
    );
  }
}
